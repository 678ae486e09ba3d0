package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.InitializedDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init} on talconfigs shaped like real ones that made unusable rehearsal directories (a sweep of public talhelper
 * configs, 2026-12-07): a node's {@code extraManifests} file was not copied, so the directory did not load; a node IP
 * pinned to an IPv6 subnet the talconfig's IPv4 {@code ipAddress} is not in left every simulated node without a node IP,
 * NotReady before anything changed. Minimal repros of those shapes, with names and addresses of their own.
 */
class InitFromRealShapesTest {
    private static final String BUMP_FROM = "kubernetesVersion: v1.36.3";
    private static final String BUMP_TO = "kubernetesVersion: v1.36.4";

    @TempDir
    Path tmp;

    @Test
    void aNodesExtraManifestsFileIsCopiedAndTheDirectoryRehearses() throws Exception {
        Files.createDirectories(tmp.resolve("src/volumes"));
        Files.writeString(tmp.resolve("src/volumes/ephemeral.yaml"), "apiVersion: v1alpha1\nkind: VolumeConfig\nname: EPHEMERAL\n"
                + "provisioning:\n  maxSize: 40GiB\n");
        String talconfig = """
                clusterName: edge
                talosVersion: v1.13.9
                kubernetesVersion: v1.36.3
                endpoint: https://10.70.0.2:6443
                nodes:
                  - hostname: edge-1
                    ipAddress: 10.70.0.2
                    controlPlane: true
                    installDisk: /dev/nvme0n1
                    extraManifests:
                      - ./volumes/ephemeral.yaml
                """;

        Path dir = InitializedDirectory.fromText(talconfig, tmp.resolve("src"), tmp.resolve("edge")).editAfter(BUMP_FROM, BUMP_TO).path();

        assertThat(dir.resolve("before/volumes/ephemeral.yaml")).hasSameTextualContentAs(tmp.resolve("src/volumes/ephemeral.yaml"));
        assertThat(dir.resolve("after/volumes/ephemeral.yaml")).exists();
        rehearsed(dir);
    }

    @Test
    void aNodeIpPinnedToAnIpv6SubnetGetsAGuessedAddressThereAndTheClusterStartsReady() throws Exception {
        String talconfig = """
                clusterName: v6lab
                talosVersion: v1.13.9
                kubernetesVersion: v1.36.3
                endpoint: https://[2001:db8:40::11]:6443
                nodes:
                  - hostname: v6-a
                    ipAddress: 172.16.9.11
                    controlPlane: true
                    installDisk: /dev/sda
                  - hostname: v6-b
                    ipAddress: 172.16.9.12
                    controlPlane: false
                    installDisk: /dev/sda
                patches:
                  - |-
                    machine:
                      kubelet:
                        nodeIP:
                          validSubnets:
                            - 2001:db8:40::/48
                """;

        Path dir = InitializedDirectory.fromText(talconfig, tmp, tmp.resolve("v6lab")).editAfter(BUMP_FROM, BUMP_TO).path();

        assertThat(Files.readString(dir.resolve("inventory.yaml")))
                .contains("eth0: [172.16.9.11/24, 2001:db8:40::1/64]   # GUESS: the link's name; the prefix length of 172.16.9.11")
                .contains("2001:db8:40::1/64 stands for the address it has in machine.kubelet.nodeIP.validSubnets (2001:db8:40::/48)")
                .contains("eth0: [172.16.9.12/24, 2001:db8:40::2/64]");
        CliRun rehearse = rehearsed(dir);
        assertThat(rehearse.out()).contains("PASS node-ip v6-b: Ready, InternalIP 2001:db8:40::2");
    }

    /**
     * A node whose LAN address is a DHCP lease on a bond, beside a NIC a selector picks and two point-to-point links
     * (Thunderbolt, by bus path) with static /32 addresses — a real three-node cluster's shape. The draft gave both
     * static links the name eth0 (a duplicate key: the directory did not load) and left the node's own ipAddress out.
     */
    @Test
    void selectorLinksGetNamesOfTheirOwnAndTheIpAddressIsTheBondsLease() throws Exception {
        String talconfig = """
                clusterName: ring
                talosVersion: v1.13.9
                kubernetesVersion: v1.36.3
                endpoint: https://10.80.4.10:6443
                nodes:
                  - hostname: ring-a
                    ipAddress: 10.80.4.11
                    controlPlane: true
                    installDisk: /dev/nvme0n1
                    networkInterfaces:
                      - interface: bond0
                        bond:
                          mode: 802.3ad
                          deviceSelectors: [{ hardwareAddr: "02:00:00:aa:*", driver: igc }]
                        dhcp: true
                      - deviceSelector: { hardwareAddr: "02:00:00:bb:00:01" }
                        dhcp: true
                        vip: { ip: 10.80.4.10 }
                      - deviceSelector: { busPath: 0-1.0 }
                        addresses: [169.254.77.1/32]
                        routes: [{ network: 169.254.77.2/32, metric: 2048 }]
                      - deviceSelector: { busPath: 1-1.0 }
                        addresses: [169.254.77.1/32]
                        routes: [{ network: 169.254.77.3/32, metric: 2048 }]
                patches:
                  - |-
                    machine:
                      kubelet:
                        nodeIP:
                          validSubnets: [10.80.4.0/24]
                """;

        Path dir = InitializedDirectory.fromText(talconfig, tmp, tmp.resolve("ring")).editAfter(BUMP_FROM, BUMP_TO).path();

        assertThat(Files.readString(dir.resolve("inventory.yaml")))
                .contains("eth0: [169.254.77.1/32]   # GUESS: the link is chosen by a device selector; its name here is free")
                .contains("eth1: [169.254.77.1/32]   # GUESS: the link is chosen by a device selector")
                .contains("bond0: [10.80.4.11/24]   # GUESS: talconfig's ipAddress, taken as this DHCP link's lease; the prefix length of 10.80.4.11")
                .doesNotContain("stands for the address");
        CliRun rehearse = rehearsed(dir);
        assertThat(rehearse.out()).contains("PASS node-ip ring-a: Ready, InternalIP 10.80.4.11");
    }

    /**
     * Dual-stack nodes (an IPv4 and an IPv6 address, validSubnets naming a subnet of each) whose extra manifest is
     * anchored on the first node and aliased on the second, as a real eleven-node talconfig writes it: init copied a file
     * named after the alias ("vol") and failed; the verification wanted all node IPs, of both families, in one subnet.
     */
    @Test
    void dualStackNodesShareASubnetPerFamilyAndAnAliasedExtraManifestIsCopied() throws Exception {
        Files.createDirectories(tmp.resolve("src/manifests"));
        Files.writeString(tmp.resolve("src/manifests/ephemeral.yaml"), "apiVersion: v1alpha1\nkind: VolumeConfig\nname: EPHEMERAL\n"
                + "provisioning:\n  maxSize: 60GiB\n");
        String talconfig = """
                clusterName: duo
                talosVersion: v1.11.5
                kubernetesVersion: v1.34.1
                endpoint: https://10.90.1.11:6443
                nodes:
                  - hostname: duo-1
                    ipAddress: 10.90.1.11
                    controlPlane: true
                    installDisk: /dev/sda
                    networkInterfaces:
                      - interface: eth0
                        addresses: [10.90.1.11/24, fd00:90::11/64]
                    extraManifests:
                      - &vol manifests/ephemeral.yaml
                  - hostname: duo-2
                    ipAddress: 10.90.1.12
                    controlPlane: false
                    installDisk: /dev/sda
                    networkInterfaces:
                      - interface: eth0
                        addresses: [10.90.1.12/24, fd00:90::12/64]
                    extraManifests:
                      - *vol
                patches:
                  - |-
                    machine:
                      kubelet:
                        nodeIP:
                          validSubnets: [10.90.0.0/16, fd00:90::/64]
                """;

        Path dir = InitializedDirectory.fromText(talconfig, tmp.resolve("src"), tmp.resolve("duo"))
                .editAfter("kubernetesVersion: v1.34.1", "kubernetesVersion: v1.34.2").path();

        assertThat(dir.resolve("before/manifests/ephemeral.yaml")).exists();
        CliRun rehearse = rehearsed(dir);
        assertThat(rehearse.out()).contains("PASS same-subnet: all 4 node IPs are in 10.90.0.0/16 and fd00:90::/64");
    }

    /** The migration rehearsed without the drill, which must pass. */
    private CliRun rehearsed(Path dir) {
        CliRun rehearse = CliRun.of("rehearse", dir.toString(), "--no-rollback-drill", "--work", tmp.resolve("work").toString());
        assertThat(rehearse.exitCode()).as(rehearse.toString()).isZero();
        return rehearse;
    }
}
