package dev.talosrehearsal.rollout;

import java.io.PrintWriter;

/** The end of a rollout for people: one row per node with its final state, the outcome, and what is left to do by hand. */
public final class RolloutSummary {
    private RolloutSummary() {}

    public static void print(RolloutReport report, PrintWriter out) {
        print(report, out, "");
    }

    /**
     * The same, {@code where} following a {@code migrated} outcome to say which configs the nodes reached when that is
     * not the new ones (a rehearsal's rollback drill: "migrated" back to before/, found confusing by a user trial).
     */
    public static void print(RolloutReport report, PrintWriter out, String where) {
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
        String reached = report.outcome == RolloutReport.Outcome.MIGRATED && !where.isEmpty() ? " " + where : "";
        out.println("outcome: " + report.outcome.id() + reached + (report.failure == null ? "" : " — " + report.failure));
        report.manualSteps.forEach(s -> out.println("  by hand: " + s));
        out.flush();
    }
}
