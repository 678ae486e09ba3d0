package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.machineconfig.ClusterSide;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.rehearsal.RehearsalDirectory;
import dev.talosrehearsal.talconfig.TalEnv;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rehearsal directory whose before/ holds the nodes' machine configs (genconfig's layout, what capture writes)
 * instead of a talconfig: it loads as the same cluster, at the release its installer images are tagged with, and lint
 * --from such a directory finds what it finds --from the talconfig.
 */
class MachineConfigSideTest {
    @TempDir
    Path work;

    /** A copy of fixtures/homelab whose before/ is genconfig's output of before/talconfig.yaml. */
    private Path homelabWithMachineConfigs() throws IOException {
        Path dir = Fixtures.copy("homelab", work.resolve("homelab"));
        Path rendered = work.resolve("rendered");
        CliRun genconfig = CliRun.of("genconfig", "-c", dir.resolve("before/talconfig.yaml").toString(), "-s",
                dir.resolve("talsecret.yaml").toString(), "-e", dir.resolve("talenv.yaml").toString(), "-o", rendered.toString());
        assertThat(genconfig.exitCode()).as(genconfig.toString()).isZero();
        Files.delete(dir.resolve("before/talconfig.yaml"));
        Files.delete(rendered.resolve("talosconfig")); // genconfig's talosconfig is not a node's config
        try (var files = Files.list(rendered)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                Files.copy(f, dir.resolve("before").resolve(f.getFileName()));
            }
        }
        return dir;
    }

    @Test
    void machineConfigsLoadAsTheClusterTheTalconfigRendersAtItsInstallerRelease() throws IOException {
        Path dir = homelabWithMachineConfigs();
        ClusterSide fromTalconfig = ClusterSide.load(Path.of("fixtures/homelab/before/talconfig.yaml"),
                TalEnv.read(Path.of("fixtures/homelab/talenv.yaml")), SecretsFile.read(Path.of("fixtures/homelab/talsecret.yaml")));

        RehearsalDirectory inputs = new RehearsalDirectory(dir, "after");

        assertThat(inputs.beforeSource()).isEqualTo(dir.resolve("before"));
        assertThat(inputs.before().machineConfigs()).isTrue();
        assertThat(inputs.beforeVersion()).isEqualTo(fromTalconfig.version().orElseThrow());
        assertThat(inputs.beforeConfigs().nodes()).hasSameSizeAs(fromTalconfig.rendered().nodes());
        for (var node : fromTalconfig.rendered().nodes()) {
            var read = inputs.beforeConfigs().node(node.hostname()).orElseThrow();
            assertThat(read.config()).as(node.hostname()).isEqualTo(node.config());
            assertThat(read.controlPlane()).isEqualTo(node.controlPlane());
        }
        assertThat(RehearsalDirectory.isRehearsalDirectory(dir)).isTrue();
        assertThat(RehearsalDirectory.isRehearsalDirectory(work)).isFalse();
    }

    @Test
    void lintFromMachineConfigsFindsWhatItFindsFromTheTalconfig() throws IOException {
        Path dir = homelabWithMachineConfigs();
        Map<String, Path> from = Map.of("talconfig", Path.of("fixtures/homelab/before/talconfig.yaml"), "configs", dir.resolve("before"));
        String[] outputs = new String[2];
        int i = 0;
        for (String side : new String[] {"talconfig", "configs"}) {
            CliRun lint = CliRun.of("lint", "-c", "fixtures/homelab/after-as-written/talconfig.yaml", "-s", "fixtures/homelab/talsecret.yaml",
                    "-e", "fixtures/homelab/talenv.yaml", "--from", from.get(side).toString(), "--tailnet", "tailnet-4d89.ts.net");
            assertThat(lint.exitCode()).as(lint.toString()).isEqualTo(1);
            outputs[i++] = lint.out();
        }
        assertThat(outputs[1]).isEqualTo(outputs[0]).contains("serve-https-without-web");
    }
}
