package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The homelab's migration at every Talos minor the generator renders: the same talconfigs with only
 * {@code talosVersion} changed. Between releases the documents move (hostname and nameservers into
 * HostnameConfig / ResolverConfig at v1.12, no empty machine.network at v1.13) and the node model
 * follows each release (etcd's listen addresses, the concurrent-apply guard), so lint, the gates
 * and the verification must find the new addresses wherever that release keeps them.
 */
class RehearseAcrossTalosReleasesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "talosVersion {0}")
    @ValueSource(strings = {"v1.8.4", "v1.10.7", "v1.12.9", "v1.13.9"})
    void theHomelabMigrationPassesAndItsAsWrittenServeConfigFails(String version) throws Exception {
        Fixtures.copy("homelab", dir);
        for (String variant : new String[] {"before", "after", "after-as-written"}) {
            Path talconfig = dir.resolve(variant).resolve("talconfig.yaml");
            String text = Files.readString(talconfig);
            assertThat(text).contains("talosVersion: v1.11.5");
            Files.writeString(talconfig, text.replace("talosVersion: v1.11.5", "talosVersion: " + version));
        }

        CliRun passing = CliRun.of("rehearse", dir.toString());
        assertThat(passing.exitCode()).as(passing.out() + passing.err()).isZero();
        assertThat(passing.out())
                .contains("PASS node-ip talos-master-0: Ready, InternalIP 192.168.20.10")
                .contains("PASS etcd talos-master-1: peer URL https://192.168.20.11:2380")
                .contains("PASS same-subnet: all 5 node IPs are in 192.168.20.0/24")
                .contains("REHEARSAL PASSED");

        CliRun failing = CliRun.of("rehearse", dir.toString(), "--after", "after-as-written", "--tailnet", "tailnet-4d89.ts.net");
        assertThat(failing.exitCode()).as(failing.out()).isEqualTo(1);
        assertThat(failing.out()).contains("REHEARSAL FAILED");
    }
}
