package dev.talosrehearsal.rollout;

import java.io.PrintWriter;

/** The end of a rollout for people: one row per node with its final state, the outcome, and what is left to do by hand. */
public final class RolloutSummary {
    private RolloutSummary() {}

    public static void print(RolloutReport report, PrintWriter out) {
        out.println();
        if (report.nodes.isEmpty()) {
            out.println("no node changes: every node already runs this config");
        } else {
            // the hostname column as wide as the longest name (22 at least), so that long names keep the columns aligned
            int width = Math.max(22, report.nodes.values().stream().mapToInt(n -> n.hostname.length()).max().orElse(0));
            String row = "%-" + width + "s %-14s %s%n";
            out.printf(row, "NODE", "ROLE", "STATE");
            report.nodes.values().forEach(n -> out.printf(row, n.hostname, n.role, n.state));
        }
        out.println();
        out.println("outcome: " + report.outcome.id() + (report.failure == null ? "" : " — " + report.failure));
        report.manualSteps.forEach(s -> out.println("  by hand: " + s));
        out.flush();
    }
}
