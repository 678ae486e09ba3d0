package dev.talosrehearsal.sim.node;

import static dev.talosrehearsal.sim.node.ConfigEdits.bytes;
import static dev.talosrehearsal.testing.Homelab.M1;
import static dev.talosrehearsal.testing.Homelab.W0;
import static dev.talosrehearsal.testing.Homelab.W1;
import static dev.talosrehearsal.testing.Homelab.after;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.testing.BootedHomelab;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Reboots, reachability and injected faults. */
class RebootAndFaultsTest {
    @Test
    void aRebootTakesTheNodeDownForTheRebootDurationAndIsRecorded() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W0);
        var start = cluster.clock.now();

        node.reboot();

        assertThat(node.isReachable()).isFalse();
        assertThat(node.ready()).isFalse();
        assertThat(node.notReadyReason()).contains("rebooting");
        assertThatThrownBy(node::services).isInstanceOfSatisfying(NodeApiException.class, e -> assertThat(e.code()).isEqualTo(ApiCode.UNAVAILABLE));
        assertThatThrownBy(() -> node.apply(bytes(after(W0)), ApplyMode.AUTO, false, null))
                .isInstanceOfSatisfying(NodeApiException.class, e -> assertThat(e.code()).isEqualTo(ApiCode.UNAVAILABLE));
        cluster.clock.advance(Duration.ofSeconds(30));
        assertThat(node.isReachable()).isTrue();
        assertThat(node.ready()).isTrue();
        assertThat(node.disruptions()).singleElement().isEqualTo(
                new Disruption(W0, Disruption.Kind.REBOOT, start, start.plusSeconds(30)));
        assertThat(node.events()).extracting(NodeEvent::kind)
                .containsSubsequence(NodeEvent.Kind.BOOTED, NodeEvent.Kind.REBOOT_STARTED, NodeEvent.Kind.REBOOT_FINISHED);
    }

    @Test
    void aNodeThatNeverReturnsFromRebootStaysUnreachable() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(M1);
        node.faults().neverReturnsFromReboot(true);

        node.reboot();
        cluster.clock.advance(Duration.ofHours(1));

        assertThat(node.isReachable()).isFalse();
        assertThat(node.ready()).isFalse();
        assertThat(cluster.etcd.isHealthy(M1)).isFalse();
        assertThat(node.disruptions()).singleElement().satisfies(d -> assertThat(d.ongoing()).isTrue());
        assertThat(node.events()).extracting(NodeEvent::kind).contains(NodeEvent.Kind.REBOOT_NEVER_RETURNED);
    }

    @Test
    void aCrashloopingKubeletCyclesNeverHealthyAndTheNodeIsNotReady() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W1);
        node.faults().kubeletCrashloop(true);

        String first = node.service("kubelet").orElseThrow().state();
        cluster.clock.advance(Duration.ofSeconds(2));
        String second = node.service("kubelet").orElseThrow().state();

        assertThat(first).isNotEqualTo(second);
        assertThat(node.service("kubelet").orElseThrow().healthy()).isFalse();
        assertThat(node.notReadyReason()).contains("kubelet crashloop");
        node.faults().kubeletCrashloop(false);
        assertThat(node.ready()).isTrue();
        assertThat(node.disruptions()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(Disruption.Kind.KUBELET_CRASHLOOP);
            assertThat(d.ongoing()).isFalse();
        });
    }

    @Test
    void servicesAndVersionLookLikeTalos() {
        BootedHomelab cluster = new BootedHomelab();
        assertThat(cluster.node(M1).services()).extracting(ServiceInfo::id)
                .containsExactly("apid", "containerd", "cri", "etcd", "ext-tailscale", "kubelet", "trustd", "udevd");
        assertThat(cluster.node(M1).services()).allSatisfy(s -> {
            assertThat(s.state()).isEqualTo("Running");
            assertThat(s.healthy()).isTrue();
        });
        assertThat(cluster.node(M1).version().tag()).isEqualTo("v1.11.5");
        assertThat(cluster.node(M1).role()).isEqualTo("controlplane");
        assertThat(cluster.node(W0).role()).isEqualTo("worker");
    }

    @Test
    void eventsCarrySimulatedTimestamps() {
        BootedHomelab cluster = new BootedHomelab();
        cluster.clock.advance(Duration.ofMinutes(7));
        cluster.node(W0).apply(bytes(after(W0)), ApplyMode.AUTO, false, null);
        assertThat(cluster.node(W0).events()).filteredOn(e -> e.kind() == NodeEvent.Kind.APPLIED).singleElement()
                .satisfies(e -> {
                    assertThat(e.at()).isEqualTo(SimClock.DEFAULT_START.plusSeconds(420));
                    assertThat(e.message()).contains("AUTO → NO_REBOOT");
                });
    }

    /**
     * Talos boots the config its STATE partition holds (an apply writes it there: talos PR 4642); a node whose write did
     * not survive (STATE not found or corrupted at boot, talos issue 9927) comes back on the config before. Once.
     */
    @Test
    void aNodeThatLostItsConfigWriteBootsTheConfigItHadBeforeTheApplyOnce() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode node = cluster.node(W1);
        String before = node.activeConfig().toYaml();
        node.faults().bootsPreviousConfig(true);

        node.apply(bytes(after(W1)), ApplyMode.REBOOT, false, null);
        cluster.clock.advance(Duration.ofSeconds(30));

        assertThat(node.isReachable()).isTrue();
        assertThat(node.activeConfig().toYaml()).isEqualTo(before);
        assertThat(node.faults().bootsPreviousConfig()).isFalse();
        node.apply(bytes(after(W1)), ApplyMode.REBOOT, false, null);
        cluster.clock.advance(Duration.ofSeconds(30));
        assertThat(node.activeConfig().toYaml()).isEqualTo(after(W1).toYaml());
    }
}
