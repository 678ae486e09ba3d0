package dev.talosrehearsal.rollout;

import dev.talosrehearsal.rollout.RolloutReport.Action;
import dev.talosrehearsal.rollout.RolloutReport.GateRecord;
import dev.talosrehearsal.rollout.RolloutReport.NodeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The report as one self-contained HTML page: outcome, pre-flight, and per node a timeline of actions and gates. */
public final class ReportHtml {
    private ReportHtml() {}

    public static String render(RolloutReport report) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rollout of ").append(esc(report.cluster))
                .append("</title>\n<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:70em}"
                        + "table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}"
                        + ".ok{color:#176b25}.bad{color:#a31515;font-weight:bold}.outcome{font-size:1.3em}code{background:#f4f4f4}</style></head><body>\n");
        String outcome = report.outcome == null ? "unknown" : report.outcome.id();
        boolean good = report.outcome == RolloutReport.Outcome.MIGRATED;
        h.append("<h1>Rollout of ").append(esc(report.cluster)).append("</h1>\n<p class=\"outcome ").append(good ? "ok" : "bad")
                .append("\">Outcome: ").append(esc(outcome)).append("</p>\n");
        if (report.failure != null) {
            h.append("<p class=\"bad\">").append(esc(report.failure)).append("</p>\n");
        }
        h.append("<p>Started ").append(report.started).append(", finished ").append(report.finished).append("</p>\n");
        if (!report.preflight.isEmpty()) {
            h.append("<h2>Pre-flight</h2><table><tr><th>check</th><th>node</th><th>result</th><th>detail</th></tr>\n");
            for (RolloutReport.Check c : report.preflight) {
                h.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(esc(c.node() == null ? "" : c.node()))
                        .append("</td><td class=\"").append(c.passed() ? "ok\">pass" : "bad\">fail").append("</td><td>")
                        .append(esc(c.detail())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        for (NodeRecord node : report.nodes.values()) {
            h.append("<h2>").append(esc(node.hostname)).append(" <small>(").append(esc(node.role)).append(", ").append(esc(node.state))
                    .append(")</small></h2>\n");
            if (!node.changes.isEmpty()) {
                h.append("<ul>");
                node.changes.forEach(c -> h.append("<li><code>").append(esc(c)).append("</code></li>"));
                h.append("</ul>\n");
            }
            h.append("<table><tr><th>time</th><th>what</th><th>result</th><th>took</th><th>detail</th></tr>\n");
            for (Row row : timeline(node)) {
                h.append("<tr><td>").append(row.at).append("</td><td>").append(esc(row.what)).append("</td><td class=\"")
                        .append(row.ok ? "ok\">ok" : "bad\">failed").append("</td><td>").append(String.format("%.1f s", row.seconds))
                        .append("</td><td>").append(esc(row.detail)).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        if (!report.rolledBack.isEmpty()) {
            h.append("<h2>Rolled back</h2><p>").append(esc(String.join(", ", report.rolledBack))).append("</p>\n");
        }
        if (!report.manualSteps.isEmpty()) {
            h.append("<h2 class=\"bad\">To finish by hand</h2><ul>");
            report.manualSteps.forEach(s -> h.append("<li>").append(esc(s)).append("</li>"));
            h.append("</ul>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private record Row(Instant at, String what, boolean ok, double seconds, String detail) {}

    private static List<Row> timeline(NodeRecord node) {
        List<Row> rows = new ArrayList<>();
        for (Action a : node.actions) {
            rows.add(new Row(a.started(), a.kind(), a.ok(), a.seconds(), a.detail()));
        }
        for (GateRecord g : node.gates) {
            rows.add(new Row(g.at(), "gate " + g.gate(), g.passed(), g.waitedSeconds(), g.detail()));
        }
        rows.sort(Comparator.comparing(Row::at));
        return rows;
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
