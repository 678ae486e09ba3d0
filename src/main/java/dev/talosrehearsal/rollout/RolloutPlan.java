package dev.talosrehearsal.rollout;

import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.List;
import java.util.Optional;

/**
 * Who goes when, and why: steps in order (each step one control plane, or a batch of workers), the
 * changes of every node, and what to watch out for; and, when known, the Talos release the nodes' current configs are
 * for (the talconfig's {@code talosVersion}, or the tag of the configs' installer image), which a rehearsal of them
 * simulates and pre-flight compares with the release each node runs.
 */
public record RolloutPlan(String clusterName, List<Step> steps, List<String> unchangedNodes, List<String> warnings,
        Optional<TalosVersion> release) {
    public RolloutPlan {
        steps = List.copyOf(steps);
        unchangedNodes = List.copyOf(unchangedNodes);
        warnings = List.copyOf(warnings);
    }

    public RolloutPlan(String clusterName, List<Step> steps, List<String> unchangedNodes, List<String> warnings) {
        this(clusterName, steps, unchangedNodes, warnings, Optional.empty());
    }

    /** This plan, for configs of {@code release}. */
    public RolloutPlan withRelease(Optional<TalosVersion> release) {
        return new RolloutPlan(clusterName, steps, unchangedNodes, warnings, release);
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
