package dev.talosrehearsal.rehearsal;

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
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private final RehearsalDirectory inputs;
    private final String backend;
    private final String tailnet;
    private final boolean rollbackDrill;
    private final PrintWriter out;

    /**
     * @param backend the simulated Kubernetes API: {@code embedded}, {@code k3s} or {@code kubeconfig}
     * @param tailnet the tailnet's MagicDNS suffix
     */
    public Rehearsal(RehearsalDirectory inputs, String backend, String tailnet, boolean rollbackDrill, PrintWriter out) {
        this.inputs = inputs;
        this.backend = backend;
        this.tailnet = tailnet;
        this.rollbackDrill = rollbackDrill;
        this.out = out;
    }

    /** Starts the simulated cluster running before/, on its own simulated clock. */
    public SimulatedCluster startCluster() {
        return SimulatedCluster.start(inputs.beforeSpec(NodeTimings.DEFAULT, new SimClock()), backend, tailnet);
    }

    /** Runs the rehearsal on {@code cluster} (started by {@link #startCluster()}); journals go under {@code work}. */
    public RehearsalOutcome run(SimulatedCluster cluster, Path work) {
        RehearsalOutcome outcome = new RehearsalOutcome();
        outcome.lint = lint();
        outcome.impact = impact(cluster);
        section("Migration: " + inputs.dir().resolve("before") + " → " + inputs.dir().resolve(inputs.afterName()));
        outcome.migration = rollout(cluster, inputs.beforeConfigs(), inputs.afterConfigs(), work.resolve("journal-migration"));
        if (outcome.migration.outcome != RolloutReport.Outcome.MIGRATED) {
            outcome.problems.add(explain("the migration", outcome.migration, outcome.lint));
            return outcome;
        }
        section("Verification after the migration");
        outcome.verifyAfter = verify(cluster, inputs.afterConfigs());
        outcome.verifyAfter.stream().filter(c -> !c.passed()).forEach(c -> outcome.problems.add("verification: " + c));
        if (!rollbackDrill || !outcome.passed()) {
            return outcome;
        }
        section("Rollback drill: revert talconfig.yaml, regenerate, apply → before/");
        outcome.drill = rollout(cluster, inputs.afterConfigs(), inputs.beforeConfigs(), work.resolve("journal-rollback-drill"));
        if (outcome.drill.outcome != RolloutReport.Outcome.MIGRATED) {
            outcome.problems.add(explain("the rollback drill", outcome.drill, null));
            return outcome;
        }
        section("Verification after the rollback drill");
        outcome.verifyBefore = verify(cluster, inputs.beforeConfigs());
        outcome.verifyBefore.stream().filter(c -> !c.passed()).forEach(c -> outcome.problems.add("verification after rollback: " + c));
        return outcome;
    }

    private Linter.Result lint() {
        section("Static checks (lint)");
        Linter.Result result = Linter.lint(new Linter.Request(inputs.afterTalconfig(), inputs.environment(), inputs.secrets(),
                inputs.beforeTalconfig(), inputs.inventoryFile(), tailnet));
        result.findings().forEach(f -> out.println(f.oneLine()));
        out.printf("%d errors, %d warnings%n", result.count(Severity.ERROR), result.count(Severity.WARNING));
        return result;
    }

    /**
     * When DIR has {@code cluster/*.yaml}: puts those objects into the simulated cluster and lists the ones
     * that refer to the old node subnet (before/'s validSubnets), as {@code impact} would. Information only:
     * it does not fail the rehearsal.
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
        ClusterObjects.load(cluster.kubernetes(), ObjectFiles.read(objects));
        List<ImpactFinding> findings = new ImpactScanner(from, from.equals(to) ? null : to)
                .scan(LiveObjects.list(cluster.kubernetes().client()).objects());
        ImpactReport.printTable(findings, out);
        return findings;
    }

    private static String firstSubnet(RenderedCluster cluster) {
        var subnets = cluster.nodes().get(0).config().at("/machine/kubelet/nodeIP/validSubnets");
        return subnets.isArray() && subnets.size() > 0 ? subnets.get(0).asText() : null;
    }

    private RolloutReport rollout(SimulatedCluster cluster, RenderedCluster from, RenderedCluster to, Path journalDir) {
        RolloutPlan plan = new Planner().plan(from, to, new Planner.Options(1, List.of(), tailnet));
        Applier.Settings settings = Applier.Settings.defaults();
        try (Journal journal = Journal.create(journalDir, JournalPlans.manifest(plan, settings, 1, tailnet), plan.nodeChanges());
                RolloutTarget target = SimulatedTarget.of(cluster, tailnet)) {
            RolloutReport report = target.applier(settings, RolloutListener.printingTo(out), from.controlPlaneTargets()).run(plan, journal);
            RolloutSummary.print(report, out);
            return report;
        }
    }

    private List<Verifier.Check> verify(SimulatedCluster cluster, RenderedCluster expected) {
        cluster.sync();
        try (RolloutTarget target = SimulatedTarget.of(cluster, tailnet)) {
            List<Verifier.Check> checks = target.verifier(expected.controlPlaneTargets()).verify(expected);
            checks.forEach(out::println);
            return checks;
        }
    }

    /** Which node, which step, why — and what it would have meant in production. */
    private static String explain(String what, RolloutReport report, Linter.Result lint) {
        StringBuilder s = new StringBuilder(what + " ended " + report.outcome.id() + ": " + report.failure);
        switch (report.outcome) {
            case PREFLIGHT_FAILED -> s.append(". In production: nothing would have been changed.");
            case ROLLED_BACK -> s.append(". In production: the rollout would have stopped there and put ")
                    .append(String.join(", ", report.rolledBack)).append(report.rolledBack.size() == 1 ? " back on its old config." : " back on their old configs.");
            case FAILED -> s.append(". In production: the cluster would be left half-migrated; see the manual steps.");
            default -> { }
        }
        if (lint != null) {
            for (Finding f : lint.findings()) {
                if (f.severity() == Severity.ERROR) {
                    s.append("\n  lint ").append(f.ruleId()).append(" at ").append(f.location()).append(": ").append(f.why())
                            .append(" Fix: ").append(f.fix());
                }
            }
        }
        return s.toString();
    }

    private void section(String title) {
        out.println();
        out.println("== " + title);
    }
}
