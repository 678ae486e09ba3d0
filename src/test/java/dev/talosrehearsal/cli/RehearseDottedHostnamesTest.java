package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.rehearsal.Rehearsal;
import dev.talosrehearsal.rehearsal.RehearsalDirectory;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.InitializedDirectory;
import io.fabric8.kubernetes.api.model.Node;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostnames with a domain and in upper case, which talhelper accepts (pkg/config/validator.go, hostnamePattern). Talos
 * names the Kubernetes Node and the etcd member after the part before the first dot, the Node lower-cased (v1.13.9
 * controllers/k8s/nodename.go, internal/nodename/nodename.go, controllers/etcd/spec.go): the simulated cluster does the
 * same, and the rollout's gates look the nodes up under those names. Before, the simulator named both after the whole
 * hostname and so did the gates: the rehearsal passed where a real cluster's first gate would have found no Node.
 */
class RehearseDottedHostnamesTest {
    private static final String TALCONFIG = """
            clusterName: dc1
            talosVersion: v1.13.9
            kubernetesVersion: v1.36.3
            endpoint: https://10.50.0.11:6443
            nodes:
              - hostname: cp-a.dc1.example
                ipAddress: 10.50.0.11
                controlPlane: true
                installDisk: /dev/sda
              - hostname: CP-B.dc1.example
                ipAddress: 10.50.0.12
                controlPlane: true
                installDisk: /dev/sda
              - hostname: cp-c.dc1.example
                ipAddress: 10.50.0.13
                controlPlane: true
                installDisk: /dev/sda
              - hostname: build-1.rack-a.example
                ipAddress: 10.50.0.21
                controlPlane: false
                installDisk: /dev/sda
            patches:
              - |-
                machine:
                  network:
                    nameservers:
                      - 10.50.0.1
            """;

    @TempDir
    Path tmp;

    Path dir;

    @BeforeEach
    void initWithANameserverChange() throws Exception {
        dir = InitializedDirectory.fromText(TALCONFIG, tmp, tmp.resolve("dc1")).editAfter("- 10.50.0.1", "- 10.50.0.2").path();
    }

    @Test
    void theSimulatedClusterNamesTheNodesAsTalosDoes() {
        Rehearsal rehearsal = new Rehearsal(new RehearsalDirectory(dir, "after"), new Rehearsal.Options("embedded", null, false, false),
                new PrintWriter(new StringWriter()));
        try (SimulatedCluster cluster = rehearsal.startCluster()) {
            assertThat(cluster.kubernetes().client().nodes().list().getItems()).extracting(n -> n.getMetadata().getName())
                    .containsExactlyInAnyOrder("cp-a", "cp-b", "cp-c", "build-1");
            Node cpB = cluster.kubernetes().client().nodes().withName("cp-b").get();
            assertThat(cpB.getMetadata().getLabels()).containsEntry("kubernetes.io/hostname", "cp-b");
        }
    }

    @Test
    void theRolloutsGatesFindTheNodesUnderThoseNames() {
        CliRun rehearse = CliRun.of("rehearse", dir.toString(), "--work", tmp.resolve("work").toString());

        assertThat(rehearse.exitCode()).as(rehearse.toString()).isZero();
        assertThat(rehearse.out()).contains("PASS node-ip CP-B.dc1.example: Ready, InternalIP 10.50.0.12")
                .contains("PASS etcd cp-c.dc1.example: peer URL https://10.50.0.13:2380")
                .contains("PASS node-ip build-1.rack-a.example: Ready, InternalIP 10.50.0.21")
                .contains("REHEARSAL PASSED");
    }

    /** Two kubelets cannot share one Node, so neither can the simulated cluster: bad input at the second node's hostname. */
    @Test
    void twoHostnamesThatShareTheirFirstLabelAreBadInput() throws Exception {
        Path before = dir.resolve("before/talconfig.yaml");
        String text = Files.readString(before).replace("hostname: cp-c.dc1.example", "hostname: cp-a.dc2.example");
        Files.writeString(before, text);

        CliRun rehearse = CliRun.of("rehearse", dir.toString(), "--work", tmp.resolve("work").toString());

        assertThat(rehearse.exitCode()).as(rehearse.toString()).isEqualTo(2);
        int line = text.substring(0, text.indexOf("hostname: cp-a.dc2.example")).split("\n", -1).length;
        assertThat(rehearse.err().strip()).startsWith(before + ":" + line + ": hostname 'cp-a.dc2.example' registers as the same Kubernetes Node 'cp-a'")
                .doesNotContain("\n");
        assertThat(rehearse.out()).isEmpty();
    }
}
