package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.ReportHtml;
import dev.talosrehearsal.rollout.RolloutListener;
import dev.talosrehearsal.rollout.RolloutPlan;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.rollout.RolloutSummary;
import dev.talosrehearsal.rollout.RolloutTarget;
import dev.talosrehearsal.talos.TalosConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import picocli.CommandLine.Option;

/** What apply, resume and rollback share: connecting, printing progress, writing the reports, the exit code. */
final class RolloutRun {
    @Option(names = "--report", paramLabel = "FILE.json", description = "Write a machine-readable report.")
    Path reportJson;

    @Option(names = "--report-html", paramLabel = "FILE.html", description = "Write a report people can read without a server.")
    Path reportHtml;

    /** Runs {@code action}; exit 0 when its report ends with {@code success}, else 1. */
    int run(ClusterAccessOptions access, RolloutPlan plan, Applier.Settings settings, PrintWriter out,
            RolloutReport.Outcome success, BiFunction<Applier, RolloutPlan, RolloutReport> action) {
        TalosConfig.Context ctx = access.talosContext();
        List<String> controlPlanes = plan.nodeChanges().stream().filter(n -> n.controlPlane()).map(n -> n.address()).toList();
        try (RolloutTarget target = access.target(ctx)) {
            Applier applier = target.applier(settings, RolloutListener.printingTo(out), controlPlanes.isEmpty() ? ctx.endpoints() : controlPlanes);
            RolloutReport report = action.apply(applier, plan);
            RolloutSummary.print(report, out);
            if (reportJson != null) {
                AtomicFiles.writePrivate(reportJson, report.toJson());
            }
            if (reportHtml != null) {
                AtomicFiles.writePrivate(reportHtml, ReportHtml.render(report));
            }
            return report.outcome == success ? Main.OK : Main.FOUND;
        }
    }

    /** A journaled rollout to resume or roll back: its journal, its rebuilt plan and its settings. */
    record Journaled(dev.talosrehearsal.rollout.Journal journal, RolloutPlan plan, Applier.Settings settings) {
        /** Opens {@code dir}; the journal's tailnet applies unless --tailnet overrides it; {@code mode} null = the journal's. */
        static Journaled open(Path dir, ClusterAccessOptions access, dev.talosrehearsal.talos.ApplyMode mode) {
            dev.talosrehearsal.rollout.Journal journal = dev.talosrehearsal.rollout.Journal.open(dir);
            dev.talosrehearsal.rollout.JournalManifest m = journal.manifest();
            access.tailnet = access.tailnet != null ? access.tailnet : m.tailnetSuffix();
            Applier.Settings settings = new Applier.Settings(mode != null ? mode : dev.talosrehearsal.talos.ApplyMode.valueOf(m.mode()),
                    java.time.Duration.ofSeconds(m.tryTimeoutSeconds()), java.time.Duration.ofSeconds(m.gateTimeoutSeconds()), null);
            return new Journaled(journal, dev.talosrehearsal.rollout.JournalPlans.rebuild(journal), settings);
        }
    }
}
