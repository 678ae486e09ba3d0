package dev.talosrehearsal.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.BootedHomelab;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the mirror adds on a cluster whose controllers are real (k3s, an existing cluster): the
 * kubelet's Lease heartbeats, so the node lifecycle controller keeps the Nodes Ready, and a NoSchedule
 * taint, so the scheduler sends no real Pod to a simulated node. Run on the embedded API, which stores
 * what a real one would; the wall clock is the test's.
 */
class NodeMirrorOnRealControllersTest {
    EmbeddedKubernetes kube;
    KubernetesClient client;
    BootedHomelab homelab;
    WallClock wall;
    NodeMirror mirror;

    @BeforeEach
    void start() {
        kube = new EmbeddedKubernetes();
        kube.start();
        client = kube.client();
        homelab = new BootedHomelab();
        wall = new WallClock(Instant.parse("2026-11-24T10:00:00Z"));
        mirror = NodeMirror.forRealControllers(client, homelab.nodes, homelab.clock, wall);
        mirror.start();
    }

    @AfterEach
    void stop() {
        kube.stop();
    }

    private Lease lease(String node) {
        return client.leases().inNamespace("kube-node-lease").withName(node).get();
    }

    @Test
    void everyNodeHasALeaseHeldByItsKubeletAndOwnedByTheNode() {
        assertThat(client.leases().inNamespace("kube-node-lease").list().getItems()).hasSize(5);
        Lease lease = lease("talos-master-0");
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo("talos-master-0");
        assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(40);
        assertThat(lease.getSpec().getRenewTime().toInstant()).isEqualTo(wall.instant());
        assertThat(lease.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Node");
            assertThat(owner.getUid()).isEqualTo(client.nodes().withName("talos-master-0").get().getMetadata().getUid());
        });
        assertThat(lease.getMetadata().getLabels()).containsEntry(KubernetesBackend.SIMULATED_LABEL, "true");
    }

    @Test
    void leasesAreRenewedEveryTenSecondsOfWallClockWhileTheNodeIsUp() {
        Instant created = wall.instant();
        wall.advance(Duration.ofSeconds(9));
        mirror.sync();
        assertThat(lease("talos-worker-gpu-0").getSpec().getRenewTime().toInstant()).as("not due yet").isEqualTo(created);

        homelab.node("talos-worker-gpu-1").reboot();
        wall.advance(Duration.ofSeconds(2));
        mirror.sync();
        assertThat(lease("talos-worker-gpu-0").getSpec().getRenewTime().toInstant()).isEqualTo(wall.instant());
        assertThat(lease("talos-worker-gpu-1").getSpec().getRenewTime().toInstant())
                .as("a rebooting node's kubelet renews nothing").isEqualTo(created);
    }

    @Test
    void everySimulatedNodeIsTaintedSoNoRealPodIsScheduledOnIt() {
        assertThat(client.nodes().withName("talos-worker-gpu-0").get().getSpec().getTaints())
                .extracting(Taint::getKey, Taint::getValue, Taint::getEffect)
                .contains(org.assertj.core.groups.Tuple.tuple(KubernetesBackend.SIMULATED_LABEL, "true", "NoSchedule"));
        assertThat(client.nodes().withName("talos-master-0").get().getSpec().getTaints()).extracting(Taint::getKey)
                .containsExactly("node-role.kubernetes.io/control-plane", KubernetesBackend.SIMULATED_LABEL);
    }

    @Test
    void stopRemovesTheLeasesWithTheNodes() {
        mirror.stop();
        assertThat(client.leases().inNamespace("kube-node-lease").list().getItems()).isEmpty();
        assertThat(client.nodes().list().getItems()).isEmpty();
    }

    @Test
    void onTheEmbeddedApiWithoutControllersThereAreNoLeasesAndNoExtraTaint() {
        mirror.stop();
        NodeMirror plain = new NodeMirror(client, homelab.nodes, homelab.clock);
        plain.start();
        assertThat(client.leases().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.nodes().withName("talos-worker-gpu-0").get().getSpec().getTaints()).isNullOrEmpty();
    }

    /** A wall clock the test moves. */
    static final class WallClock extends Clock {
        private Instant now;

        WallClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
