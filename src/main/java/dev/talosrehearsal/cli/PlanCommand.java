package dev.talosrehearsal.cli;

import dev.talosrehearsal.rollout.PlanPrinter;
import dev.talosrehearsal.rollout.Planner;
import dev.talosrehearsal.rollout.RolloutPlan;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show how a rollout from OLD to NEW would go: the order of nodes and why, what changes on each,"
                + " whether Talos needs a reboot for it, the gates checked after each step, and warnings. Writes nothing."})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "OLD", description = "talconfig.yaml or clusterconfig directory now running.")
    Path from;

    @Option(names = "--to", required = true, paramLabel = "NEW", description = "talconfig.yaml or clusterconfig directory to roll out.")
    Path to;

    @Mixin
    ClusterInputOptions inputs;

    @Option(names = "--node", paramLabel = "NAME", description = "Only these nodes (repeatable).")
    List<String> nodes = List.of();

    @Option(names = "--max-parallel-workers", defaultValue = "1", paramLabel = "N",
            description = "Workers changed at once (default: ${DEFAULT-VALUE}). Control planes always go one at a time.")
    int maxParallelWorkers;

    @Option(names = "--tailnet", paramLabel = "SUFFIX",
            description = "The tailnet's MagicDNS suffix (e.g. tailnet-4d89.ts.net), to gate on the Kubernetes API through the Tailscale service name.")
    String tailnet;

    @Override
    public Integer call() {
        RolloutInputs loader = new RolloutInputs(inputs);
        RolloutPlan plan = new Planner().plan(loader.load(from), loader.load(to), new Planner.Options(maxParallelWorkers, nodes, tailnet));
        PlanPrinter.print(plan, spec.commandLine().getOut());
        return Main.OK;
    }
}
