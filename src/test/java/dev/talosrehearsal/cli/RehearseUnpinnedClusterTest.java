package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.InitializedDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster as most are written: no kubelet {@code validSubnets}, no etcd subnets, no Tailscale; Talos v1.13, other
 * names and addresses than the homelab's. Its nameserver change rehearses green: with no subnet pinned the kubelet
 * picks its own address, so the verification list has no same-subnet check to fail (it failed every such cluster
 * before, 2026-12-06).
 */
class RehearseUnpinnedClusterTest {
    private static final String TALCONFIG = """
            clusterName: office
            talosVersion: v1.13.9
            kubernetesVersion: v1.36.3
            endpoint: https://10.40.0.11:6443
            nodes:
              - hostname: cp-a
                ipAddress: 10.40.0.11
                controlPlane: true
                installDisk: /dev/sda
              - hostname: cp-b
                ipAddress: 10.40.0.12
                controlPlane: true
                installDisk: /dev/sda
              - hostname: cp-c
                ipAddress: 10.40.0.13
                controlPlane: true
                installDisk: /dev/sda
              - hostname: build-1
                ipAddress: 10.40.0.21
                controlPlane: false
                installDisk: /dev/nvme0n1
            patches:
              - |-
                machine:
                  network:
                    nameservers:
                      - 10.40.0.1
            """;

    @TempDir
    Path tmp;

    @Test
    void aNameserverChangeOnAClusterThatPinsNoSubnetRehearsesGreen() throws Exception {
        Path dir = InitializedDirectory.fromText(TALCONFIG, tmp, tmp.resolve("office")).editAfter("- 10.40.0.1", "- 10.40.0.2").path();

        CliRun rehearse = CliRun.of("rehearse", dir.toString(), "--work", tmp.resolve("work").toString());

        assertThat(rehearse.exitCode()).as(rehearse.toString()).isZero();
        assertThat(rehearse.out()).contains("[1/4] cp-a apply … ok").contains("[4/4] build-1 apply … ok")
                .contains("PASS node-ip cp-a: Ready, InternalIP 10.40.0.11")
                .contains("PASS etcd cp-c: peer URL https://10.40.0.13:2380")
                .contains("REHEARSAL PASSED")
                .doesNotContain("same-subnet");
    }

    /** after/ as init writes it, unchanged: the rollout says there is nothing to do instead of an empty table. */
    @Test
    void aRehearsalThatChangesNothingSaysSo() throws Exception {
        Path dir = InitializedDirectory.fromText(TALCONFIG, tmp, tmp.resolve("office")).path();

        CliRun rehearse = CliRun.of("rehearse", dir.toString(), "--no-rollback-drill", "--work", tmp.resolve("work").toString());

        assertThat(rehearse.exitCode()).as(rehearse.toString()).isZero();
        assertThat(rehearse.out()).contains("no node changes: every node already runs this config").doesNotContain("NODE ");
    }

    /**
     * Trap 13 end to end: two nameservers folded onto one line are one entry Talos drops without a word, so the node
     * resolves through Talos's defaults. With lint's error allowed, the verification list still fails the rehearsal: it
     * reads what the node resolves through (ResolverStatus), not what the config says.
     */
    @Test
    void aNameserverTalosDropsFailsTheVerificationEvenWithLintErrorsAllowed() throws Exception {
        Path dir = InitializedDirectory.fromText(TALCONFIG, tmp, tmp.resolve("office")).path();
        Path after = dir.resolve("after/talconfig.yaml");
        Files.writeString(after, Files.readString(after).replace("          - 10.40.0.1", "          - 10.40.0.2\n              - 1.1.1.1"));

        CliRun rehearse = CliRun.of("rehearse", dir.toString(), "--allow-lint-errors", "--no-rollback-drill", "--work", tmp.resolve("work").toString());

        assertThat(rehearse.exitCode()).as(rehearse.toString()).isEqualTo(1);
        assertThat(rehearse.out()).contains("FAIL nameservers cp-a: resolves through 1.1.1.1, 8.8.8.8, not 10.40.0.2 - 1.1.1.1 as the config writes")
                .contains("REHEARSAL FAILED");
    }
}
