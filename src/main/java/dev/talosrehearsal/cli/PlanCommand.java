package dev.talosrehearsal.cli;

import dev.talosrehearsal.rollout.PlanPrinter;
import dev.talosrehearsal.rollout.RolloutPlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Show how a rollout from OLD to NEW would go: the order of nodes and why, what changes on each,"
                + " whether it takes effect only at boot (and who reboots the node), the gates checked after each step, and warnings. Writes nothing."})
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PlanSelection selection;

    @Mixin
    ClusterInputOptions inputs;

    @Option(names = "--tailnet", paramLabel = "SUFFIX",
            description = "The tailnet's MagicDNS suffix (e.g. tailnet-4d89.ts.net), to gate on the Kubernetes API through the Tailscale service name.")
    String tailnet;

    @Override
    public Integer call() {
        RolloutPlan plan = selection.plan(inputs, tailnet);
        PlanPrinter.print(plan, spec.commandLine().getOut());
        return Main.OK;
    }
}
