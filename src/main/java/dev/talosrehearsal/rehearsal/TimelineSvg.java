package dev.talosrehearsal.rehearsal;

import static dev.talosrehearsal.rollout.ReportHtml.esc;

import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.rollout.RolloutReport.Action;
import dev.talosrehearsal.rollout.RolloutReport.GateRecord;
import dev.talosrehearsal.rollout.RolloutReport.NodeRecord;
import dev.talosrehearsal.sim.node.Disruption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A rollout drawn as an inline SVG, one lane per node (control planes first, so one sees that they are never
 * disrupted at once): the simulated node's disruptions (reboot, restarts, etcd unreachable) as a wide band, the
 * applier's actions as ticks and its gate waits as thin bars, on the simulated clock from the rollout's start.
 * No script, no external resource: the page works offline and in a headless browser.
 */
final class TimelineSvg {
    private static final int LABEL = 170;
    private static final int PLOT = 860;
    private static final int LANE = 34;
    private static final int TOP = 26;
    private static final Map<Disruption.Kind, String> DISRUPTION_COLOURS = Map.of(
            Disruption.Kind.REBOOT, "#555555",
            Disruption.Kind.KUBELET_RESTART, "#e08a00",
            Disruption.Kind.EXTENSION_RESTART, "#d6bf00",
            Disruption.Kind.ETCD_UNHEALTHY, "#7b3fb5",
            Disruption.Kind.ETCD_UNREACHABLE, "#b03fa0",
            Disruption.Kind.KUBELET_CRASHLOOP, "#8b3a1a");

    private TimelineSvg() {}

    static String render(RolloutReport report, List<Disruption> disruptions) {
        Instant origin = report.started;
        List<NodeRecord> lanes = new ArrayList<>();
        report.nodes.values().stream().filter(n -> n.role.equals("control plane")).forEach(lanes::add);
        report.nodes.values().stream().filter(n -> !n.role.equals("control plane")).forEach(lanes::add);
        double span = Math.max(1, seconds(origin, end(report, disruptions)));
        double scale = PLOT / span;
        int height = TOP + lanes.size() * LANE + 48;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"").append(LABEL + PLOT + 20).append("\" height=\"")
                .append(height).append("\" font-family=\"system-ui,sans-serif\" font-size=\"12\">\n");
        axis(s, span, scale, lanes.size());
        for (int i = 0; i < lanes.size(); i++) {
            NodeRecord node = lanes.get(i);
            int y = TOP + i * LANE;
            s.append("<text x=\"4\" y=\"").append(y + 20).append("\">").append(esc(node.hostname)).append("</text>\n");
            s.append("<line x1=\"").append(LABEL).append("\" x2=\"").append(LABEL + PLOT).append("\" y1=\"").append(y + LANE - 2)
                    .append("\" y2=\"").append(y + LANE - 2).append("\" stroke=\"#eee\"/>\n");
            for (Disruption d : disruptions) {
                if (d.node().equals(node.hostname)) {
                    double from = seconds(origin, d.start());
                    double to = d.end() == null ? span : seconds(origin, d.end());
                    rect(s, from, to, y + 10, 14, DISRUPTION_COLOURS.getOrDefault(d.kind(), "#999"), scale,
                            node.hostname + ": " + d.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
                                    + at(from) + " to " + (d.end() == null ? "the end" : at(to)), "disruption");
                }
            }
            for (GateRecord g : node.gates) {
                double to = seconds(origin, g.at());
                rect(s, to - g.waitedSeconds(), to, y + 4, 4, g.passed() ? "#2e8b57" : "#c0392b", scale,
                        node.hostname + ": gate " + g.gate() + (g.passed() ? " passed " : " FAILED ") + at(to) + ": " + g.detail(), "gate");
            }
            for (Action a : node.actions) {
                double from = seconds(origin, a.started());
                rect(s, from, from + a.seconds(), y + 26, 5, a.ok() ? "#1f6fd1" : "#c0392b", scale,
                        node.hostname + ": " + a.kind() + " " + at(from) + (a.ok() ? "" : " (failed)") + ": " + a.detail(), "action");
            }
        }
        legend(s, TOP + lanes.size() * LANE + 28);
        return s.append("</svg>\n").toString();
    }

    private static Instant end(RolloutReport report, List<Disruption> disruptions) {
        Instant end = report.finished == null ? report.started : report.finished;
        for (Disruption d : disruptions) {
            if (d.end() != null && d.end().isAfter(end)) {
                end = d.end();
            }
        }
        return end;
    }

    private static void axis(StringBuilder s, double span, double scale, int lanes) {
        double step = niceStep(span / 8);
        for (double t = 0; t <= span + 1e-9; t += step) {
            double x = LABEL + t * scale;
            s.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"").append(TOP - 4).append("\" y2=\"")
                    .append(TOP + lanes * LANE).append("\" stroke=\"#ddd\"/>\n");
            s.append("<text x=\"").append(fmt(x)).append("\" y=\"").append(TOP - 8).append("\" text-anchor=\"middle\" fill=\"#666\">")
                    .append(at(t)).append("</text>\n");
        }
    }

    private static void legend(StringBuilder s, int y) {
        int x = LABEL;
        String[][] items = {{"#1f6fd1", "applier action"}, {"#2e8b57", "gate wait (passed)"}, {"#c0392b", "failed"},
                {"#555555", "reboot"}, {"#e08a00", "kubelet restart"}, {"#d6bf00", "extension restart"}, {"#b03fa0", "etcd unreachable"},
                {"#7b3fb5", "etcd unhealthy"}};
        for (String[] item : items) {
            s.append("<rect x=\"").append(x).append("\" y=\"").append(y - 9).append("\" width=\"10\" height=\"10\" fill=\"").append(item[0])
                    .append("\"/><text x=\"").append(x + 14).append("\" y=\"").append(y).append("\">").append(item[1]).append("</text>\n");
            x += 16 + item[1].length() * 7;
        }
    }

    private static void rect(StringBuilder s, double from, double to, int y, int h, String colour, double scale, String title, String kind) {
        double x = LABEL + Math.max(0, from) * scale;
        double w = Math.max(2, (to - Math.max(0, from)) * scale);
        s.append("<rect class=\"").append(kind).append("\" x=\"").append(fmt(x)).append("\" y=\"").append(y).append("\" width=\"")
                .append(fmt(w)).append("\" height=\"").append(h).append("\" fill=\"").append(colour).append("\"><title>")
                .append(esc(title)).append("</title></rect>\n");
    }

    /** Simulated time as an offset, so it is never mistaken for a real date. */
    static String at(double seconds) {
        return String.format(Locale.ROOT, "t+%.1f s", seconds);
    }

    static double seconds(Instant origin, Instant t) {
        return Duration.between(origin, t).toMillis() / 1000.0;
    }

    private static double niceStep(double raw) {
        double[] steps = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};
        for (double step : steps) {
            if (step >= raw) {
                return step;
            }
        }
        return 3600;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
