package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import dev.talosrehearsal.testing.FreshJvmRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** genconfig, gensecret and diff as an operator uses them, on a copy of the seed's homelab cluster. */
class GenconfigCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void copyHomelab() {
        Fixtures.copy("homelab", dir);
    }

    private CliRun genconfig(String variant, String... extra) {
        return CliRun.of(arguments(variant, extra));
    }

    private String[] arguments(String variant, String... extra) {
        String[] base = {"genconfig", "-c", dir.resolve(variant + "/talconfig.yaml").toString(),
                "-s", dir.resolve("talsecret.yaml").toString(), "-e", dir.resolve("talenv.yaml").toString(),
                "-o", dir.resolve("clusterconfig").toString()};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return args;
    }

    @Test
    void dryRunShowsTheWholeNewFileForAnEmptyOutputDirectoryAndWritesNothing() {
        CliRun run = genconfig("after", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("+++ ").contains("+    type: controlplane");
        assertThat(dir.resolve("clusterconfig")).doesNotExist();
    }

    @Test
    void dryRunAgainstThePreviousGenerationShowsOnlyWhatTheMigrationChanges() throws IOException {
        assertThat(genconfig("before").exitCode()).isZero();
        String before = Files.readString(dir.resolve("clusterconfig/homelab-talos-master-0.yaml"));

        CliRun run = genconfig("after", "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("-                - 100.64.0.0/10").contains("+                - 192.168.20.0/24")
                .doesNotContain("+    type: controlplane")
                .doesNotContain("tskey-auth-").contains("<redacted>");
        assertThat(Files.readString(dir.resolve("clusterconfig/homelab-talos-master-0.yaml"))).isEqualTo(before);
    }

    @Test
    void dryRunWithNothingToChangeSaysSoPerNode() {
        assertThat(genconfig("after").exitCode()).isZero();

        CliRun run = genconfig("after", "--dry-run");

        assertThat(run.out().lines().filter(l -> l.startsWith("no changes found on ")).count()).isEqualTo(5);
    }

    /**
     * Today's talhelper ignores a node's or group's {@code extensions:} (older releases read it; talhelper's test input
     * nodeconfig_test still has one), so the config renders as without it, and the user is told that no extension comes
     * from there.
     */
    @Test
    void aRetiredExtensionsKeyRendersAsTalhelperDoesWithoutItAndIsWarnedAbout() throws IOException {
        assertThat(genconfig("after").exitCode()).isZero();
        String without = Files.readString(dir.resolve("clusterconfig/homelab-talos-master-0.yaml"));
        Path talconfig = dir.resolve("after/talconfig.yaml");
        Files.writeString(talconfig, Files.readString(talconfig).replace("controlPlane:\n  nameservers:",
                "controlPlane:\n  extensions:\n    - image: ghcr.io/siderolabs/tailscale:1.78.1\n  nameservers:"));

        CliRun run = genconfig("after");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).contains("warning: " + talconfig + ":34: controlPlane.extensions: talhelper no longer reads this key and"
                + " ignores it, so no extension is installed from it");
        assertThat(Files.readString(dir.resolve("clusterconfig/homelab-talos-master-0.yaml"))).isEqualTo(without);
    }

    @Test
    void newSecretsCreatesAndSavesABundleForABrandNewClusterOnly() throws IOException {
        Files.delete(dir.resolve("talsecret.yaml"));

        FreshJvmRun.Result first = FreshJvmRun.generatingABundle(arguments("after", "--new-secrets"));
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("talsecret.yaml")))).isEqualTo("rw-------");
        // the saved bundle is what the configs were rendered with: a normal run now changes nothing
        String config = Files.readString(dir.resolve("clusterconfig/homelab-talos-master-0.yaml"));
        assertThat(genconfig("after").exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("clusterconfig/homelab-talos-master-0.yaml"))).isEqualTo(config);

        CliRun again = genconfig("after", "--new-secrets");
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("talsecret.yaml").contains("exists already");
    }

    @Test
    void gensecretNeverOverwritesAnExistingBundle() throws IOException {
        String existing = Files.readString(dir.resolve("talsecret.yaml"));

        CliRun run = CliRun.of("gensecret", "-o", dir.resolve("talsecret.yaml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("refusing to overwrite");
        assertThat(Files.readString(dir.resolve("talsecret.yaml"))).isEqualTo(existing);
    }

    @Test
    void aGitignoreKeepsWhatTheUserHadAndAddsTheGeneratedFiles() throws IOException {
        Files.createDirectories(dir.resolve("clusterconfig"));
        Files.writeString(dir.resolve("clusterconfig/.gitignore"), "notes.txt\ntalosconfig\n");

        assertThat(genconfig("after").exitCode()).isZero();

        assertThat(Files.readString(dir.resolve("clusterconfig/.gitignore"))).isEqualTo("notes.txt\ntalosconfig\n"
                + "homelab-talos-master-0.yaml\nhomelab-talos-master-1.yaml\nhomelab-talos-master-2.yaml\n"
                + "homelab-talos-worker-gpu-0.yaml\nhomelab-talos-worker-gpu-1.yaml\n");
    }

    @Test
    void diffOfTwoClusterconfigDirectoriesExitsOneOnChangesAndZeroWithout() {
        assertThat(CliRun.of("genconfig", "-c", dir.resolve("before/talconfig.yaml").toString(), "-s", dir.resolve("talsecret.yaml").toString(),
                "-e", dir.resolve("talenv.yaml").toString(), "-o", dir.resolve("old").toString()).exitCode()).isZero();
        assertThat(CliRun.of("genconfig", "-c", dir.resolve("after/talconfig.yaml").toString(), "-s", dir.resolve("talsecret.yaml").toString(),
                "-e", dir.resolve("talenv.yaml").toString(), "-o", dir.resolve("new").toString()).exitCode()).isZero();

        CliRun changed = CliRun.of("diff", "--summary", dir.resolve("old").toString(), dir.resolve("new").toString());
        CliRun same = CliRun.of("diff", "--summary", dir.resolve("new").toString(), dir.resolve("new").toString());

        assertThat(changed.exitCode()).as(changed.toString()).isEqualTo(1);
        assertThat(changed.out()).contains("homelab-talos-worker-gpu-1.yaml: ").contains("machine.kubelet.nodeIP.validSubnets")
                .contains("-ExtensionServiceConfig/tailscale");
        assertThat(same.exitCode()).as(same.toString()).isZero();
        assertThat(same.out()).contains("homelab-talos-master-0.yaml: no changes");
    }

    @Test
    void everyCommandAnswersHelpAndTheToolItsVersion() {
        for (String command : new String[] {"genconfig", "gensecret", "diff", "bench"}) {
            CliRun help = CliRun.of(command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Usage: talos-rehearsal " + command);
        }
        assertThat(CliRun.of("--version").out()).startsWith("talos-rehearsal ");
    }

    @Test
    void anUnknownOptionIsBadInput() {
        CliRun run = CliRun.of("genconfig", "--frobnicate");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--frobnicate'");
    }
}
