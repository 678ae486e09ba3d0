package dev.talosrehearsal.cli;

import dev.talosrehearsal.rollout.RolloutReport;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue an interrupted rollout from its journal: nodes already applied and gated are not touched again.")
final class ResumeCommand implements Callable<Integer> {
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
        RolloutRun.Journaled j = RolloutRun.Journaled.open(journalDir, access, null);
        return run.run(access, j.plan(), j.settings(), spec.commandLine().getOut(), RolloutReport.Outcome.MIGRATED, (applier, plan) -> applier.resume(plan, j.journal()));
    }
}
