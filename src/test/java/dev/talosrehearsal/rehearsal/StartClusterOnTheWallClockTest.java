package dev.talosrehearsal.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.kube.Kubectl;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster {@code rehearse} and {@code sim up} start runs on a simulated clock that starts at the wall clock's present,
 * as its Kubernetes API stamps objects: kubectl shows each Node's conditions no older than the Node itself (they preceded
 * its creationTimestamp by eleven months when the clock started on 2026-01-01), as a kubelet posts them after it registers.
 */
class StartClusterOnTheWallClockTest {
    @TempDir
    Path dir;

    @Test
    void everyNodesConditionsAreNoOlderThanTheNodeInKubectl() throws Exception {
        Assumptions.assumeTrue(Kubectl.find().isPresent(), Kubectl.MISSING);
        RehearsalDirectory inputs = new RehearsalDirectory(Path.of("fixtures/homelab"), "after");
        Rehearsal rehearsal = new Rehearsal(inputs, new Rehearsal.Options("embedded", inputs.tailnetSuffix(null), false, false),
                new PrintWriter(new StringWriter()));
        Instant before = Instant.now().minusSeconds(1);

        try (SimulatedCluster cluster = rehearsal.startCluster()) {
            Kubectl.Result get = Kubectl.run(cluster.writeKubeconfig(dir.resolve("kubeconfig")), "get", "nodes", "-o", "json");
            assertThat(get.exitCode()).as(get.toString()).isZero();

            JsonNode nodes = new ObjectMapper().readTree(get.stdout()).path("items");
            assertThat(nodes).hasSize(5);
            for (JsonNode node : nodes) {
                Instant created = Instant.parse(node.at("/metadata/creationTimestamp").asText());
                assertThat(created).isAfterOrEqualTo(before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                for (JsonNode condition : node.at("/status/conditions")) {
                    assertThat(Instant.parse(condition.path("lastTransitionTime").asText()))
                            .as("%s %s", node.at("/metadata/name").asText(), condition.path("type").asText())
                            .isAfterOrEqualTo(created).isBefore(created.plusSeconds(60));
                }
            }
        }
    }
}
