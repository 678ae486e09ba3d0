package dev.talosrehearsal.rollout;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Puts changed nodes back on their old configs, newest first, each gated as on the way forward.
 *
 * <p>A node changed a moment ago may still be rebooting (into a staged config, or for etcd's listen addresses), so
 * its rollback first waits for it to answer the Talos API, as long as a gate would wait: sending it the old config
 * at once only met UNAVAILABLE. A worker that cannot be put back is left for the operator and the others go on; a
 * control plane stops the rollback there, because putting another control plane back while it is down would take
 * a three-member etcd below quorum.
 */
final class Rollback {
    private final TalosClient talos;
    private final GateChecker gates;
    private final RolloutClock clock;
    private final Waiter waiter;
    private final RebootConfirmation reboots;
    private final RolloutListener listener;
    private final Applier.Settings settings;
    private final String tailnetSuffix;
    private final StopRequest stop;

    Rollback(TalosClient talos, GateChecker gates, RolloutClock clock, RolloutListener listener, Applier.Settings settings, String tailnetSuffix,
            StopRequest stop) {
        this.talos = talos;
        this.gates = gates;
        this.clock = clock;
        this.stop = stop;
        this.waiter = new Waiter(clock, stop);
        this.reboots = new RebootConfirmation(talos, clock, waiter);
        this.listener = listener;
        this.settings = settings;
        this.tailnetSuffix = tailnetSuffix;
    }

    /** Returns true when every node is back on its old config and passed its old gates; else the report says what is left. */
    boolean run(List<NodeChange> changed, Journal journal, RolloutReport report) {
        if (changed.isEmpty()) {
            return true;
        }
        journal.record(null, Type.ROLLBACK_STARTED, changed.size() + " nodes", clock.now());
        List<NodeChange> reversed = new ArrayList<>(changed);
        Collections.reverse(reversed);
        Map<String, String> failed = new LinkedHashMap<>();
        List<String> restored = new ArrayList<>();
        for (NodeChange node : reversed) {
            stop.check();
            Instant start = clock.now();
            String failure = rollBackOne(node, journal, report.node(node.hostname()));
            if (failure == null) {
                listener.progress("rollback " + node.hostname() + " … ok (" + Applier.seconds(start, clock) + ")");
                report.rolledBack.add(node.hostname());
                restored.add(node.hostname());
                continue;
            }
            failed.put(node.hostname(), failure);
            if (node.controlPlane()) {
                listener.progress("rollback " + node.hostname() + " … failed: " + failure + "; stopping (putting another control plane back"
                        + " while this one is down could cost etcd its quorum)");
                break;
            }
            listener.progress("rollback " + node.hostname() + " … failed: " + failure + "; going on with the other nodes (a worker: no quorum at stake)");
        }
        if (failed.isEmpty()) {
            return true;
        }
        manualSteps(reversed, restored, failed, journal.dir(), report);
        return false;
    }

    /** Returns null when the node is back on its old config and passed its old gates, else why not (journaled). */
    private String rollBackOne(NodeChange node, Journal journal, NodeRecord record) {
        Instant start = clock.now();
        journal.record(node.hostname(), Type.ROLLBACK_APPLYING, "", clock.now());
        GateResult up = waiter.until(settings.gateTimeout(), () -> gates.talosApi(node.hostname(), node.address()));
        if (!up.passed()) {
            String why = "it did not answer the Talos API within " + settings.gateTimeout().toSeconds() + " s (" + up.detail() + ")";
            record.actions.add(new Action("rollback", start, RolloutReport.seconds(start, clock.now()), false, why));
            journal.record(node.hostname(), Type.ROLLBACK_FAILED, why, clock.now());
            record.state = "unknown: did not answer the Talos API";
            return why;
        }
        BootId bootBefore = null;
        try {
            byte[] before = node.before().toYaml().getBytes(StandardCharsets.UTF_8);
            ApplyResult dry = talos.apply(node.address(), before, ApplyMode.AUTO, true, null);
            // A staged config the node has not booted yet is invisible to the dry run, which compares with the running
            // config; only an apply replaces it, so a staged rollout's node always gets its old config again.
            if (!dry.details().contains(Applier.NO_CHANGES) || settings.mode() == ApplyMode.STAGED) {
                // what waits for a boot on the way back, as on the way forward (RebootReasons): etcd's old settings, what
                // takes effect at boot, and from v1.14 the changes Talos up to v1.13 applies only with a reboot
                String bootReason = dry.details().contains(Applier.NO_CHANGES) ? null : RebootReasons.afterLiveApply(node, true);
                // read before a reboot this rollback may cause, to confirm it as on the way forward
                BootId bootId = dry.mode() == ApplyMode.REBOOT || bootReason != null ? reboots.before(node.address()) : null;
                ApplyResult result = talos.apply(node.address(), before, ApplyMode.AUTO, false, null);
                record.state = "old config applied, gates not passed yet";
                record.actions.add(new Action("rollback", start, RolloutReport.seconds(start, clock.now()), true, result.mode() + ": " + result.details()));
                boolean rebooted = result.mode() == ApplyMode.REBOOT;
                if (bootReason != null && !rebooted) {
                    talos.reboot(node.address());
                    record.actions.add(new Action("rollback reboot", clock.now(), 0, true, bootReason));
                    rebooted = true;
                }
                bootBefore = rebooted ? bootId : null;
            } else {
                record.actions.add(new Action("rollback", start, 0, true, "the node still ran its old config"));
            }
        } catch (TalosApiException e) {
            record.actions.add(new Action("rollback", start, RolloutReport.seconds(start, clock.now()), false, e.getMessage()));
            journal.record(node.hostname(), Type.ROLLBACK_FAILED, e.getMessage(), clock.now());
            record.state = "unknown: rollback apply failed";
            return e.getMessage();
        }
        String failure = bootBefore == null ? null : confirmReboot(node, bootBefore, record, journal);
        if (failure == null) {
            failure = awaitOldGates(node, record);
        }
        if (failure != null) {
            journal.record(node.hostname(), Type.ROLLBACK_FAILED, failure, clock.now());
            record.state = "old config applied, gates not passed";
            return failure;
        }
        record.state = "rolled back"; // before the journal entry, which may fail
        journal.record(node.hostname(), Type.ROLLED_BACK, "", clock.now());
        return null;
    }

    /** The rollback's own reboot, confirmed by the boot ID as on the way forward; null when confirmed, else why not. */
    private String confirmReboot(NodeChange node, BootId before, NodeRecord record, Journal journal) {
        GateResult result = reboots.confirm(node.hostname(), node.address(), before, settings.gateTimeout(),
                "rollback " + RebootConfirmation.GATE, record, journal);
        return result.passed() ? null : "reboot after rollback on " + node.hostname() + " not confirmed: " + result.detail();
    }

    private String awaitOldGates(NodeChange node, NodeRecord record) {
        for (Gate gate : GateRules.forConfig(node.before(), node.controlPlane(), node.hostname(), tailnetSuffix)) {
            Instant start = clock.now();
            GateResult result = waiter.until(settings.gateTimeout(), () -> gates.check(node.hostname(), node.address(), node.before(), gate));
            record.gates.add(new GateRecord("rollback " + gate.kind().id(), gate.describe(), result.passed(), result.detail(), clock.now(),
                    RolloutReport.seconds(start, clock.now())));
            if (!result.passed()) {
                return "gate " + gate.kind().id() + " after rollback on " + node.hostname() + ": " + result.detail();
            }
        }
        return null;
    }

    /**
     * One line per node: where it is and what to do. Paths are the journal's own (absolute), which outlive the
     * process; nodes not put back can be finished with {@code rollback --journal}, which skips nodes already back.
     */
    private static void manualSteps(List<NodeChange> reversed, List<String> restored, Map<String, String> failed, Path journalDir,
            RolloutReport report) {
        Path dir = journalDir.toAbsolutePath();
        String rerun = "talos-rehearsal rollback --journal " + dir + " (with the same --talosconfig and --kubeconfig)";
        for (NodeChange node : reversed) {
            String host = node.hostname();
            String byHand = "talosctl apply-config -n " + node.address() + " -f " + dir.resolve("nodes").resolve(host).resolve("before.yaml");
            if (restored.contains(host)) {
                report.manualSteps.add(host + ": back on its old config");
            } else if (failed.containsKey(host)) {
                report.manualSteps.add(host + ": unknown (" + failed.get(host) + "); bring it back if it is down (console, power),"
                        + " then put its old config back: " + byHand);
            } else {
                report.manualSteps.add(host + ": still on the NEW config; once the nodes above are back, " + rerun + ", or by hand: " + byHand);
            }
        }
    }
}
