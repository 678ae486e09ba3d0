package dev.talosrehearsal.cli;

import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.Journal;
import dev.talosrehearsal.rollout.JournalManifest;
import dev.talosrehearsal.rollout.JournalPlans;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.talos.ApplyMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Re-apply the configs recorded before the change to every node the journal says was changed, in reverse"
                + " order, with the same gates (checked against the old configs).", "Exit code 0: rolled back; 1: not all nodes came back."})
final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "The rollout's journal directory.")
    Path journalDir;

    @Mixin
    ClusterAccessOptions access;

    @Mixin
    RolloutRun run;

    @Override
    public Integer call() {
        Journal journal = Journal.open(journalDir);
        JournalManifest m = journal.manifest();
        access.tailnet = access.tailnet != null ? access.tailnet : m.tailnetSuffix();
        Applier.Settings settings = new Applier.Settings(ApplyMode.AUTO, Duration.ofSeconds(m.tryTimeoutSeconds()),
                Duration.ofSeconds(m.gateTimeoutSeconds()), null);
        int code = run.run(access, JournalPlans.rebuild(journal), settings, spec.commandLine().getOut(), (applier, plan) -> {
            RolloutReport report = applier.rollback(plan, journal);
            return report;
        });
        return code == Main.FOUND && lastOutcomeRolledBack(journal) ? Main.OK : code;
    }

    private static boolean lastOutcomeRolledBack(Journal journal) {
        var events = journal.events();
        return !events.isEmpty() && events.get(events.size() - 1).detail().startsWith(RolloutReport.Outcome.ROLLED_BACK.id());
    }
}
