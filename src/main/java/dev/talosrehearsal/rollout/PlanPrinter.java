package dev.talosrehearsal.rollout;

import java.io.PrintWriter;

/** The plan as people read it: steps in order with the reason, each node's changes, reboots, gates, warnings. */
public final class PlanPrinter {
    private PlanPrinter() {}

    public static void print(RolloutPlan plan, PrintWriter out) {
        out.printf("Rollout plan for cluster %s%s: %d %s in %d %s%n", plan.clusterName(),
                plan.release().map(r -> " (configs for Talos " + r.tag() + ")").orElse(""), plan.nodeCount(),
                plan.nodeCount() == 1 ? "node" : "nodes", plan.steps().size(), plan.steps().size() == 1 ? "step" : "steps");
        for (RolloutPlan.Step step : plan.steps()) {
            out.printf("%n[%d/%d] %s%n", step.number(), plan.steps().size(), step.why());
            for (NodeChange node : step.nodes()) {
                out.printf("  %s (%s, %s)%n", node.hostname(), node.role(), node.address());
                node.changes().forEach(c -> out.println("    change  " + c));
                out.println(node.rebootRequired()
                        ? "    reboot  yes: " + String.join(", ", node.rebootPaths()) + " take effect at boot (Talos up to v1.13"
                                + " reboots for them; from v1.14, which applies every change live, the applier asks for the reboot)"
                        : node.etcdRestartRequired()
                        ? "    reboot  yes, asked by the applier: Talos applies every change live, but etcd takes "
                                + String.join(", ", node.etcdRestartPaths()) + " only when it starts"
                        : "    reboot  no: every change applies immediately");
                node.gates().forEach(g -> out.println("    gate    " + g.kind().id() + ": " + g.describe()));
            }
        }
        if (!plan.unchangedNodes().isEmpty()) {
            out.printf("%nUnchanged, not touched: %s%n", String.join(", ", plan.unchangedNodes()));
        }
        if (!plan.warnings().isEmpty()) {
            out.println();
            plan.warnings().forEach(w -> out.println("warning: " + w));
        }
    }
}
