package dev.talosrehearsal.rollout;

import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.rollout.JournalEvent.Type;
import dev.talosrehearsal.rollout.RolloutReport.Action;
import dev.talosrehearsal.rollout.RolloutReport.GateRecord;
import dev.talosrehearsal.rollout.RolloutReport.NodeRecord;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.talos.BootId;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosResults.ApplyResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rolls a plan out through the Talos API: pre-flight before touching anything; then step by step a
 * dry run, the apply, and the gates; on any failure, every node changed so far goes back to its old
 * config in reverse order, gated the same way. Every action is journaled before the next one starts.
 *
 * <p>It knows nothing about where the cluster is: a real one or a simulated one look the same through
 * its three doors (the Talos client, the Kubernetes view, the tailnet probe) and its clock.
 */
public final class Applier {
    static final String NO_CHANGES = "No changes.";

    /**
     * @param inventory hostname → the addresses the node has, when the operator provides them; null: pre-flight
     *                  reads each node's addresses through the Talos resource API instead
     */
    public record Settings(ApplyMode mode, Duration tryTimeout, Duration gateTimeout, Map<String, List<String>> inventory) {
        public static Settings defaults() {
            return new Settings(ApplyMode.AUTO, Duration.ofMinutes(1), Duration.ofMinutes(5), null);
        }
    }

    private final TalosClient talos;
    private final GateChecker gates;
    private final RolloutClock clock;
    private final Waiter waiter;
    private final RebootConfirmation reboots;
    private final RolloutListener listener;
    private final Settings settings;
    private final String tailnetSuffix;
    private final StopRequest stop = new StopRequest();

    public Applier(TalosClient talos, ClusterView kube, TailnetProbe tailnet, RolloutClock clock, RolloutListener listener,
            Settings settings, List<String> controlPlaneAddresses, String tailnetSuffix) {
        this.talos = talos;
        this.gates = new GateChecker(talos, kube, tailnet, controlPlaneAddresses);
        this.clock = clock;
        this.waiter = new Waiter(clock, stop);
        this.reboots = new RebootConfirmation(talos, clock, waiter);
        this.listener = listener;
        this.settings = settings;
        this.tailnetSuffix = tailnetSuffix;
    }

    /**
     * Asks the rollout running on another thread to stop (SIGTERM, Ctrl-C): it finishes the call in flight, stops before
     * its next action (an apply, a reboot, a rollback, a gate's next poll), journals that it stopped, and returns a
     * STOPPED report whose manual step is {@code resume} or {@code rollback} of its journal. Safe to call at any time.
     */
    public void requestStop(String why) {
        stop.request(why);
    }

    /** A fresh rollout: pre-flight, then every step. */
    public RolloutReport run(RolloutPlan plan, Journal journal) {
        RolloutReport report = new RolloutReport(plan.clusterName(), plan, clock.now());
        return journaled(report, journal, () -> {
            journal.record(null, Type.STARTED, plan.nodeCount() + " nodes in " + plan.steps().size() + " steps", clock.now());
            return preflight(plan, journal, report) ? steps(plan, journal, report, EarlierRuns.NONE) : report;
        });
    }

    /**
     * The pre-flight, journaled: true when it passed. A failed one finishes the rollout (PREFLIGHT_FAILED, FINISHED), so
     * that nothing resumes a rollout whose pre-flight never passed; an endpoint or credentials that do not answer at all
     * (bad input, exit 2) finish it the same way before the error goes up.
     */
    private boolean preflight(RolloutPlan plan, Journal journal, RolloutReport report) {
        Preflight.Result preflight;
        try {
            preflight = new Preflight(talos, gates, settings.inventory()).run(plan);
        } catch (dev.talosrehearsal.common.InputException e) {
            journal.record(null, Type.PREFLIGHT_FAILED, e.getMessage(), clock.now());
            finish(report, RolloutReport.Outcome.PREFLIGHT_FAILED, "pre-flight: " + e.getMessage(), journal);
            throw e;
        }
        report.preflight.addAll(preflight.checks());
        if (!preflight.passed()) {
            journal.record(null, Type.PREFLIGHT_FAILED, preflight.summary(), clock.now());
            listener.progress("pre-flight … failed: " + preflight.summary());
            finish(report, RolloutReport.Outcome.PREFLIGHT_FAILED, "pre-flight: " + preflight.summary(), journal);
            return false;
        }
        report.notes.addAll(preflight.notes());
        journal.record(null, Type.PREFLIGHT_PASSED, String.join("; ", preflight.notes()), clock.now());
        listener.progress("pre-flight … ok");
        preflight.notes().forEach(note -> listener.progress("pre-flight … note: " + note));
        return true;
    }

    /** Continues an interrupted rollout: nodes the journal shows applied and gated are not touched again. */
    public RolloutReport resume(RolloutPlan plan, Journal journal) {
        RolloutReport report = new RolloutReport(plan.clusterName(), plan, clock.now());
        List<JournalEvent> events = journal.events();
        JournalState state = JournalState.of(events);
        if (state.finished()) {
            throw new dev.talosrehearsal.common.InputException(journal.dir().toString(), 0,
                    "this rollout already finished (" + state.finishedDetail() + "); nothing to resume");
        }
        listener.progress("resuming: " + (state.done().isEmpty() ? "no node finished yet" : state.done().size() + " of "
                + plan.nodeCount() + " nodes done"));
        state.done().forEach(h -> {
            if (report.node(h) != null) {
                report.node(h).state = "migrated";
            }
        });
        EarlierRuns earlier = EarlierRuns.of(state, events);
        if (!earlier.unconfirmed().isEmpty()) {
            listener.progress("resuming: reboot not confirmed yet of " + String.join(", ", earlier.unconfirmed().keySet())
                    + ": waiting for a boot ID other than the journaled one before the gates");
        }
        // a run stopped before its pre-flight passed (killed during it) has checked nothing yet: check first
        boolean checked = events.stream().anyMatch(e -> e.type() == Type.PREFLIGHT_PASSED);
        return journaled(report, journal, () -> checked || preflight(plan, journal, report) ? steps(plan, journal, report, earlier) : report);
    }

    /** Puts every node the journal shows as changed back on its old config, in reverse order. */
    public RolloutReport rollback(RolloutPlan plan, Journal journal) {
        RolloutReport report = new RolloutReport(plan.clusterName(), plan, clock.now());
        List<NodeChange> changed = new ArrayList<>();
        Set<String> touched = JournalState.of(journal.events()).touched();
        plan.nodeChanges().stream().filter(n -> touched.contains(n.hostname())).forEach(changed::add);
        changed.forEach(n -> report.node(n.hostname()).state = "new config (journal)");
        return journaled(report, journal, () -> {
            boolean ok = rollBack(changed, journal, report);
            return finish(report, ok ? RolloutReport.Outcome.ROLLED_BACK : RolloutReport.Outcome.FAILED,
                    ok ? "rolled back on request" : "rollback did not finish", journal);
        });
    }

    /**
     * Runs {@code rollout}; when the journal cannot be written (a full disk), stops there: nothing is done that is not
     * journaled first, and a rollback could not be journaled either. The report keeps every node's state as far as
     * the applier knows it, and says how to go on once the journal can be written again.
     */
    private RolloutReport journaled(RolloutReport report, Journal journal, java.util.function.Supplier<RolloutReport> rollout) {
        try {
            return rollout.get();
        } catch (StopRequest.Stopped e) {
            return stopped(report, journal, e.reason);
        } catch (JournalWriteException e) {
            listener.progress("journal … failed: " + e.getMessage() + "; stopping before the next action");
            Path dir = journal.dir().toAbsolutePath();
            String goOn = "free space where the journal is (" + dir + "), then go on with talos-rehearsal resume --journal " + dir
                    + " or go back with talos-rehearsal rollback --journal " + dir + " (with the same --talosconfig and --kubeconfig)";
            if (report.outcome == null) {
                report.outcome = RolloutReport.Outcome.STOPPED;
                report.failure = "the journal could not be written (" + e.getCause().getMessage() + "): stopped before the next action";
            } else {
                report.failure = (report.failure == null ? "" : report.failure + "; ") + "the journal could not record that the rollout finished ("
                        + e.getCause().getMessage() + ")";
            }
            report.finished = clock.now();
            report.manualSteps.add(goOn);
            return report;
        }
    }

    /**
     * The rollout stopped on request between two actions: journaled (no FINISHED: the journal stays open), and the way
     * on is said. A stop during a rollback offers only the rollback, since resume would go forward again.
     */
    private RolloutReport stopped(RolloutReport report, Journal journal, String reason) {
        boolean rollingBack = journal.events().stream().anyMatch(e -> e.type() == Type.ROLLBACK_STARTED);
        String what = rollingBack ? "the rollback" : "the rollout";
        listener.progress("stopping (" + reason + "): " + what + " stops before its next action");
        Path dir = journal.dir().toAbsolutePath();
        report.outcome = RolloutReport.Outcome.STOPPED;
        report.failure = "stopped on request (" + reason + ") before the next action of " + what + "; the journal says where every node is";
        report.finished = clock.now();
        report.manualSteps.add(rollingBack
                ? "finish the rollback with talos-rehearsal rollback --journal " + dir + " (with the same --talosconfig and --kubeconfig)"
                : "go on with talos-rehearsal resume --journal " + dir + " or go back with talos-rehearsal rollback --journal " + dir
                        + " (with the same --talosconfig and --kubeconfig)");
        try {
            journal.record(null, Type.STOPPED, reason, clock.now());
        } catch (JournalWriteException e) {
            report.failure += "; the journal could not record the stop (" + e.getCause().getMessage() + ")";
        }
        return report;
    }

    /** @param earlier what the runs before this one left (resume), {@link EarlierRuns#NONE} for a fresh rollout */
    private RolloutReport steps(RolloutPlan plan, Journal journal, RolloutReport report, EarlierRuns earlier) {
        Set<String> done = earlier.done();
        List<NodeChange> changed = new ArrayList<>();
        plan.nodeChanges().stream().filter(n -> done.contains(n.hostname())).forEach(changed::add);
        int total = plan.steps().size();
        for (RolloutPlan.Step step : plan.steps()) {
            List<NodeChange> todo = step.nodes().stream().filter(n -> !done.contains(n.hostname())).toList();
            if (todo.isEmpty()) {
                continue;
            }
            stop.check();
            String failure = runStep(step, todo, total, journal, report, changed, earlier);
            if (failure != null) {
                listener.progress("[" + step.number() + "/" + total + "] failed: " + failure + "; rolling back " + changed.size()
                        + (changed.size() == 1 ? " node" : " nodes"));
                boolean ok = rollBack(changed, journal, report);
                return finish(report, ok ? RolloutReport.Outcome.ROLLED_BACK : RolloutReport.Outcome.FAILED, failure, journal);
            }
            listener.stepDone(step);
        }
        return finish(report, RolloutReport.Outcome.MIGRATED, null, journal);
    }

    /** Returns null when the step passed, else what failed. */
    private String runStep(RolloutPlan.Step step, List<NodeChange> nodes, int total, Journal journal, RolloutReport report,
            List<NodeChange> changed, EarlierRuns earlier) {
        String prefix = "[" + step.number() + "/" + total + "] ";
        for (NodeChange node : nodes) {
            BootId journaled = earlier.unconfirmed().get(node.hostname());
            if (journaled == null) {
                continue;
            }
            // The run before asked for this node's reboot and stopped (or died) before it saw the node back: the same check
            // as if it had not stopped, before anything else looks at the node (quorum, dry run, gates). A node already
            // on another boot ID passes at once.
            report.node(node.hostname()).state = "new config applied, reboot not confirmed yet";
            String failure = confirmReboot(node.hostname(), node.address(), journaled, prefix, report.node(node.hostname()), journal);
            if (failure != null) {
                changed.add(node); // the journal shows it applied: it goes back with the others
                journal.record(node.hostname(), Type.STEP_FAILED, failure, clock.now());
                return failure;
            }
        }
        if (nodes.stream().anyMatch(NodeChange::controlPlane)) {
            Instant waitStart = clock.now();
            Set<String> repairing = nodes.stream().filter(n -> earlier.interrupted().contains(n.hostname()) && n.etcdRestartRequired())
                    .map(NodeChange::address).collect(java.util.stream.Collectors.toSet());
            for (NodeChange n : nodes) {
                if (repairing.contains(n.address())) { // it may be rebooting still, if the interrupted run asked for it
                    waiter.until(settings.gateTimeout(), () -> gates.talosApi(n.hostname(), n.address()));
                }
            }
            GateResult quorum = waiter.until(settings.gateTimeout(), () -> gates.etcdQuorum(repairing));
            if (!quorum.passed()) {
                String failure = "etcd not healthy before changing " + nodes.get(0).hostname() + ": " + quorum.detail();
                journal.record(nodes.get(0).hostname(), Type.STEP_FAILED, failure, clock.now());
                return failure;
            }
            listener.progress(prefix + "etcd quorum … ok (" + secondsSince(waitStart) + ")");
        }
        // hostname → its boot ID before the reboot an apply caused or the applier asked for
        Map<String, BootId> rebooting = new HashMap<>();
        for (NodeChange node : nodes) {
            stop.check();
            String failure = applyForward(node, prefix, journal, report.node(node.hostname()), changed, rebooting, earlier);
            if (failure != null) {
                return failure;
            }
        }
        for (NodeChange node : nodes) {
            BootId bootBefore = rebooting.get(node.hostname());
            String failure = bootBefore == null ? null
                    : confirmReboot(node.hostname(), node.address(), bootBefore, prefix, report.node(node.hostname()), journal);
            if (failure == null) {
                failure = awaitGates(node.hostname(), node.address(), node.after(), node.gates(), prefix, report.node(node.hostname()));
            }
            if (failure != null) {
                journal.record(node.hostname(), Type.STEP_FAILED, failure, clock.now());
                return failure;
            }
            report.node(node.hostname()).state = "migrated";
            journal.record(node.hostname(), Type.GATES_PASSED, "", clock.now());
        }
        return null;
    }

    private String applyForward(NodeChange node, String prefix, Journal journal, NodeRecord record, List<NodeChange> changed,
            Map<String, BootId> rebooting, EarlierRuns earlier) {
        byte[] config = node.after().toYaml().getBytes(StandardCharsets.UTF_8);
        Instant start = clock.now();
        ApplyResult dryRun;
        try {
            dryRun = talos.apply(node.address(), config, ApplyMode.AUTO, true, null);
        } catch (TalosApiException e) {
            record.actions.add(new Action("dry-run", start, 0, false, e.getMessage()));
            journal.record(node.hostname(), Type.STEP_FAILED, "dry run: " + e.getMessage(), clock.now());
            return "dry run on " + node.hostname() + " failed: " + e.getMessage();
        }
        boolean alreadyApplied = dryRun.details().contains(NO_CHANGES);
        journal.record(node.hostname(), Type.DRY_RUN, alreadyApplied ? "no changes" : "changes", clock.now());
        record.actions.add(new Action("dry-run", start, RolloutReport.seconds(start, clock.now()), true,
                alreadyApplied ? "no changes: the node already runs this config" : "config diff recorded"));
        if (alreadyApplied && earlier.interrupted().contains(node.hostname()) && RebootReasons.afterLiveApply(node) != null) {
            // The run that applied it died before the journal said the apply returned: perhaps before the reboot its
            // change waits for was asked for (RebootReasons: etcd's settings, what takes effect at boot), and nothing
            // on the node says which. One reboot too many costs this node a restart; none at all leaves etcd advertising
            // where it does not listen, or the change not in effect.
            changed.add(node);
            listener.progress(prefix + node.hostname() + " apply … already applied (by the interrupted run, which may not have rebooted it)");
            try {
                BootId bootBefore = reboots.before(node.address());
                boolean rebooted = rebootAfterApply(node, settings.mode(), prefix, record);
                if (rebooted) {
                    rebooting.put(node.hostname(), bootBefore);
                }
                // recorded once the reboot is asked for, with the boot ID to confirm it by, as APPLIED is
                journal.record(node.hostname(), Type.ALREADY_APPLIED, JournaledBootIds.append("applied by an interrupted run; rebooting for what takes effect at boot",
                        rebooted ? bootBefore : null), clock.now());
            } catch (TalosApiException e) {
                journal.record(node.hostname(), Type.STEP_FAILED, "reboot: " + e.getMessage(), clock.now());
                return "reboot of " + node.hostname() + " failed: " + e.getMessage();
            }
            return null;
        }
        if (alreadyApplied && earlier.touched().contains(node.hostname())) {
            // applied by the run before this one, whose gates never passed: this rollout changed it, and should a gate
            // fail now it goes back with the others rather than stay alone on the new config
            changed.add(node);
            journal.record(node.hostname(), Type.ALREADY_APPLIED, "applied by the run before", clock.now());
            listener.progress(prefix + node.hostname() + " apply … already applied (by the run before)");
            return null;
        }
        if (alreadyApplied) {
            journal.record(node.hostname(), Type.ALREADY_APPLIED, "", clock.now());
            listener.progress(prefix + node.hostname() + " apply … already applied");
            return null;
        }
        BootId bootBefore = null;
        if (mayReboot(node, dryRun)) {
            try {
                bootBefore = reboots.before(node.address());
            } catch (TalosApiException e) {
                record.actions.add(new Action("boot-id", clock.now(), 0, false, e.getMessage()));
                journal.record(node.hostname(), Type.STEP_FAILED, "boot ID: " + e.getMessage(), clock.now());
                return "reading the boot ID of " + node.hostname() + " before its apply failed: " + e.getMessage();
            }
        }
        journal.record(node.hostname(), Type.APPLYING, settings.mode().name(), clock.now());
        changed.add(node);
        Instant applyStart = clock.now();
        try {
            ApplyResult result = talos.apply(node.address(), config, settings.mode(), false,
                    settings.mode() == ApplyMode.TRY ? settings.tryTimeout() : null);
            record.state = "new config applied, gates not passed yet";
            record.actions.add(new Action("apply", applyStart, RolloutReport.seconds(applyStart, clock.now()), true,
                    result.mode() + ": " + result.details()));
            listener.progress(prefix + node.hostname() + " apply … ok (" + describe(result.mode()) + ", " + secondsSince(applyStart) + ")");
            boolean rebooted = result.mode() == ApplyMode.REBOOT;
            if (result.mode() == ApplyMode.STAGED) {
                rebootIntoStaged(node, prefix, record);
                rebooted = true;
            } else {
                rebooted |= rebootAfterApply(node, result.mode(), prefix, record);
            }
            if (rebooted && bootBefore != null) {
                rebooting.put(node.hostname(), bootBefore);
            }
            // Recorded once the reboot the apply needs is asked for too: should this entry fail (a full disk), the node is
            // not left advertising an etcd address it does not listen on, and resume finds it applied and gates it. It names
            // the boot ID from before the reboot, so that a resume after a stop or a kill from here on confirms the reboot
            // as this run would have (JournalState.unconfirmedReboots).
            journal.record(node.hostname(), Type.APPLIED, JournaledBootIds.append(result.mode() + ": " + result.details(),
                    rebooted ? bootBefore : null), clock.now());
            return null;
        } catch (TalosApiException e) {
            record.actions.add(new Action("apply", applyStart, RolloutReport.seconds(applyStart, clock.now()), false, e.getMessage()));
            journal.record(node.hostname(), Type.STEP_FAILED, "apply: " + e.getMessage(), clock.now());
            listener.progress(prefix + node.hostname() + " apply … failed: " + e.getMessage());
            return "apply on " + node.hostname() + " failed: " + e.getMessage();
        }
    }

    /**
     * Reboots a node whose apply did not reboot it although part of its change takes effect only at boot, in auto mode
     * ({@link RebootReasons}: etcd's settings, kernel modules, EnvironmentConfig and volume encryption at every release;
     * from Talos v1.14, which applies every change live and leaves the reboot to the operator, what v1.13 reboots for and
     * v1.14 still takes only at boot). Not in TRY mode (a reboot would drop the tried config) nor NO_REBOOT (the user
     * ruled reboots out): the plan warns, and the gates decide.
     */
    private boolean rebootAfterApply(NodeChange node, ApplyMode resolved, String prefix, NodeRecord record) {
        if (resolved == ApplyMode.REBOOT || settings.mode() != ApplyMode.AUTO) {
            return false;
        }
        String why = RebootReasons.afterLiveApply(node);
        if (why == null) {
            return false;
        }
        Instant start = clock.now();
        talos.reboot(node.address());
        record.actions.add(new Action("reboot", start, RolloutReport.seconds(start, clock.now()), true, why));
        listener.progress(prefix + node.hostname() + " reboot … requested (" + why + ")");
        return true;
    }

    /**
     * Whether the node may reboot on this apply — the dry run resolved AUTO to REBOOT, the mode reboots, or the applier
     * will reboot it ({@link RebootReasons}) — so that its boot ID is read first, as talosctl reads it before the action it tracks.
     */
    private boolean mayReboot(NodeChange node, ApplyResult dryRun) {
        ApplyMode mode = settings.mode();
        return dryRun.mode() == ApplyMode.REBOOT || mode == ApplyMode.REBOOT || mode == ApplyMode.STAGED
                || RebootReasons.afterLiveApply(node) != null;
    }

    /**
     * Waits, as long as a gate would, until the node answers with another boot ID than before its reboot; the gates
     * only make sense on the booted node (a Node object still Ready from before the reboot says nothing).
     */
    private String confirmReboot(String hostname, String address, BootId before, String prefix, NodeRecord record, Journal journal) {
        Instant start = clock.now();
        listener.progress(prefix + hostname + " reboot … waiting for a new boot ID");
        GateResult result = reboots.confirm(hostname, address, before, settings.gateTimeout(), RebootConfirmation.GATE, record, journal);
        String waited = secondsSince(start);
        if (!result.passed()) {
            listener.progress(prefix + hostname + " reboot … not confirmed after " + waited + ": " + result.detail());
            return "the reboot of " + hostname + " was not confirmed after " + waited + ": " + result.detail();
        }
        listener.progress(prefix + hostname + " reboot … confirmed (" + result.detail() + ", " + waited + ")");
        return null;
    }

    /** What an apply did, in the words of the progress line. */
    private static String describe(ApplyMode resolved) {
        return switch (resolved) {
            case REBOOT -> "reboot";
            case STAGED -> "staged: Talos applies it at the node's next boot";
            case TRY -> "try: reverts by itself unless confirmed";
            default -> "no reboot";
        };
    }

    /**
     * A staged config takes effect only when the node boots, so this applier reboots the node at once (that is what
     * {@code --mode staged} means here); the gates then wait for it to come back on the new config.
     */
    private void rebootIntoStaged(NodeChange node, String prefix, NodeRecord record) {
        Instant start = clock.now();
        record.state = "new config staged, rebooting into it";
        try {
            talos.reboot(node.address());
        } catch (TalosApiException e) {
            throw new TalosApiException(e.code(), e.node(), "the config was staged, but the reboot into it failed: " + e.description());
        }
        record.actions.add(new Action("reboot", start, RolloutReport.seconds(start, clock.now()), true, "the staged config takes effect at boot"));
        listener.progress(prefix + node.hostname() + " reboot … requested (the staged config takes effect when it boots)");
    }

    private String awaitGates(String hostname, String address, MachineConfig config, List<Gate> gateList, String prefix, NodeRecord record) {
        for (Gate gate : gateList) {
            Instant start = clock.now();
            listener.progress(prefix + hostname + " gate " + gate.kind().id() + " … waiting");
            GateResult result = waiter.until(settings.gateTimeout(), () -> gates.check(hostname, address, config, gate));
            record.gates.add(new GateRecord(gate.kind().id(), gate.describe(), result.passed(), result.detail(), clock.now(),
                    RolloutReport.seconds(start, clock.now())));
            if (!result.passed()) {
                // one duration in both lines: the wait as it was. A check can outlast --gate-timeout (a Kubernetes API that
                // does not answer), and "timed out after 97.0 s" beside "timed out after 5 s" read as a contradiction.
                String waited = secondsSince(start);
                listener.progress(prefix + hostname + " gate " + gate.kind().id() + " … timed out after " + waited + ": " + result.detail());
                return "gate " + gate.kind().id() + " on " + hostname + " timed out after " + waited + ": " + result.detail();
            }
            listener.progress(prefix + hostname + " gate " + gate.kind().id() + " … ok (" + secondsSince(start) + ")");
        }
        if (settings.mode() == ApplyMode.TRY) {
            return confirmTry(hostname, address, config, record);
        }
        return null;
    }

    /** A TRY apply reverts by itself unless confirmed: once its gates pass, apply the same config for good. */
    private String confirmTry(String hostname, String address, MachineConfig config, NodeRecord record) {
        Instant start = clock.now();
        try {
            ApplyResult result = talos.apply(address, config.toYaml().getBytes(StandardCharsets.UTF_8), ApplyMode.NO_REBOOT, false, null);
            record.actions.add(new Action("confirm-try", start, RolloutReport.seconds(start, clock.now()), true, result.details()));
            return null;
        } catch (TalosApiException e) {
            record.actions.add(new Action("confirm-try", start, RolloutReport.seconds(start, clock.now()), false, e.getMessage()));
            return "confirming the try on " + hostname + " failed: " + e.getMessage();
        }
    }

    private RolloutReport finish(RolloutReport report, RolloutReport.Outcome outcome, String failure, Journal journal) {
        report.outcome = outcome;
        report.failure = failure;
        report.finished = clock.now();
        journal.record(null, Type.FINISHED, outcome.id() + (failure == null ? "" : ": " + failure), clock.now());
        return report;
    }

    private String secondsSince(Instant start) {
        return seconds(start, clock);
    }

    /** The time since {@code start} on {@code clock}, as progress lines show it ("12.0 s"). */
    static String seconds(Instant start, RolloutClock clock) {
        return String.format("%.1f s", Duration.between(start, clock.now()).toMillis() / 1000.0);
    }

    private boolean rollBack(List<NodeChange> changed, Journal journal, RolloutReport report) {
        return new Rollback(talos, gates, clock, listener, settings, tailnetSuffix, stop).run(changed, journal, report);
    }
}
