package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.Journal;
import dev.talosrehearsal.rollout.JournalManifest;
import dev.talosrehearsal.rollout.JournalPlans;
import dev.talosrehearsal.rollout.ReportHtml;
import dev.talosrehearsal.rollout.RolloutListener;
import dev.talosrehearsal.rollout.RolloutPlan;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.rollout.RolloutSummary;
import dev.talosrehearsal.rollout.RolloutTarget;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.talos.TalosConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import picocli.CommandLine.Option;

/**
 * What apply, resume and rollback share: asking before changing nodes, connecting, printing progress, writing
 * the reports, the exit code. Each command reads and checks every input it is given before it writes anything.
 */
final class RolloutRun {
    @Option(names = "--report", paramLabel = "FILE.json", description = "Write a machine-readable report.")
    Path reportJson;

    @Option(names = "--report-html", paramLabel = "FILE.html", description = "Write a report people can read without a server.")
    Path reportHtml;

    @Option(names = "--yes", description = "Do not ask before changing nodes.")
    boolean yes;

    /**
     * Asks {@code question} on the terminal unless --yes was given; true when the answer is yes. When not, says that
     * nothing was changed: the one place apply, resume and rollback ask.
     */
    boolean confirmed(PrintWriter out, String question) {
        if (yes) {
            return true;
        }
        out.print("\n" + question + " [y/N] ");
        out.flush();
        String answer;
        try {
            answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer from the terminal: " + e.getMessage(), e);
        }
        boolean yesAnswer = answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
        if (!yesAnswer) {
            out.println("Not confirmed; nothing was changed.");
        }
        return yesAnswer;
    }

    /** The cluster the access options name: talosconfig and kubeconfig read and checked, nothing dialled or written yet. */
    static Connection connect(ClusterAccessOptions access, TalosConfig.Context ctx) {
        return new Connection(ctx, access.target(ctx));
    }

    /** A cluster reached through a talosconfig context; closing it closes the target. */
    record Connection(TalosConfig.Context ctx, RolloutTarget target) implements AutoCloseable {
        @Override
        public void close() {
            target.close();
        }
    }

    /** Runs {@code action}; exit 0 when its report ends with {@code success}, else 1. */
    int run(Connection cluster, RolloutPlan plan, Applier.Settings settings, PrintWriter out,
            RolloutReport.Outcome success, BiFunction<Applier, RolloutPlan, RolloutReport> action) {
        List<String> controlPlanes = plan.nodeChanges().stream().filter(n -> n.controlPlane()).map(n -> n.address()).toList();
        Applier applier = cluster.target().applier(settings, RolloutListener.printingTo(out),
                controlPlanes.isEmpty() ? cluster.ctx().endpoints() : controlPlanes);
        CountDownLatch ended = new CountDownLatch(1);
        Thread onSignal = new Thread(() -> stopAndWait(applier, ended, out), "talos-rehearsal-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        try {
            RolloutReport report = action.apply(applier, plan);
            RolloutSummary.print(report, out);
            boolean written = write(reportJson, report::toJson, out) & write(reportHtml, () -> ReportHtml.render(report), out);
            return report.outcome == success && written ? Main.OK : Main.FOUND;
        } finally {
            out.flush();
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // a signal arrived: the hook is running and returns now that the summary is out
            }
        }
    }

    /**
     * SIGTERM, SIGINT (Ctrl-C) or SIGHUP while a rollout runs: the JVM runs this hook and ends when it returns. Asks the
     * applier to stop before its next action and waits (at most {@link #STOP_GRACE}) until it has journaled that and
     * printed the node-state table, so the journal is one resume or rollback goes on from. A SIGKILL, or a second
     * signal's impatience, ends it at once: every event is on disk before the next action, so that journal can be
     * resumed too.
     */
    private static void stopAndWait(Applier applier, CountDownLatch ended, PrintWriter out) {
        applier.requestStop("signal");
        out.println("stop requested: the rollout stops before its next action (the call in flight finishes first)");
        out.flush();
        try {
            ended.await(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Under systemd's default 90 s between SIGTERM and SIGKILL; a gate's poll sleeps at most 10 s, a call 30 s. */
    static final Duration STOP_GRACE = Duration.ofSeconds(60);

    /**
     * Writes a report when asked for; a report that cannot be written (a full disk) is said in one line after the
     * summary, which is what the operator needs most, and fails the command without hiding the rollout's outcome.
     */
    private static boolean write(Path file, java.util.function.Supplier<String> content, PrintWriter out) {
        if (file == null) {
            return true;
        }
        try {
            AtomicFiles.writePrivate(file, content.get());
            return true;
        } catch (UncheckedIOException e) {
            out.println("report not written: " + e.getMessage());
            return false;
        }
    }

    /**
     * A journaled rollout to resume or roll back: its journal (locked by this process until closed), its rebuilt
     * plan and its settings.
     */
    record Journaled(Journal journal, RolloutPlan plan, Applier.Settings settings) implements AutoCloseable {
        /**
         * Opens and locks {@code dir} (refused while another applier holds it; a stale lock is taken over and said so on
         * {@code out}); the journal's tailnet applies unless --tailnet overrides it; {@code mode} null = the journal's.
         */
        static Journaled open(Path dir, ClusterAccessOptions access, ApplyMode mode, PrintWriter out) {
            Journal journal = Journal.open(dir);
            try {
                journal.takeOverNote().ifPresent(out::println);
                JournalManifest m = journal.manifest();
                access.tailnet = access.tailnet != null ? access.tailnet : m.tailnetSuffix();
                Applier.Settings settings = new Applier.Settings(mode != null ? mode : ApplyMode.valueOf(m.mode()),
                        Duration.ofSeconds(m.tryTimeoutSeconds()), Duration.ofSeconds(m.gateTimeoutSeconds()), null);
                return new Journaled(journal, JournalPlans.rebuild(journal), settings);
            } catch (RuntimeException e) {
                journal.close();
                throw e;
            }
        }

        @Override
        public void close() {
            journal.close();
        }
    }
}
