package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.Journal;
import dev.talosrehearsal.rollout.JournalPlans;
import dev.talosrehearsal.rollout.PlanPrinter;
import dev.talosrehearsal.rollout.RolloutPlan;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.talos.TalosConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Roll NEW out to a running cluster through the Talos API: pre-flight, then control planes one at a time,"
                + " then workers; after each node a dry run, the apply and the gates. On any failure every changed node goes back"
                + " to its OLD config. Everything is journaled (--journal) for resume and rollback.",
                "Exit code 0: migrated; 1: pre-flight failed, or a step failed (rolled back or not: see the summary); 2: bad input."})
final class ApplyCommand implements Callable<Integer>, DialsTalos {
    @Spec
    CommandSpec spec;

    @Mixin
    PlanSelection selection;

    @Mixin
    ClusterInputOptions inputs;

    @Mixin
    ClusterAccessOptions access;

    @Mixin
    RolloutRun run;

    @Option(names = "--mode", defaultValue = "auto", paramLabel = "MODE",
            description = "auto, no-reboot, staged (then reboot) or try (confirmed once the gates pass) (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--try-timeout", defaultValue = "60", paramLabel = "SECONDS", description = "Try mode's revert timeout (default: ${DEFAULT-VALUE} s).")
    long tryTimeoutSeconds;

    @Option(names = "--journal", paramLabel = "DIR", description = "Journal directory (default: rollout-<cluster>-<UTC time>).")
    Path journalDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ApplyMode applyMode;
        try {
            applyMode = ApplyMode.parse(mode);
        } catch (IllegalArgumentException e) {
            throw new InputException("--mode: " + e.getMessage());
        }
        if (applyMode == ApplyMode.REBOOT) {
            throw new InputException("--mode reboot: use auto (the node reboots when its change takes effect only at boot) or staged;"
                    + " Talos v1.14 refuses reboot mode");
        }
        RolloutPlan plan = selection.plan(inputs, access.tailnet);
        // Every input is read and checked before the journal is written: it holds every node's config, keys included.
        TalosConfig.Context ctx = access.talosContext();
        Path dir = journalDir != null ? journalDir : Path.of("rollout-" + plan.clusterName() + "-"
                + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Journal.refuseIfExists(dir);
        try (RolloutRun.Connection cluster = RolloutRun.connect(access, ctx)) {
            PlanPrinter.print(plan, out);
            if (plan.steps().isEmpty()) {
                out.println("\nNothing to roll out: every node's config is already NEW's.");
                return Main.OK;
            }
            if (!run.confirmed(out, "Proceed with this rollout?")) {
                return Main.FOUND;
            }
            Applier.Settings settings = new Applier.Settings(applyMode, Duration.ofSeconds(tryTimeoutSeconds), access.gateTimeout(), null);
            try (Journal journal = Journal.create(dir, JournalPlans.manifest(plan, settings, selection.maxParallelWorkers, access.tailnet),
                    plan.nodeChanges())) {
                out.println("\njournal: " + dir);
                return run.run(cluster, plan, settings, out, RolloutReport.Outcome.MIGRATED, (applier, p) -> applier.run(p, journal));
            }
        }
    }
}
