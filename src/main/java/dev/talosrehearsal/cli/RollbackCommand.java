package dev.talosrehearsal.cli;

import dev.talosrehearsal.rollout.NodeChange;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.talos.TalosConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = {"Re-apply the configs recorded before the change to every node the journal says was changed, in reverse"
                + " order, with the same gates (checked against the old configs).",
                "Exit code 0: rolled back (or nothing to roll back); 1: not all nodes came back, or not confirmed; 2: bad input."})
final class RollbackCommand implements Callable<Integer>, DialsTalos {
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
        // the journal's mode: a staged rollout's nodes get their old config even when the dry run sees no change (Rollback)
        try (RolloutRun.Journaled j = RolloutRun.Journaled.open(journalDir, access, null, out)) {
            Set<String> touched = j.journal().state().touched();
            List<String> reversed = new ArrayList<>(j.plan().nodeChanges().stream().map(NodeChange::hostname).filter(touched::contains).toList());
            Collections.reverse(reversed);
            if (reversed.isEmpty()) {
                out.println(journalDir + ": the journal shows no node on its new config; nothing to roll back");
                return Main.OK;
            }
            try (RolloutRun.Connection cluster = RolloutRun.connect(access, ctx)) {
                out.println("back to the configs recorded before the change, in this order: " + String.join(", ", reversed));
                if (!run.confirmed(out, "Roll these nodes back?")) {
                    return Main.FOUND;
                }
                return run.run(cluster, j.plan(), j.settings(), out, RolloutReport.Outcome.ROLLED_BACK,
                        (applier, plan) -> applier.rollback(plan, j.journal()));
            }
        }
    }
}
