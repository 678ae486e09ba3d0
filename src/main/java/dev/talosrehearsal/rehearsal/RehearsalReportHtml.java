package dev.talosrehearsal.rehearsal;

import static dev.talosrehearsal.rollout.ReportHtml.esc;

import dev.talosrehearsal.kube.impact.ImpactFinding;
import dev.talosrehearsal.lint.Finding;
import dev.talosrehearsal.lint.Severity;
import dev.talosrehearsal.rollout.ReportHtml;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.rollout.Verifier;
import dev.talosrehearsal.sim.node.Disruption;
import java.time.Instant;
import java.util.List;

/**
 * The whole rehearsal as one self-contained HTML page, verdict first: the problems (lint's errors first), lint's
 * findings with their fixes, the impact scan, the migration (timeline and per-node detail), its verification, the
 * rollback drill and its verification. Times are simulated and shown as offsets from each rollout's start
 * ({@code t+12.0 s}). Sections that did not run say so rather than vanish.
 */
public final class RehearsalReportHtml {
    private RehearsalReportHtml() {}

    public static String render(String cluster, RehearsalOutcome outcome) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Rehearsal of ").append(esc(cluster))
                .append("</title>\n<style>").append(ReportHtml.STYLE).append("svg.timeline{border:1px solid #ddd;margin:.5em 0 1em}")
                .append("</style></head><body>\n");
        h.append("<h1>Rehearsal of ").append(esc(cluster)).append("</h1>\n");
        verdict(h, outcome);
        lint(h, outcome);
        impact(h, outcome.impact());
        rollout(h, "migration", "Migration", outcome.migration(), outcome.migrationDisruptions());
        checks(h, "verification-after-migration", "Verification after the migration", outcome.verificationAfterMigration(),
                outcome.migration() != null && outcome.migration().outcome == RolloutReport.Outcome.MIGRATED);
        rollout(h, "rollback-drill", "Rollback drill", outcome.rollbackDrill(), outcome.drillDisruptions());
        checks(h, "verification-after-rollback", "Verification after the rollback drill", outcome.verificationAfterRollback(),
                outcome.rollbackDrill() != null && outcome.rollbackDrill().outcome == RolloutReport.Outcome.MIGRATED);
        return h.append("</body></html>\n").toString();
    }

    private static void verdict(StringBuilder h, RehearsalOutcome outcome) {
        h.append("<section id=\"verdict\"><p class=\"outcome ").append(outcome.passed() ? "ok" : "bad").append("\">")
                .append(esc(outcome.verdict())).append("</p>\n");
        if (!outcome.problems().isEmpty()) {
            h.append("<ol>");
            outcome.problems().forEach(p -> h.append("<li><pre>").append(esc(p)).append("</pre></li>"));
            h.append("</ol>\n");
        }
        h.append("</section>\n");
    }

    private static void lint(StringBuilder h, RehearsalOutcome outcome) {
        h.append("<section id=\"lint\"><h2>Static checks (lint)</h2>\n");
        if (outcome.lint() == null) {
            h.append("<p>Not run.</p></section>\n");
            return;
        }
        List<Finding> findings = outcome.lint().findings();
        h.append("<p>").append(outcome.lint().count(Severity.ERROR)).append(" errors, ").append(outcome.lint().count(Severity.WARNING))
                .append(" warnings</p>\n");
        if (!findings.isEmpty()) {
            h.append("<table><tr><th>severity</th><th>rule</th><th>where</th><th>why</th><th>fix</th></tr>\n");
            for (Finding f : findings) {
                h.append("<tr><td class=\"").append(f.severity() == Severity.ERROR ? "bad" : "skip").append("\">")
                        .append(esc(f.severity().name().toLowerCase(java.util.Locale.ROOT))).append("</td><td>").append(esc(f.ruleId()))
                        .append("</td><td><code>").append(esc(f.location())).append("</code></td><td>").append(esc(f.why()))
                        .append("</td><td>").append(esc(f.fix())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</section>\n");
    }

    private static void impact(StringBuilder h, List<ImpactFinding> impact) {
        h.append("<section id=\"impact\"><h2>Impact scan</h2>\n");
        if (impact == null) {
            h.append("<p>Not run: the directory has no <code>cluster/</code> objects, or before/ pins no node subnet.</p></section>\n");
            return;
        }
        h.append("<p>").append(impact.size()).append(" references in the cluster's objects (information: they do not fail the rehearsal)</p>\n");
        if (!impact.isEmpty()) {
            h.append("<table><tr><th>kind</th><th>namespace</th><th>name</th><th>field</th><th>value</th><th>note</th></tr>\n");
            for (ImpactFinding f : impact) {
                h.append("<tr><td>").append(esc(f.kind())).append("</td><td>").append(esc(f.namespace())).append("</td><td>")
                        .append(esc(f.name())).append("</td><td><code>").append(esc(f.fieldPath())).append("</code></td><td><code>")
                        .append(esc(f.value())).append("</code></td><td>").append(esc(f.note())).append("</td></tr>\n");
            }
            h.append("</table>\n");
        }
        h.append("</section>\n");
    }

    private static void rollout(StringBuilder h, String id, String title, RolloutReport report, List<Disruption> disruptions) {
        h.append("<section id=\"").append(id).append("\"><h2>").append(title).append("</h2>\n");
        if (report == null) {
            h.append("<p>Not run.</p></section>\n");
            return;
        }
        Instant origin = report.started;
        h.append("<p>Simulated time from the rollout's start.</p>\n");
        h.append(TimelineSvg.render(report, disruptions));
        h.append(ReportHtml.section(report, "h3", t -> TimelineSvg.at(TimelineSvg.seconds(origin, t))));
        h.append("</section>\n");
    }

    private static void checks(StringBuilder h, String id, String title, List<Verifier.Check> checks, boolean ran) {
        h.append("<section id=\"").append(id).append("\"><h2>").append(title).append("</h2>\n");
        if (!ran || checks.isEmpty()) {
            h.append("<p>Not run.</p></section>\n");
            return;
        }
        h.append("<table><tr><th>check</th><th>node</th><th>result</th><th>detail</th></tr>\n");
        for (Verifier.Check c : checks) {
            h.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(esc(c.node() == null ? "" : c.node())).append("</td><td class=\"")
                    .append(c.passed() ? "ok\">pass" : "bad\">fail").append("</td><td>").append(esc(c.detail())).append("</td></tr>\n");
        }
        h.append("</table></section>\n");
    }
}
