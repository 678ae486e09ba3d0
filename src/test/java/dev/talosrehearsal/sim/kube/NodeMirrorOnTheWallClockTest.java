package dev.talosrehearsal.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.testing.BootedHomelab;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * On a simulated clock that follows the wall clock (rehearse, sim up), the API server stamps each Node with its own wall
 * clock. A kubelet posts its conditions after it registered, so they are never older than the Node, even when the API
 * server's second has moved on since the simulated clock last caught up (a full verify hit that: 12:47:15 conditions on a
 * Node created at 12:47:16).
 */
class NodeMirrorOnTheWallClockTest {
    @Test
    void nodesRegisteredInALaterSecondThanTheClockHaveConditionsOfThatSecond() throws InterruptedException {
        EmbeddedKubernetes kube = new EmbeddedKubernetes();
        kube.start();
        try {
            SimClock clock = SimClock.startingNow();
            BootedHomelab homelab = new BootedHomelab(clock);
            Instant clockBefore = clock.now();
            while (Instant.now().isBefore(clockBefore.plusSeconds(1))) {
                Thread.sleep(Duration.between(Instant.now(), clockBefore.plusSeconds(1)).toMillis() + 10);
            }

            new NodeMirror(kube.client(), homelab.nodes, clock).start();

            for (Node node : kube.client().nodes().list().getItems()) {
                Instant created = Instant.parse(node.getMetadata().getCreationTimestamp());
                assertThat(created).isAfter(clockBefore);
                for (NodeCondition condition : node.getStatus().getConditions()) {
                    assertThat(Instant.parse(condition.getLastTransitionTime())).as("%s %s", node.getMetadata().getName(), condition.getType())
                            .isAfterOrEqualTo(created);
                    assertThat(Instant.parse(condition.getLastHeartbeatTime())).isAfterOrEqualTo(created);
                }
            }
        } finally {
            kube.stop();
        }
    }
}
