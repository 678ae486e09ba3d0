package dev.talosrehearsal.rehearsal;

import dev.talosrehearsal.rollout.ImageExtensionServices;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.sim.node.NodeImage;
import dev.talosrehearsal.sim.node.SimulatedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a rehearsal says about the simulated nodes' images when it matters: pre-flight refused an extension service a
 * node's image does not define. In production that refusal is the node's own; here the image is what inventory.yaml
 * says, or what before/ configures where it says nothing (NodeImage), so the user learns where to correct it.
 */
final class SimulatedImages {
    private SimulatedImages() {}

    /** The hint to add to a migration that pre-flight stopped for that reason; empty otherwise. */
    static Optional<String> hint(RolloutReport report, SimulatedCluster cluster) {
        if (report.outcome != RolloutReport.Outcome.PREFLIGHT_FAILED) {
            return Optional.empty();
        }
        List<String> stated = new ArrayList<>();
        List<String> assumed = new ArrayList<>();
        report.preflight.stream().filter(c -> !c.passed() && c.name().equals(ImageExtensionServices.CHECK) && c.node() != null)
                .forEach(c -> imageOf(cluster, c.node()).ifPresent(image -> (image.stated() ? stated : assumed)
                        .add(c.node() + ": " + (image.extensionServices().isEmpty() ? "none" : String.join(", ", image.extensionServices())))));
        if (stated.isEmpty() && assumed.isEmpty()) {
            return Optional.empty();
        }
        List<String> sources = new ArrayList<>();
        if (!stated.isEmpty()) {
            sources.add("inventory.yaml's extensionServices (" + String.join("; ", stated) + ")");
        }
        if (!assumed.isEmpty()) {
            sources.add("what before/ configures, since inventory.yaml does not say (" + String.join("; ", assumed) + ")");
        }
        return Optional.of("The simulated images define the extension services of " + String.join(" and ", sources)
                + ": if a real image defines more, list them under nodes.<hostname>.extensionServices in inventory.yaml"
                + " (talosctl services shows them as ext-NAME; capture records them).");
    }

    private static Optional<NodeImage> imageOf(SimulatedCluster cluster, String hostname) {
        return cluster.talos().nodes().stream().filter(n -> n.hostname().equals(hostname)).findFirst().map(SimulatedNode::image);
    }
}
