package dev.talosrehearsal.sim.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.testing.Homelab;
import org.junit.jupiter.api.Test;

class InventoryTest {
    @Test
    void theHomelabInventoryDescribesTheSeedsFiveNodes() {
        Inventory inventory = Homelab.inventory();
        assertThat(inventory.nodes()).containsOnlyKeys(Homelab.ALL);
        Inventory.Node m0 = inventory.node("talos-master-0").orElseThrow();
        assertThat(m0.interfaces().get("eth0")).extracting(a -> a.toCanonicalString()).containsExactly("192.168.20.10/24");
        assertThat(m0.tailscale().orElseThrow().withoutPrefixLength().toCanonicalString()).isEqualTo("100.101.0.10");
        assertThat(inventory.node("talos-worker-gpu-1").orElseThrow().interfaces().get("eth0").get(0).toCanonicalString())
                .isEqualTo("192.168.20.21/24");
    }

    @Test
    void anUnknownNodeKeyIsReportedAtItsLine() {
        String yaml = """
                nodes:
                  n1:
                    interfaces:
                      eth0: [192.168.20.10/24]
                    tailscal: 100.101.0.10
                """;
        assertThatThrownBy(() -> Inventory.parse(yaml, "inventory.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.oneLine()).startsWith("inventory.yaml:5: unknown key 'nodes.n1.tailscal'");
                    assertThat(e.oneLine()).contains("did you mean 'tailscale'");
                });
    }

    @Test
    void anAddressWithoutPrefixIsReportedAtItsLineWithTheField() {
        String yaml = """
                nodes:
                  n1:
                    interfaces:
                      eth0:
                        - 192.168.20.10/24
                        - 192.168.20.300/24
                """;
        assertThatThrownBy(() -> Inventory.parse(yaml, "inventory.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine())
                        .startsWith("inventory.yaml:6: nodes.n1.interfaces.eth0: '192.168.20.300/24' is not an address"));
        String bare = "nodes:\n  n1:\n    interfaces:\n      eth0: [192.168.20.10]\n";
        assertThatThrownBy(() -> Inventory.parse(bare, "inv.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine()).startsWith("inv.yaml:4: nodes.n1.interfaces.eth0"));
    }

    @Test
    void aBadTailscaleAddressIsReportedAtItsLine() {
        String yaml = "nodes:\n  n1:\n    interfaces:\n      eth0: [192.168.20.10/24]\n    tailscale: 100.101.0.10/32\n";
        assertThatThrownBy(() -> Inventory.parse(yaml, "inv.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine()).startsWith("inv.yaml:5: nodes.n1.tailscale"));
    }

    @Test
    void aNodeWithoutInterfacesIsRefused() {
        String yaml = "nodes:\n  n1:\n    tailscale: 100.101.0.10\n";
        assertThatThrownBy(() -> Inventory.parse(yaml, "inv.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine())
                        .startsWith("inv.yaml:2: nodes.n1.interfaces is missing"));
    }

    @Test
    void anUnknownTopLevelKeyIsRefused() {
        assertThatThrownBy(() -> Inventory.parse("nodes: {n1: {interfaces: {eth0: [10.0.0.1/8]}}}\nnode: x\n", "inv.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine()).startsWith("inv.yaml:2: unknown key 'node'"));
    }

    /** What the node's image holds: a list of service names, bare or as talosctl services prints them; absent means unknown. */
    @Test
    void extensionServicesAreTheImagesServiceNamesAndUnknownWithoutTheKey() {
        Inventory inventory = Inventory.parse("""
                nodes:
                  n1:
                    interfaces: {eth0: [10.0.0.1/8]}
                    extensionServices: [tailscale, ext-nut-client]
                  n2:
                    interfaces: {eth0: [10.0.0.2/8]}
                    extensionServices: []
                  n3:
                    interfaces: {eth0: [10.0.0.3/8]}
                """, "inv.yaml");

        assertThat(inventory.node("n1").orElseThrow().extensionServices()).contains(java.util.Set.of("tailscale", "nut-client"));
        assertThat(inventory.node("n2").orElseThrow().extensionServices()).contains(java.util.Set.of());
        assertThat(inventory.node("n3").orElseThrow().extensionServices()).isEmpty();
    }

    @Test
    void anExtensionServiceThatIsNotANameIsReportedAtItsLine() {
        String yaml = """
                nodes:
                  n1:
                    interfaces: {eth0: [10.0.0.1/8]}
                    extensionServices:
                      - tailscale
                      - siderolabs/nut-client
                """;
        assertThatThrownBy(() -> Inventory.parse(yaml, "inv.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine())
                        .startsWith("inv.yaml:6: nodes.n1.extensionServices: 'siderolabs/nut-client' is not a service name"));
        assertThatThrownBy(() -> Inventory.parse("nodes: {n1: {interfaces: {eth0: [10.0.0.1/8]}, extensionServices: tailscale}}\n", "inv.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine())
                        .startsWith("inv.yaml:1: nodes.n1.extensionServices must be a list of service names"));
    }

    /** An upgraded node runs another release than its config's installer image names: the inventory says which. */
    @Test
    void aNodesReleaseIsTheInventorysWhenItNamesOneElseItsConfigsInstallerTag() {
        String yaml = """
                nodes:
                  n1:
                    interfaces: {eth0: [10.0.0.1/8]}
                    talosVersion: v1.14.0-rc.1
                  n2:
                    interfaces: {eth0: [10.0.0.2/8]}
                """;
        Inventory inventory = Inventory.parse(yaml, "inv.yaml");
        dev.talosrehearsal.machineconfig.MachineConfig config = dev.talosrehearsal.machineconfig.MachineConfig.parse(
                "version: v1alpha1\nmachine:\n  install:\n    image: ghcr.io/siderolabs/installer:v1.13.9\n", "n.yaml");

        assertThat(inventory.runningRelease("n1", config)).map(v -> v.tag()).contains("v1.14.0-rc.1");
        assertThat(inventory.runningRelease("n2", config)).map(v -> v.tag()).contains("v1.13.9");
    }

    @Test
    void aReleaseThisToolDoesNotSimulateIsReportedAtItsLine() {
        String yaml = """
                nodes:
                  n1:
                    interfaces: {eth0: [10.0.0.1/8]}
                    talosVersion: v1.7.4
                """;
        assertThatThrownBy(() -> Inventory.parse(yaml, "inv.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine())
                        .isEqualTo("inv.yaml:4: nodes.n1.talosVersion: 'v1.7.4' is not a Talos release this tool simulates"
                                + " (v1.8.0 or later, such as v1.13.9)"));
    }
}
