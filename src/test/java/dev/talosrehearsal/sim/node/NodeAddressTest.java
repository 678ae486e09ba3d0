package dev.talosrehearsal.sim.node;

import static dev.talosrehearsal.sim.node.ConfigEdits.bytes;
import static dev.talosrehearsal.sim.node.ConfigEdits.with;
import static dev.talosrehearsal.testing.Homelab.M0;
import static dev.talosrehearsal.testing.Homelab.W0;
import static dev.talosrehearsal.testing.Homelab.after;
import static dev.talosrehearsal.testing.Homelab.before;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.network.NodeAddress;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.testing.BootedHomelab;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/talos-behaviour.md#kubelet-node-ip and #address-selection. */
class NodeAddressTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void beforeTheMigrationTheKubeletUsesTheTailscaleAddress() {
        BootedHomelab cluster = new BootedHomelab();
        assertThat(cluster.node(M0).kubeletNodeIp()).contains("100.101.0.10");
        assertThat(cluster.node(M0).ready()).isTrue();
    }

    @Test
    void aNodeWithNoAddressInValidSubnetsReportsNoNodeIp() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        MachineConfig elsewhere = with(before(W0), "/machine/kubelet/nodeIP/validSubnets", JSON.arrayNode().add("10.10.0.0/16"));

        node.apply(bytes(elsewhere), ApplyMode.AUTO, false, null);
        cluster.clock.advance(Duration.ofSeconds(10));

        assertThat(node.kubeletNodeIp()).isEmpty();
        ServiceInfo kubelet = node.service("kubelet").orElseThrow();
        assertThat(kubelet.healthy()).isFalse();
        assertThat(kubelet.lastMessage()).contains("no suitable node IP found");
        assertThat(node.ready()).isFalse();
        assertThat(node.notReadyReason()).hasValueSatisfying(r -> assertThat(r).contains("no suitable node IP found"));
    }

    @Test
    void anUnpinnedNodeRunningTailscalePicksIts100xAddress() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        MachineConfig unpinned = with(before(W0), "/machine/kubelet/nodeIP", null);

        node.apply(bytes(unpinned), ApplyMode.AUTO, false, null);
        cluster.clock.advance(Duration.ofSeconds(10));

        assertThat(node.tailscaleRunning()).isTrue();
        assertThat(node.kubeletNodeIp()).contains("100.101.0.20");
    }

    @Test
    void anUnpinnedNodeWithoutTailscalePicksItsLanAddress() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        MachineConfig unpinned = ConfigEdits.withoutExtensions(with(before(W0), "/machine/kubelet/nodeIP", null));

        node.apply(bytes(unpinned), ApplyMode.AUTO, false, null);
        cluster.clock.advance(Duration.ofSeconds(10));

        assertThat(node.tailscaleRunning()).isFalse();
        assertThat(node.addresses()).extracting(NodeAddress::link).containsExactly("eth0");
        assertThat(node.kubeletNodeIp()).contains("192.168.20.20");
    }

    @Test
    void excludedSubnetsAndPodOrServiceCidrsNeverCount() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        MachineConfig excluding = with(before(W0), "/machine/kubelet/nodeIP/validSubnets",
                JSON.arrayNode().add("0.0.0.0/0").add("!100.64.0.0/10"));
        node.apply(bytes(excluding), ApplyMode.AUTO, false, null);
        cluster.clock.advance(Duration.ofSeconds(10));
        assertThat(node.kubeletNodeIp()).contains("192.168.20.20");

        MachineConfig podSubnetOverlaps = with(with(before(W0), "/machine/kubelet/nodeIP", null),
                "/cluster/network/podSubnets", JSON.arrayNode().add("100.64.0.0/10"));
        node.apply(bytes(podSubnetOverlaps), ApplyMode.AUTO, false, null);
        cluster.clock.advance(Duration.ofSeconds(10));
        assertThat(node.kubeletNodeIp()).contains("192.168.20.20");
    }

    @Test
    void changingValidSubnetsRestartsTheKubeletWithoutAReboot() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(M0);

        ApplyOutcome outcome = node.apply(bytes(after(M0)), ApplyMode.AUTO, false, null);

        assertThat(outcome.mode()).isEqualTo(ApplyMode.NO_REBOOT);
        assertThat(node.isReachable()).isTrue();
        assertThat(node.service("kubelet").orElseThrow().state()).isEqualTo("Starting");
        assertThat(node.ready()).isFalse();
        cluster.clock.advance(Duration.ofSeconds(5));
        assertThat(node.kubeletNodeIp()).contains("192.168.20.10");
        assertThat(node.service("kubelet").orElseThrow().running()).isTrue();
        assertThat(node.ready()).isTrue();
        assertThat(node.events()).extracting(NodeEvent::kind)
                .contains(NodeEvent.Kind.SERVICE_RESTARTING, NodeEvent.Kind.SERVICE_RUNNING)
                .doesNotContain(NodeEvent.Kind.REBOOT_STARTED);
        assertThat(node.disruptions()).filteredOn(d -> d.kind() == Disruption.Kind.KUBELET_RESTART)
                .singleElement().satisfies(d -> assertThat(Duration.between(d.start(), d.end())).isEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void theMigratedNodeKeepsItsLanNodeIpWhenTailscaleRestarts() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(M0);
        node.apply(bytes(after(M0)), ApplyMode.AUTO, false, null);
        assertThat(node.tailscaleRunning()).isFalse(); // ext-tailscale restarts: its config changed
        assertThat(node.kubeletNodeIp()).contains("192.168.20.10");
        cluster.clock.advance(Duration.ofSeconds(5));
        assertThat(node.tailscaleRunning()).isTrue();
        assertThat(node.kubeletNodeIp()).contains("192.168.20.10");
    }

    /**
     * NodeAddress "accumulative" only ever gains addresses until the next boot (talos v1.13.0
     * internal/app/machined/pkg/controllers/network/node_address.go, updateAccumulativeAddresses): tailscale0's address
     * stays in it while ext-tailscale restarts, and a reboot starts it afresh.
     */
    @Test
    void theAddressesSinceBootKeepTailscalesWhileItRestartsUntilTheNextBoot() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(M0);
        node.apply(bytes(after(M0)), ApplyMode.AUTO, false, null);

        assertThat(node.tailscaleRunning()).isFalse();
        assertThat(node.addresses()).extracting(a -> a.address().withoutPrefixLength().toCanonicalString()).doesNotContain("100.101.0.10");
        assertThat(node.addressesSinceBoot()).extracting(a -> a.address().withoutPrefixLength().toCanonicalString())
                .contains("100.101.0.10", "192.168.20.10");

        node.reboot();
        cluster.clock.advance(Duration.ofSeconds(31));
        assertThat(node.addressesSinceBoot()).as("a new boot, while ext-tailscale starts")
                .extracting(a -> a.address().withoutPrefixLength().toCanonicalString()).containsExactlyInAnyOrderElementsOf(
                        node.addresses().stream().map(a -> a.address().withoutPrefixLength().toCanonicalString()).toList());
    }
}
