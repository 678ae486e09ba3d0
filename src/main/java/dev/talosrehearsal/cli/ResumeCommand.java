package dev.talosrehearsal.cli;

import dev.talosrehearsal.rollout.JournalState;
import dev.talosrehearsal.rollout.NodeChange;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.talos.TalosConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Continue an interrupted rollout from its journal: nodes already applied and gated are not touched again.",
                "Exit code 0: migrated, or the rollout had finished already; 1: a step failed (see the summary), or not confirmed; 2: bad input."})
final class ResumeCommand implements Callable<Integer>, DialsTalos {
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
        PrintWriter out = spec.commandLine().getOut();
        TalosConfig.Context ctx = access.talosContext();
        try (RolloutRun.Journaled j = RolloutRun.Journaled.open(journalDir, access, null, out)) {
            JournalState state = j.journal().state();
            if (state.finished()) {
                // nothing left to do is not bad input: the operator's goal (a finished rollout) is met
                out.println(journalDir + ": this rollout has already finished (" + state.finishedDetail() + "); nothing to resume");
                return Main.OK;
            }
            List<String> todo = j.plan().nodeChanges().stream().map(NodeChange::hostname).filter(h -> !state.done().contains(h)).toList();
            try (RolloutRun.Connection cluster = RolloutRun.connect(access, ctx)) {
                out.println("done: " + (state.done().isEmpty() ? "no node yet" : String.join(", ", state.done())));
                var unconfirmed = JournalState.unconfirmedReboots(j.journal().events()).keySet();
                if (!unconfirmed.isEmpty()) {
                    // said before the question: these nodes have their new config already, only the reboot is not seen yet
                    out.println("applied, reboot not confirmed yet: " + String.join(", ", unconfirmed)
                            + " (resume waits for a boot ID other than the journaled one, then runs their gates)");
                }
                out.println("still to roll out, in order: " + String.join(", ", todo));
                if (!run.confirmed(out, "Resume this rollout?")) {
                    return Main.FOUND;
                }
                return run.run(cluster, j.plan(), j.settings(), out, RolloutReport.Outcome.MIGRATED, (applier, plan) -> applier.resume(plan, j.journal()));
            }
        }
    }
}
