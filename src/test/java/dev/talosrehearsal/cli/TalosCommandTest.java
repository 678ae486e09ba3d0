package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalEnv;
import dev.talosrehearsal.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code talos-rehearsal talos ...} against the seed's cluster, simulated, through a talosconfig file. */
class TalosCommandTest {
    static final Path HOMELAB = Path.of("fixtures/homelab");
    static SimulatedTalosNodes cluster;
    @TempDir
    static Path dir;
    static Path talosconfig;

    @BeforeAll
    static void startHomelab() throws IOException {
        TalConfig before = new TalConfigLoader(TalEnv.read(HOMELAB.resolve("talenv.yaml"))).load(HOMELAB.resolve("before/talconfig.yaml"));
        RenderedCluster rendered = new ClusterRenderer().render(before, SecretsFile.read(HOMELAB.resolve("talsecret.yaml")));
        cluster = SimulatedTalosNodes.start(new SimulatedTalosNodes.Spec(rendered, before.talosVersion(),
                Inventory.read(HOMELAB.resolve("inventory.yaml")), SecretsFile.read(HOMELAB.resolve("talsecret.yaml")),
                null, NodeTimings.DEFAULT, new SimClock()));
        talosconfig = dir.resolve("talosconfig");
        Files.writeString(talosconfig, cluster.talosconfig());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void versionListsEveryNodeOfTheContext() {
        CliRun run = CliRun.of("talos", "version", "--talosconfig", talosconfig.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().toList().get(0)).as("a header row, as talosctl prints").startsWith("NODE").contains("TAG");
        assertThat(run.out().lines().skip(1)).hasSize(5).allMatch(l -> l.contains("v1.11.5"));
        // nodes are named as targeted, as talosctl names them (one node-metadata call each, replies without metadata)
        assertThat(run.out()).contains("192.168.20.10").contains("192.168.20.21");
    }

    @Test
    void servicesOfOneNodeShowTheTailscaleExtensionRunning() {
        CliRun run = CliRun.of("talos", "services", "--talosconfig", talosconfig.toString(), "-n", "192.168.20.20");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).containsPattern("192.168.20.20 +ext-tailscale +Running");
        assertThat(run.out()).containsPattern("192.168.20.20 +kubelet +Running");
    }

    @Test
    void etcdMembersShowPeerUrlsOnTheOverlay() {
        CliRun run = CliRun.of("talos", "etcd-members", "--talosconfig", talosconfig.toString(), "-n", "192.168.20.10");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().toList().get(0)).startsWith("NODE").contains("PEER URLS");
        assertThat(run.out().lines().skip(1)).hasSize(3).allMatch(l -> l.contains("https://100.101.0.1"));
    }

    @Test
    void aNodeThatFailsIsNamedOnStderrAndTheCommandExitsOne() {
        CliRun run = CliRun.of("talos", "etcd-members", "--talosconfig", talosconfig.toString(), "-n", "192.168.20.10,192.168.20.20");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("192.168.20.10");
        assertThat(run.err()).contains("192.168.20.20: UNIMPLEMENTED");
    }

    @Test
    void anUnreachableEndpointIsOneLineAndExitTwo() {
        CliRun run = CliRun.of("talos", "version", "--talosconfig", talosconfig.toString(), "-e", "127.0.0.1:1", "--timeout", "3");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("UNAVAILABLE");
    }

    @Test
    void malformedTalosconfigsAreBadInputNamingFileLineAndField() throws IOException {
        String good = cluster.talosconfig();
        assertBad(good.replace("context: homelab", "context: staging"), "talosconfig:2: contexts: no context named 'staging'");
        assertBad(good.replaceFirst("ca: [A-Za-z0-9+/=]+", "ca: not*base64"), "ca: not valid base64");
        assertBad(good.replaceFirst("crt: [A-Za-z0-9+/=]+", "crt: aGVsbG8="), "crt: not a PEM certificate");
        assertBad(good.replaceFirst("key: [A-Za-z0-9+/=]+", "key: aGVsbG8="), "key: not a PEM private key");
        assertBad("context: [", "not valid YAML");
        CliRun missing = CliRun.of("talos", "version", "--talosconfig", dir.resolve("nope").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("talosconfig not found");
    }

    private static void assertBad(String content, String expected) throws IOException {
        Path file = dir.resolve("talosconfig");
        Path bad = dir.resolve("bad").resolve("talosconfig");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, content);
        CliRun run = CliRun.of("talos", "version", "--talosconfig", bad.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err().replace(bad.getParent() + "/", "")).as(run.toString()).contains(expected);
        assertThat(run.err()).doesNotContain("PRIVATE KEY").doesNotContain("\tat ");
        assertThat(file).exists();
    }
}
