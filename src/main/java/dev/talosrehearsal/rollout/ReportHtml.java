package dev.talosrehearsal.rollout;

import dev.talosrehearsal.rollout.RolloutReport.Action;
import dev.talosrehearsal.rollout.RolloutReport.GateRecord;
import dev.talosrehearsal.rollout.RolloutReport.NodeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A rollout report as HTML: {@link #render} a self-contained page (what {@code apply --report-html} writes), or
 * {@link #section} the same content as a fragment for a larger page (the rehearsal's report). Times are shown as
 * the caller says: wall-clock instants for a real cluster, {@code t+12.0 s} for a simulated one.
 */
public final class ReportHtml {
    /** The page's style, shared with the pages that embed sections. */
    public static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;max-width:80em}"
            + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
            + ".ok{color:#176b25}.bad{color:#a31515;font-weight:bold}.skip{color:#8a6d00}.note{color:#8a6d00}.outcome{font-size:1.3em}code{background:#f4f4f4}";

    private ReportHtml() {}

    public static String render(RolloutReport report) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rollout of ").append(esc(report.cluster))
                .append("</title>\n<style>").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>Rollout of ").append(esc(report.cluster)).append("</h1>\n");
        h.append("<p>Started ").append(report.started).append(", finished ").append(report.finished).append("</p>\n");
        h.append(section(report, "h2", Instant::toString));
        return h.append("</body></html>\n").toString();
    }

    /**
     * The report's body: outcome, pre-flight, per node its changes and its actions and gates in the order they
     * happened, what was rolled back and what is left to do by hand.
     *
     * @param heading the heading element for per-node titles ({@code h2}, {@code h3})
     * @param time    how an instant is shown
     */
    public static String section(RolloutReport report, String heading, Function<Instant, String> time) {
        StringBuilder h = new StringBuilder();
        String outcome = report.outcome == null ? "unknown" : report.outcome.id();
        boolean good = report.outcome == RolloutReport.Outcome.MIGRATED;
        h.append("<p class=\"outcome ").append(good ? "ok" : "bad").append("\">Outcome: ").append(esc(outcome)).append("</p>\n");
        if (report.failure != null) {
            h.append("<p class=\"bad\">").append(esc(report.failure)).append("</p>\n");
        }
        if (!report.preflight.isEmpty()) {
            h.append("<").append(heading).append(">Pre-flight</").append(heading).append(">")
                    .append("<table><tr><th>check</th><th>node</th><th>result</th><th>detail</th></tr>\n");
            for (RolloutReport.Check c : report.preflight) {
                h.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(esc(c.node() == null ? "" : c.node()))
                        .append("</td>").append(checkCell(c)).append("<td>").append(esc(c.detail())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        report.notes.forEach(note -> h.append("<p class=\"note\">Note: ").append(esc(note)).append("</p>\n"));
        for (NodeRecord node : report.nodes.values()) {
            h.append("<").append(heading).append(">").append(esc(node.hostname)).append(" <small>(").append(esc(node.role)).append(", ")
                    .append(esc(node.state)).append(")</small></").append(heading).append(">\n");
            if (!node.changes.isEmpty()) {
                h.append("<ul>");
                node.changes.forEach(c -> h.append("<li><code>").append(esc(c)).append("</code></li>"));
                h.append("</ul>\n");
            }
            h.append("<table><tr><th>time</th><th>what</th><th>result</th><th>took</th><th>detail</th></tr>\n");
            for (Row row : timeline(node)) {
                h.append("<tr><td>").append(esc(time.apply(row.at))).append("</td><td>").append(esc(row.what)).append("</td><td class=\"")
                        .append(row.ok ? "ok\">ok" : "bad\">failed").append("</td><td>").append(String.format("%.1f s", row.seconds))
                        .append("</td><td>").append(esc(row.detail)).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!report.rolledBack.isEmpty()) {
            h.append("<p>Rolled back, in this order: ").append(esc(String.join(", ", report.rolledBack))).append("</p>\n");
        }
        if (!report.manualSteps.isEmpty()) {
            h.append("<p class=\"bad\">To finish by hand:</p><ul>");
            report.manualSteps.forEach(s -> h.append("<li>").append(esc(s)).append("</li>"));
            h.append("</ul>\n");
        }
        return h.toString();
    }

    /** A skipped check is not a pass: it says so in its own colour. */
    private static String checkCell(RolloutReport.Check c) {
        if (!c.passed()) {
            return "<td class=\"bad\">fail</td>";
        }
        return c.detail() != null && c.detail().startsWith("skipped") ? "<td class=\"skip\">skipped</td>" : "<td class=\"ok\">pass</td>";
    }

    private record Row(Instant at, int order, String what, boolean ok, double seconds, String detail) {}

    /**
     * Actions at their start, gates at the moment they were decided. On a simulated clock many share one instant;
     * then the forward actions (dry run, apply, reboot) come before the gates they lead to, and a rollback after
     * the gate whose failure caused it.
     */
    private static List<Row> timeline(NodeRecord node) {
        List<Row> rows = new ArrayList<>();
        for (Action a : node.actions) {
            rows.add(new Row(a.started(), a.kind().startsWith("rollback") ? 2 : 0, a.kind(), a.ok(), a.seconds(), a.detail()));
        }
        for (GateRecord g : node.gates) {
            rows.add(new Row(g.at(), g.gate().startsWith("rollback") ? 3 : 1, "gate " + g.gate(), g.passed(), g.waitedSeconds(), g.detail()));
        }
        rows.sort(Comparator.comparing(Row::at).thenComparing(Row::order)); // stable: recorded order within a rank
        return rows;
    }

    /** HTML-escapes text for element content and attribute values. */
    public static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
