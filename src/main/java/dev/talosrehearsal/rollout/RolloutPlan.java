package dev.talosrehearsal.rollout;

import java.util.List;
import java.util.Optional;

/**
 * Who goes when, and why: steps in order (each step one control plane, or a batch of workers), the
 * changes of every node, and what to watch out for.
 */
public record RolloutPlan(String clusterName, List<Step> steps, List<String> unchangedNodes, List<String> warnings) {
    public RolloutPlan {
        steps = List.copyOf(steps);
        unchangedNodes = List.copyOf(unchangedNodes);
        warnings = List.copyOf(warnings);
    }

    /** One step: the nodes changed together, and why they go now. */
    public record Step(int number, List<NodeChange> nodes, String why) {
        public Step {
            nodes = List.copyOf(nodes);
        }
    }

    public List<NodeChange> nodeChanges() {
        return steps.stream().flatMap(s -> s.nodes().stream()).toList();
    }

    public Optional<NodeChange> node(String hostname) {
        return nodeChanges().stream().filter(n -> n.hostname().equals(hostname)).findFirst();
    }

    /** The {@code name:port} targets of the plan's tailnet gates (what a client must be able to dial). */
    public List<String> tailnetTargets() {
        return nodeChanges().stream().flatMap(n -> n.gates().stream())
                .map(Gate::tailnetAddress).filter(java.util.Objects::nonNull).distinct().toList();
    }

    public int nodeCount() {
        return nodeChanges().size();
    }
}
