package dev.talosrehearsal.rehearsal;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.kube.impact.ImpactFinding;
import dev.talosrehearsal.kube.impact.ImpactReport;
import dev.talosrehearsal.kube.impact.ImpactScanner;
import dev.talosrehearsal.kube.impact.LiveObjects;
import dev.talosrehearsal.kube.impact.ObjectFiles;
import dev.talosrehearsal.lint.Finding;
import dev.talosrehearsal.lint.Linter;
import dev.talosrehearsal.lint.Severity;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.DeclaredChecks;
import dev.talosrehearsal.rollout.Journal;
import dev.talosrehearsal.rollout.JournalPlans;
import dev.talosrehearsal.rollout.Planner;
import dev.talosrehearsal.rollout.RolloutListener;
import dev.talosrehearsal.rollout.RolloutPlan;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.rollout.RolloutSummary;
import dev.talosrehearsal.rollout.RolloutTarget;
import dev.talosrehearsal.rollout.Verifier;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.sim.kube.ClusterObjects;
import dev.talosrehearsal.sim.node.Disruption;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The product's main job, on a simulated cluster started in the before/ state: the static checks, the
 * impact scan of {@code cluster/} objects (when there are any), the migration rolled out by the real
 * applier, the verification list, and the rollback drill (back to before/ with the same applier, the way
 * an operator rolls back: revert talconfig.yaml, regenerate, apply), verified again.
 *
 * <p>Prints its progress to {@code out} as it goes; the {@link RehearsalOutcome} holds what it found.
 */
public final class Rehearsal {
    /**
     * The simulator always builds a tailnet; a cluster without Tailscale serves nothing on it, so this name is
     * never dialled ({@code .invalid} is reserved never to resolve, RFC 6761).
     */
    private static final String NO_TAILNET = "no-tailnet.invalid";

    /**
     * How to rehearse.
     *
     * @param backend         the simulated Kubernetes API: {@code embedded}, {@code k3s} or {@code kubeconfig}
     * @param tailnet         the tailnet's MagicDNS suffix, or null when the cluster uses no Tailscale (no tailnet gate)
     * @param rollbackDrill   whether to drill the rollback after a migration that passed
     * @param allowLintErrors whether lint errors leave the verdict alone (they are shown either way)
     */
    public record Options(String backend, String tailnet, boolean rollbackDrill, boolean allowLintErrors) {}

    private final RehearsalDirectory inputs;
    private final String backend;
    private final String tailnet;
    private final boolean rollbackDrill;
    private final boolean allowLintErrors;
    private final PrintWriter out;

    public Rehearsal(RehearsalDirectory inputs, Options options, PrintWriter out) {
        this.inputs = inputs;
        this.backend = options.backend();
        this.tailnet = options.tailnet();
        this.rollbackDrill = options.rollbackDrill();
        this.allowLintErrors = options.allowLintErrors();
        this.out = out;
    }

    /**
     * Starts the simulated cluster running before/, on its own simulated clock, with DIR's {@code cluster/*.yaml}
     * objects loaded when there are any — the one place they are loaded, so {@code rehearse} (and its
     * {@code --keep-running}) and {@code sim up} show the same cluster to kubectl.
     */
    public SimulatedCluster startCluster() {
        SimulatedCluster cluster = SimulatedCluster.start(inputs.beforeSpec(NodeTimings.DEFAULT, SimClock.startingNow()), backend,
                tailnet == null ? NO_TAILNET : tailnet);
        try {
            if (Files.isDirectory(inputs.clusterObjects())) {
                ClusterObjects.load(cluster.kubernetes(), ObjectFiles.read(inputs.clusterObjects()));
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Runs the rehearsal on {@code cluster} (started by {@link #startCluster()}); journals go under {@code work}. */
    public RehearsalOutcome run(SimulatedCluster cluster, Path work) {
        RehearsalOutcome outcome = new RehearsalOutcome();
        outcome.lint = lint();
        // A lint error is a fault lint can name before anything runs (a serve config that forwards nothing, a
        // missing certSAN): it fails the rehearsal even when the simulated rollout happens not to trip over it,
        // and it is listed first because it is the cause to fix first. The rollout still runs, to show what
        // the error would do.
        List<Finding> lintErrors = outcome.lint.findings().stream().filter(f -> f.severity() == Severity.ERROR).toList();
        if (allowLintErrors) {
            outcome.lintErrorsAllowed = lintErrors.size();
        } else {
            lintErrors.forEach(f -> outcome.lintProblems.add("lint " + f.oneLine()));
        }
        outcome.impact = impact(cluster);
        section("Migration: " + inputs.dir().resolve("before") + " → " + inputs.dir().resolve(inputs.afterName()));
        outcome.migration = rollout(cluster, inputs.beforeConfigs(), inputs.afterConfigs(), work.resolve("journal-migration"), "");
        outcome.migrationDisruptions = disruptionsDuring(cluster, outcome.migration);
        if (outcome.migration.outcome != RolloutReport.Outcome.MIGRATED) {
            outcome.problems.add(explain("the migration", outcome.migration, allowLintErrors ? lintErrors : List.of())
                    + SimulatedImages.hint(outcome.migration, cluster).map(h -> "\n  " + h).orElse(""));
            return outcome;
        }
        section("Verification after the migration");
        outcome.verifyAfter = verify(cluster, inputs.afterConfigs(), inputs.checks().afterMigration(), work);
        outcome.verifyAfter.stream().filter(c -> !c.passed()).forEach(c -> outcome.problems.add("verification: " + c));
        if (!rollbackDrill || !outcome.rolloutPassed()) {
            return outcome;
        }
        // with a captured before/ there is no old talconfig to revert to: the rollback applies the running configs again
        section(inputs.before().machineConfigs() ? "Rollback drill: apply before/'s captured configs again"
                : "Rollback drill: revert talconfig.yaml, regenerate, apply → before/");
        outcome.drill = rollout(cluster, inputs.afterConfigs(), inputs.beforeConfigs(), work.resolve("journal-rollback-drill"), "back to before/");
        outcome.drillDisruptions = disruptionsDuring(cluster, outcome.drill);
        if (outcome.drill.outcome != RolloutReport.Outcome.MIGRATED) {
            outcome.problems.add(explain("the rollback drill", outcome.drill, List.of()));
            return outcome;
        }
        section("Verification after the rollback drill");
        outcome.verifyBefore = verify(cluster, inputs.beforeConfigs(), inputs.checks().afterRollback(), work);
        outcome.verifyBefore.stream().filter(c -> !c.passed()).forEach(c -> outcome.problems.add("verification after rollback: " + c));
        return outcome;
    }

    private Linter.Result lint() {
        section("Static checks (lint)");
        Linter.Result result = Linter.lint(new Linter.Request(inputs.afterTalconfig(), inputs.environment(), inputs.secrets(),
                inputs.beforeSource(), inputs.inventoryFile(), tailnet));
        result.findings().forEach(f -> out.println(f.oneLine()));
        out.printf("%d errors, %d warnings%n", result.count(Severity.ERROR), result.count(Severity.WARNING));
        return result;
    }

    /**
     * When DIR has {@code cluster/*.yaml} (loaded by {@link #startCluster()}): lists the cluster's objects that
     * refer to the old node subnet (before/'s validSubnets), as {@code impact} would. Information only: it does
     * not fail the rehearsal.
     */
    private List<ImpactFinding> impact(SimulatedCluster cluster) {
        Path objects = inputs.clusterObjects();
        if (!Files.isDirectory(objects)) {
            return null;
        }
        String from = firstSubnet(inputs.beforeConfigs());
        String to = firstSubnet(inputs.afterConfigs());
        section("Impact scan: objects in " + objects + " that refer to " + (from == null ? "the old subnet" : from));
        if (from == null) {
            out.println("not scanned: before/ pins no kubelet validSubnets, so there is no old range to look for");
            return null;
        }
        List<ImpactFinding> findings = new ImpactScanner(from, from.equals(to) ? null : to)
                .scan(LiveObjects.list(cluster.kubernetes().client()).objects());
        ImpactReport.printTable(findings, out);
        return findings;
    }

    private static String firstSubnet(RenderedCluster cluster) {
        var subnets = ConfigSetting.NODE_IP_VALID_SUBNETS.strings(cluster.nodes().get(0).config());
        return subnets.isEmpty() ? null : subnets.get(0);
    }

    /** {@code where}: which configs a successful rollout reached, when not the new ones ({@link RolloutSummary}). */
    private RolloutReport rollout(SimulatedCluster cluster, RenderedCluster from, RenderedCluster to, Path journalDir, String where) {
        RolloutPlan plan = new Planner().plan(from, to, new Planner.Options(1, List.of(), tailnet));
        Applier.Settings settings = Applier.Settings.defaults();
        try (Journal journal = Journal.create(journalDir, JournalPlans.manifest(plan, settings, 1, tailnet), plan.nodeChanges());
                RolloutTarget target = SimulatedTarget.of(cluster, tailnet)) {
            RolloutReport report = target.applier(settings, RolloutListener.printingTo(out), from.controlPlaneTargets()).run(plan, journal);
            RolloutSummary.print(report, out, where);
            return report;
        }
    }

    /** Every node's disruptions that overlap the rollout's run (still open ones included), in start order. */
    private static List<Disruption> disruptionsDuring(SimulatedCluster cluster, RolloutReport report) {
        Instant from = report.started;
        Instant to = report.finished == null ? Instant.MAX : report.finished;
        return report.nodes.keySet().stream()
                .flatMap(host -> cluster.node(host).disruptions().stream())
                .filter(d -> !d.start().isAfter(to) && (d.end() == null || !d.end().isBefore(from)))
                .sorted(java.util.Comparator.comparing(Disruption::start))
                .toList();
    }

    /** The built-in verification list for {@code expected}, then the user's own checks from checks.yaml. */
    private List<Verifier.Check> verify(SimulatedCluster cluster, RenderedCluster expected, DeclaredChecks declared, Path work) {
        cluster.sync();
        try (RolloutTarget target = SimulatedTarget.of(cluster, tailnet)) {
            Verifier verifier = target.verifier(expected.controlPlaneTargets());
            List<Verifier.Check> checks = new java.util.ArrayList<>(verifier.verify(expected));
            checks.addAll(verifier.verifyDeclared(expected, declared));
            checks.addAll(KubectlChecks.run(declared.kubectl(), cluster, work));
            checks.forEach(out::println);
            return checks;
        }
    }

    /**
     * Which node, which step, why — and what it would have meant in production; with {@code allowedLintErrors}
     * (not listed as problems of their own) their fixes, as the likely cause.
     */
    private static String explain(String what, RolloutReport report, List<Finding> allowedLintErrors) {
        StringBuilder s = new StringBuilder(what + " ended " + report.outcome.id() + ": " + report.failure);
        switch (report.outcome) {
            case PREFLIGHT_FAILED -> s.append(". In production: nothing would have been changed.");
            case ROLLED_BACK -> s.append(". In production: the rollout would have stopped there")
                    .append(report.rolledBack.isEmpty() ? ", before it changed any node." // the first node's dry run or apply was refused
                            : " and put " + String.join(", ", report.rolledBack)
                                    + (report.rolledBack.size() == 1 ? " back on its old config." : " back on their old configs."));
            case FAILED -> s.append(". In production: the cluster would be left half-migrated; see the manual steps.");
            case STOPPED -> s.append(". In production: the rollout would have stopped there, nodes as the table shows; see the manual steps.");
            default -> { }
        }
        for (Finding f : allowedLintErrors) {
            s.append("\n  lint ").append(f.ruleId()).append(" at ").append(f.location()).append(": ").append(f.why())
                    .append(" Fix: ").append(f.fix());
        }
        return s.toString();
    }

    /** How the header names the tailnet, saying so when there is none and the tailnet gates are skipped. */
    public static String describeTailnet(String tailnet) {
        return tailnet != null ? tailnet : "none (no node runs the tailscale extension: the tailnet gates are skipped)";
    }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }
}
