package dev.talosrehearsal.sim.node;

import static dev.talosrehearsal.sim.node.Homelab.M0;
import static dev.talosrehearsal.sim.node.Homelab.W0;
import static dev.talosrehearsal.sim.node.Homelab.after;
import static dev.talosrehearsal.sim.node.Homelab.before;
import static dev.talosrehearsal.sim.node.Homelab.bytes;
import static dev.talosrehearsal.sim.node.Homelab.with;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.network.NodeAddress;
import dev.talosrehearsal.talos.ApplyMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/talos-behaviour.md#kubelet-node-ip and #address-selection. */
class NodeAddressTest {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void beforeTheMigrationTheKubeletUsesTheTailscaleAddress() {
        Homelab.Cluster cluster = new Homelab.Cluster();
        assertThat(cluster.node(M0).kubeletNodeIp()).contains("100.101.0.10");
        assertThat(cluster.node(M0).ready()).isTrue();
    }

    @Test
    void aNodeWithNoAddressInValidSubnetsReportsNoNodeIp() {
        Homelab.Cluster cluster = new Homelab.Cluster();
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
        Homelab.Cluster cluster = new Homelab.Cluster();
        SimulatedNode node = cluster.node(W0);
        MachineConfig unpinned = with(before(W0), "/machine/kubelet/nodeIP", null);

        node.apply(bytes(unpinned), ApplyMode.AUTO, false, null);
        cluster.clock.advance(Duration.ofSeconds(10));

        assertThat(node.tailscaleRunning()).isTrue();
        assertThat(node.kubeletNodeIp()).contains("100.101.0.20");
    }

    @Test
    void anUnpinnedNodeWithoutTailscalePicksItsLanAddress() {
        Homelab.Cluster cluster = new Homelab.Cluster();
        SimulatedNode node = cluster.node(W0);
        MachineConfig unpinned = Homelab.withoutExtensions(with(before(W0), "/machine/kubelet/nodeIP", null));

        node.apply(bytes(unpinned), ApplyMode.AUTO, false, null);
        cluster.clock.advance(Duration.ofSeconds(10));

        assertThat(node.tailscaleRunning()).isFalse();
        assertThat(node.addresses()).extracting(NodeAddress::link).containsExactly("eth0");
        assertThat(node.kubeletNodeIp()).contains("192.168.20.20");
    }

    @Test
    void excludedSubnetsAndPodOrServiceCidrsNeverCount() {
        Homelab.Cluster cluster = new Homelab.Cluster();
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
        Homelab.Cluster cluster = new Homelab.Cluster();
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
        Homelab.Cluster cluster = new Homelab.Cluster();
        SimulatedNode node = cluster.node(M0);
        node.apply(bytes(after(M0)), ApplyMode.AUTO, false, null);
        assertThat(node.tailscaleRunning()).isFalse(); // ext-tailscale restarts: its config changed
        assertThat(node.kubeletNodeIp()).contains("192.168.20.10");
        cluster.clock.advance(Duration.ofSeconds(5));
        assertThat(node.tailscaleRunning()).isTrue();
        assertThat(node.kubeletNodeIp()).contains("192.168.20.10");
    }
}
