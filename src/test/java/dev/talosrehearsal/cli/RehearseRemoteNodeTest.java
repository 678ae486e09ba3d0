package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.InitializedDirectory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster whose nodes are told different subnets on purpose: three control planes pinned to their LAN by a
 * cluster-wide patch, and an edge worker far away, pinned by a patch of its own to its Tailscale address
 * (the shape of a real homelab, 2026-12-07). Talos concatenates the two lists on the edge worker, which is what its
 * owner wants: its LAN subnet matches nothing there, its tailnet address does. A change that does not touch any of
 * it must rehearse green: the rehearsal judges what the change does, and the cluster runs this design today.
 */
class RehearseRemoteNodeTest {
    private static final String TALCONFIG = """
            clusterName: lab
            talosVersion: v1.13.9
            kubernetesVersion: v1.36.3
            endpoint: https://10.60.0.11:6443
            nodes:
              - hostname: cp-a
                ipAddress: 10.60.0.11
                controlPlane: true
                installDisk: /dev/sda
              - hostname: cp-b
                ipAddress: 10.60.0.12
                controlPlane: true
                installDisk: /dev/sda
              - hostname: cp-c
                ipAddress: 10.60.0.13
                controlPlane: true
                installDisk: /dev/sda
              - hostname: edge-1
                ipAddress: EDGE_ADDRESS
                controlPlane: false
                installDisk: /dev/vda
            EDGE_PATCHES
            patches:
              - |-
                machine:
                  kubelet:
                    nodeIP:
                      validSubnets:
                        - SUBNETS
            """;

    private static final String EDGE_ON_ITS_TAILNET_ADDRESS = """
                patches:
                  - |-
                    machine:
                      kubelet:
                        nodeIP:
                          validSubnets:
                            - 100.64.0.0/10
            """;

    private static String talconfig(String edgeAddress, String edgePatches, String... clusterSubnets) {
        return TALCONFIG.replace("EDGE_ADDRESS", edgeAddress).replace("EDGE_PATCHES\n", edgePatches)
                .replace("SUBNETS", String.join("\n            - ", clusterSubnets));
    }

    @TempDir
    Path tmp;

    @Test
    void aRemoteNodeOnItsOwnSubnetsRehearsesGreenWhenTheChangeLeavesItAlone() throws Exception {
        Path dir = InitializedDirectory.fromText(talconfig("100.101.7.3", EDGE_ON_ITS_TAILNET_ADDRESS, "10.60.0.0/24"), tmp, tmp.resolve("lab"))
                .editAfter("kubernetesVersion: v1.36.3", "kubernetesVersion: v1.36.4").path();

        CliRun rehearse = CliRun.of("rehearse", dir.toString(), "--work", tmp.resolve("work").toString());

        assertThat(rehearse.exitCode()).as(rehearse.toString()).isZero();
        assertThat(rehearse.out())
                // still said, as a warning: the concatenation is real, only not this change's doing
                .contains("warning list-concatenation edge-1")
                .contains("the --from config has the same list, so the node runs with it today")
                .contains("PASS node-ip edge-1: Ready, InternalIP 100.101.7.3")
                .contains("PASS same-subnet: all 3 node IPs of cp-a, cp-b, cp-c are in 10.60.0.0/24; edge-1's node IP is in 100.64.0.0/10")
                .contains("REHEARSAL PASSED");
    }

    /**
     * What the check is for still fails: nodes told the same two subnets that end up one in each do not reach each
     * other directly (the seed's trap when the old overlay range survives next to the LAN on some nodes).
     */
    @Test
    void nodesToldTheSameSubnetsThatLandInDifferentOnesFail() throws Exception {
        Path dir = InitializedDirectory.fromText(talconfig("10.61.0.21", "", "10.60.0.0/24", "10.61.0.0/24"), tmp, tmp.resolve("lab"))
                .editAfter("kubernetesVersion: v1.36.3", "kubernetesVersion: v1.36.4").path();

        CliRun rehearse = CliRun.of("rehearse", dir.toString(), "--no-rollback-drill", "--work", tmp.resolve("work").toString());

        assertThat(rehearse.exitCode()).as(rehearse.toString()).isEqualTo(1);
        assertThat(rehearse.out())
                .contains("FAIL same-subnet: node IPs 10.60.0.11, 10.60.0.12, 10.60.0.13, 10.61.0.21 do not share one of 10.60.0.0/24, 10.61.0.0/24")
                .contains("REHEARSAL FAILED");
    }
}
