package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Homelab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code talos get} against the simulated homelab through a talosconfig file, as talosctl get would show it. */
class TalosGetCommandTest {
    static SimulatedTalosNodes cluster;
    @TempDir
    static Path dir;
    static Path talosconfig;

    @BeforeAll
    static void start() throws IOException {
        cluster = Homelab.startTalosApi("before");
        talosconfig = dir.resolve("talosconfig");
        Files.writeString(talosconfig, cluster.talosconfig());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static CliRun get(String... args) {
        return CliRun.of(talosGet(talosconfig, args));
    }

    /** {@code talos get ARGS --talosconfig FILE}: the command line of these tests and of TalosGetWatchCommandTest. */
    static String[] talosGet(Path talosconfig, String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "talos";
        all[1] = "get";
        System.arraycopy(args, 0, all, 2, args.length);
        all[args.length + 2] = "--talosconfig";
        all[args.length + 3] = talosconfig.toString();
        return all;
    }

    /** talosctl's table (cmd/talosctl/cmd/talos/output/table.go) with AddressStatus's own columns. */
    @Test
    void addressesAsATableWithTheDefinitionsColumns() {
        CliRun run = get("addresses", "-n", "192.168.20.10");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().findFirst().orElseThrow().split("\\s+"))
                .containsExactly("NODE", "NAMESPACE", "TYPE", "ID", "VERSION", "ADDRESS", "LINK");
        assertThat(run.out()).containsPattern("192\\.168\\.20\\.10 +network +AddressStatus +eth0/192\\.168\\.20\\.10/24 +\\d+ +192\\.168\\.20\\.10/24 +eth0");
        assertThat(run.out()).contains("tailscale0/100.101.0.10/32");
    }

    @Test
    void nodeAddressesOfTwoNodesAsYaml() {
        CliRun run = get("nodeaddresses", "routed-no-k8s", "-n", "192.168.20.11,192.168.20.21", "-o", "yaml");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("node: 192.168.20.11").contains("node: 192.168.20.21").contains("---\n")
                .contains("type: NodeAddresses.net.talos.dev").contains("- 192.168.20.21/24");
    }

    @Test
    void membersAndEtcdMembersAsJson() {
        CliRun members = get("members", "-n", "192.168.20.10", "-o", "json");
        assertThat(members.exitCode()).as(members.toString()).isZero();
        assertThat(members.out()).contains("\"machineType\" : \"worker\"").contains("\"id\" : \"talos-worker-gpu-1\"");

        CliRun etcd = get("etcdmembers", "-n", "192.168.20.12");
        assertThat(etcd.out()).contains("MEMBER ID").contains("EtcdMember").contains("local");
    }

    /** config/machine_config.go marks the type sensitive: never on the terminal, in full only in a 0600 file. */
    @Test
    void machineConfigIsRedactedOnTheTerminalAndWholeOnlyInAPrivateFile() throws IOException {
        CliRun shown = get("machineconfig", "v1alpha1", "-n", "192.168.20.10", "-o", "yaml");
        assertThat(shown.exitCode()).as(shown.toString()).isZero();
        assertThat(shown.out()).contains("redacted").doesNotContain("BEGIN").doesNotContain("secretboxEncryptionSecret")
                .doesNotContain("token:");

        Path file = dir.resolve("mc.yaml");
        CliRun written = get("machineconfig", "v1alpha1", "-n", "192.168.20.10", "-o", "yaml", "--output-file", file.toString());
        assertThat(written.exitCode()).as(written.toString()).isZero();
        assertThat(written.out()).isEmpty();
        assertThat(written.err()).doesNotContain("token");
        assertThat(Files.readString(file)).contains("hostname: talos-master-0").contains("token:");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");

        // without -o the file gets the resource in full too, not the table (found by a user trial: it wrote two table lines)
        Path bare = dir.resolve("mc-bare.yaml");
        assertThat(get("machineconfig", "v1alpha1", "-n", "192.168.20.10", "--output-file", bare.toString()).exitCode()).isZero();
        assertThat(Files.readString(bare)).contains("hostname: talos-master-0").doesNotContain("NAMESPACE");
    }

    @Test
    void anUnknownTypeIsBadInputOnOneLine() {
        CliRun run = get("nosuchthing");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("resource \"nosuchthing\" is not registered");
    }

    @Test
    void aMissingResourceOnOneNodeOfTwoIsReportedAndTheOtherPrinted() {
        CliRun run = get("etcdmembers", "local", "-n", "192.168.20.10,192.168.20.20");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("192.168.20.10");
        assertThat(run.err()).contains("192.168.20.20: NOT_FOUND");
    }
}
