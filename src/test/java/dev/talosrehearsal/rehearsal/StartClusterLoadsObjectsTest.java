package dev.talosrehearsal.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.sim.SimulatedCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code sim up DIR} and {@code rehearse DIR} start their cluster through {@link Rehearsal#startCluster()}, which
 * loads {@code DIR/cluster/*.yaml}: kubectl sees the cluster's objects on either (fixtures/office).
 */
class StartClusterLoadsObjectsTest {
    @Test
    void theDirectorysClusterObjectsAreInTheSimulatedCluster() {
        RehearsalDirectory inputs = new RehearsalDirectory(Path.of("fixtures/office"), "after");
        Rehearsal rehearsal = new Rehearsal(inputs, new Rehearsal.Options("embedded", inputs.tailnetSuffix(null), false, false),
                new PrintWriter(new StringWriter()));

        try (SimulatedCluster cluster = rehearsal.startCluster()) {
            var client = cluster.kubernetes().client();
            assertThat(client.network().v1().networkPolicies().inNamespace("ci").withName("allow-office-lan").get()).isNotNull();
            assertThat(client.namespaces().withName("ci").get()).isNotNull();
        }
    }
}
