package dev.talosrehearsal.rollout;

import java.io.PrintWriter;

/** The end of a rollout for people: one row per node with its final state, the outcome, and what is left to do by hand. */
public final class RolloutSummary {
    private RolloutSummary() {}

    public static void print(RolloutReport report, PrintWriter out) {
        out.println();
        out.printf("%-22s %-14s %s%n", "NODE", "ROLE", "STATE");
        report.nodes.values().forEach(n -> out.printf("%-22s %-14s %s%n", n.hostname, n.role, n.state));
        out.println();
        out.println("outcome: " + report.outcome.id() + (report.failure == null ? "" : " — " + report.failure));
        report.manualSteps.forEach(s -> out.println("  by hand: " + s));
        out.flush();
    }
}
