package dev.talosrehearsal.cli;

import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.Journal;
import dev.talosrehearsal.rollout.JournalManifest;
import dev.talosrehearsal.rollout.JournalPlans;
import dev.talosrehearsal.talos.ApplyMode;
import java.nio.file.Path;
import java.time.Duration;
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
        Journal journal = Journal.open(journalDir);
        JournalManifest m = journal.manifest();
        access.tailnet = access.tailnet != null ? access.tailnet : m.tailnetSuffix();
        Applier.Settings settings = new Applier.Settings(ApplyMode.valueOf(m.mode()), Duration.ofSeconds(m.tryTimeoutSeconds()),
                Duration.ofSeconds(m.gateTimeoutSeconds()), null);
        return run.run(access, JournalPlans.rebuild(journal), settings, spec.commandLine().getOut(), (applier, plan) -> applier.resume(plan, journal));
    }
}
