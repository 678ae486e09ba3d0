package dev.talosrehearsal.rehearsal;

import dev.talosrehearsal.kube.impact.ImpactFinding;
import dev.talosrehearsal.lint.Linter;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.rollout.Verifier;
import dev.talosrehearsal.sim.node.Disruption;
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
    /** What the simulated nodes went through during the migration and the drill (reboots, restarts, etcd). */
    List<Disruption> migrationDisruptions = List.of();
    List<Disruption> drillDisruptions = List.of();
    /** Lint's errors, one line each, unless --allow-lint-errors. */
    final List<String> lintProblems = new ArrayList<>();
    /** What went wrong on the simulated cluster: the migration, the drill, their verification. */
    final List<String> problems = new ArrayList<>();
    /** How many lint errors --allow-lint-errors let through (0 without the flag). */
    int lintErrorsAllowed;

    RehearsalOutcome() {}

    /** No problem: no lint error (unless allowed), and the migration, its verification and (when it ran) the rollback drill all passed. */
    public boolean passed() {
        return lintProblems.isEmpty() && problems.isEmpty();
    }

    /** Whether everything that ran on the simulated cluster passed, lint aside. */
    boolean rolloutPassed() {
        return problems.isEmpty();
    }

    /**
     * One line per problem, lint's errors first (the cause to fix first): which part, which node, why, and
     * what it would have meant in production.
     */
    public List<String> problems() {
        List<String> all = new ArrayList<>(lintProblems);
        all.addAll(problems);
        return List.copyOf(all);
    }

    /** How many lint errors were shown but allowed by {@code --allow-lint-errors}; 0 when none were or the flag was not given. */
    public int lintErrorsAllowed() {
        return lintErrorsAllowed;
    }

    /** The closing line: PASSED or FAILED, and whether lint errors were allowed. */
    public String verdict() {
        if (!passed()) {
            return "REHEARSAL FAILED:";
        }
        String allowed = lintErrorsAllowed == 0 ? "" : " Lint found " + lintErrorsAllowed + " error" + (lintErrorsAllowed == 1 ? "" : "s")
                + " (listed above), allowed by --allow-lint-errors.";
        return "REHEARSAL PASSED: the migration" + (drill != null ? " and the rollback drill" : "")
                + " succeeded on the simulated cluster." + allowed;
    }

    public Linter.Result lint() {
        return lint;
    }

    /** The impact scan before the migration; null when the directory has no cluster/ objects. */
    public List<ImpactFinding> impact() {
        return impact;
    }

    /** What the migration's and the drill's summaries told the operator to do by hand, in that order. */
    public List<String> manualSteps() {
        List<String> all = new ArrayList<>();
        if (migration != null) {
            all.addAll(migration.manualSteps);
        }
        if (drill != null) {
            all.addAll(drill.manualSteps);
        }
        return List.copyOf(all);
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

    /** The simulated nodes' disruptions while the migration ran (for the report's timeline). */
    public List<Disruption> migrationDisruptions() {
        return migrationDisruptions;
    }

    public List<Disruption> drillDisruptions() {
        return drillDisruptions;
    }
}
