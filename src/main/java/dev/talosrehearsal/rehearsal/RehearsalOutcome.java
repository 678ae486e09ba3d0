package dev.talosrehearsal.rehearsal;

import dev.talosrehearsal.kube.impact.ImpactFinding;
import dev.talosrehearsal.lint.Linter;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.rollout.Verifier;
import java.util.ArrayList;
import java.util.List;

/** Everything a rehearsal found, in the order it ran; a part that did not run is null (or an empty list). */
public final class RehearsalOutcome {
    Linter.Result lint;
    List<ImpactFinding> impact;
    RolloutReport migration;
    List<Verifier.Check> verifyAfter = List.of();
    RolloutReport drill;
    List<Verifier.Check> verifyBefore = List.of();
    final List<String> problems = new ArrayList<>();

    RehearsalOutcome() {}

    /** No problem: the migration, its verification and (when it ran) the rollback drill all passed. */
    public boolean passed() {
        return problems.isEmpty();
    }

    /** One line per problem: which part, which node, why, and what it would have meant in production. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public Linter.Result lint() {
        return lint;
    }

    /** The impact scan before the migration; null when the directory has no cluster/ objects. */
    public List<ImpactFinding> impact() {
        return impact;
    }

    public RolloutReport migration() {
        return migration;
    }

    public List<Verifier.Check> verificationAfterMigration() {
        return verifyAfter;
    }

    /** The rollback drill; null when it did not run. */
    public RolloutReport rollbackDrill() {
        return drill;
    }

    public List<Verifier.Check> verificationAfterRollback() {
        return verifyBefore;
    }
}
