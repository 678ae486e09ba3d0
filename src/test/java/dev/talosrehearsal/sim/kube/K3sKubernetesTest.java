package dev.talosrehearsal.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.sim.kube.apiserver.ServerTables;
import dev.talosrehearsal.testing.BootedHomelab;
import dev.talosrehearsal.kube.Kubectl;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same mirror on a real API server (k3s in Docker). Skipped, with the reason, where there is no Docker engine. */
@Tag("requires-docker")
class K3sKubernetesTest {
    @Test
    void theSeedsNodesOnK3s(@TempDir Path dir) {
        K3sKubernetes.unavailableReason().ifPresent(reason -> Assumptions.abort(reason));
        try (K3sKubernetes k3s = new K3sKubernetes()) {
            k3s.start();
            BootedHomelab homelab = new BootedHomelab();
            NodeMirror mirror = NodeMirror.on(k3s, homelab.nodes, homelab.clock);
            mirror.start();
            assertThat(k3s.client().nodes().withLabel(KubernetesBackend.SIMULATED_LABEL, "true").list().getItems()).hasSize(5);
            if (Kubectl.find().isPresent()) {
                Path kubeconfig = k3s.writeKubeconfig(dir.resolve("kubeconfig"));
                var rows = Kubectl.table(Kubectl.run(kubeconfig, "get", "nodes", "-o", "wide", "-l",
                        KubernetesBackend.SIMULATED_LABEL + "=true").stdout());
                assertThat(rows).extracting(r -> r.get("INTERNAL-IP"))
                        .containsExactly("100.101.0.10", "100.101.0.11", "100.101.0.12", "100.101.0.20", "100.101.0.21");
                assertThat(rows).extracting((Map<String, String> r) -> r.get("STATUS")).containsOnly("Ready");
            }
        }
    }

    /**
     * k3s's node lifecycle controller marks a Node Unknown when neither its Lease nor its status moved
     * for the grace period (40 s; 50 s on newer releases): the mirror's Lease heartbeats keep the
     * simulated Nodes Ready, as a driver that syncs (sim up, rehearse) does.
     */
    @Test
    void theSimulatedNodesStayReadyPastTheNodeMonitorGracePeriod() throws InterruptedException {
        K3sKubernetes.unavailableReason().ifPresent(reason -> Assumptions.abort(reason));
        try (K3sKubernetes k3s = new K3sKubernetes()) {
            k3s.start();
            BootedHomelab homelab = new BootedHomelab();
            NodeMirror mirror = NodeMirror.on(k3s, homelab.nodes, homelab.clock);
            mirror.start();
            for (int i = 0; i < 35; i++) {
                Thread.sleep(2_000);
                mirror.sync();
            }
            assertThat(k3s.client().nodes().withLabel(KubernetesBackend.SIMULATED_LABEL, "true").list().getItems())
                    .hasSize(5)
                    .allSatisfy(node -> {
                        assertThat(ServerTables.nodeStatus(Json.tree(node))).as(node.getMetadata().getName()).isEqualTo("Ready");
                        assertThat(node.getSpec().getTaints()).extracting(t -> t.getKey())
                                .contains(KubernetesBackend.SIMULATED_LABEL).doesNotContain("node.kubernetes.io/unreachable");
                    });
            mirror.stop();
        }
    }
}
