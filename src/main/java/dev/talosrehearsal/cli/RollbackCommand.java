package dev.talosrehearsal.cli;

import dev.talosrehearsal.rollout.Journal;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.talos.ApplyMode;
import java.nio.file.Path;
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
        RolloutRun.Journaled j = RolloutRun.Journaled.open(journalDir, access, ApplyMode.AUTO);
        Journal journal = j.journal();
        return run.run(access, j.plan(), j.settings(), spec.commandLine().getOut(), RolloutReport.Outcome.ROLLED_BACK,
                (applier, plan) -> applier.rollback(plan, journal));
    }
}
