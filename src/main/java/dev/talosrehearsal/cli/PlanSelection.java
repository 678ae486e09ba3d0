package dev.talosrehearsal.cli;

import dev.talosrehearsal.machineconfig.ClusterSide;
import dev.talosrehearsal.rollout.Planner;
import dev.talosrehearsal.rollout.RolloutPlan;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** What plan and apply share: OLD, NEW, which nodes, how many workers at once. */
final class PlanSelection {
    @Option(names = "--from", required = true, paramLabel = "OLD", description = "talconfig.yaml or clusterconfig directory now running.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "NEW", description = "talconfig.yaml or clusterconfig directory to roll out.")
    Path to;

    @Option(names = "--node", paramLabel = "NAME", description = "Only these nodes (repeatable).")
    List<String> nodes = List.of();

    @Option(names = "--max-parallel-workers", defaultValue = "1", paramLabel = "N",
            description = "Workers changed at once (default: ${DEFAULT-VALUE}). Control planes always go one at a time.")
    int maxParallelWorkers;

    RolloutPlan plan(ClusterInputOptions inputs, String tailnet) {
        RolloutInputs loader = new RolloutInputs(inputs);
        ClusterSide old = loader.side(from);
        return new Planner().plan(old.rendered(), loader.side(to).rendered(), new Planner.Options(maxParallelWorkers, nodes, tailnet))
                .withRelease(old.version());
    }
}
