package dev.talosrehearsal.rollout;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

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
                out.println("    reboot  " + rebootLine(node));
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

    /** Whether the node boots for its change, and who reboots it: Talos up to v1.13 by itself, else the applier (RebootReasons). */
    static String rebootLine(NodeChange node) {
        List<String> byApplier = new ArrayList<>();
        if (node.etcdRestartRequired()) {
            byApplier.add("etcd takes " + String.join(", ", node.etcdRestartPaths()) + " only when it starts");
        }
        if (!node.atBootPaths().isEmpty()) {
            byApplier.add(String.join(", ", node.atBootPaths()) + " take effect only at boot");
        }
        if (node.rebootRequired()) {
            String line = "yes: " + String.join(", ", node.rebootPaths()) + " take effect at boot (Talos up to v1.13 reboots for them; ";
            if (node.liveFromV114Paths().isEmpty()) {
                line += "from v1.14, which applies every change live, the applier asks for the reboot)";
            } else if (node.bootingOnV114Paths().isEmpty()) {
                line += "v1.14 applies them live" + (byApplier.isEmpty() ? ", without one)" : ")");
            } else {
                line += "v1.14 applies " + String.join(", ", node.liveFromV114Paths()) + " live, and the applier asks for the reboot for "
                        + String.join(", ", node.bootingOnV114Paths()) + ")";
            }
            return byApplier.isEmpty() ? line : line + "; and " + String.join("; ", byApplier) + ", so the applier reboots the node"
                    + " when Talos did not";
        }
        return byApplier.isEmpty() ? "no: every change applies immediately"
                : "yes, asked by the applier: Talos applies every change live, but " + String.join("; ", byApplier);
    }
}
