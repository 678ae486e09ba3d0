package dev.talosrehearsal.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.rollout.JournalEvent.Type;
import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.sim.node.NodeEvent;
import dev.talosrehearsal.testing.Homelab;
import dev.talosrehearsal.testing.ProgressRecorder;
import dev.talosrehearsal.testing.SimulatedHomelab;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The applier confirms each reboot as talosctl's {@code reboot --wait} does: it reads the node's boot ID before the
 * apply or Reboot that reboots it and waits until the node answers with another one
 * (talos cmd/talosctl/pkg/talos/action/node.go, run and runPostCheckWithRetry; tracker.go, BootIDChangedPostCheckFn).
 * A node that answers but never rebooted — machined answered Reboot, then its sequence could not take the lock
 * (v1alpha1_server.go, Reboot; v1alpha1_controller.go, Run: runtime.ErrLocked, only logged) — does not pass: its etcd
 * would still listen only on the old addresses while advertising the new ones.
 */
class ConfirmedRebootTest {
    @TempDir
    Path dir;
    @AutoClose
    SimulatedHomelab homelab;
    Journal journal;
    final ProgressRecorder progress = new ProgressRecorder();

    private RolloutReport rollOut(String faults) {
        homelab = new SimulatedHomelab(Homelab.inventory(), FaultsFile.parse(faults, "faults.yaml"));
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        journal = homelab.journal(dir.resolve("journal"), plan, Applier.Settings.defaults());
        return homelab.applier(Applier.Settings.defaults(), progress).run(plan, journal);
    }

    @Test
    void everyRebootIsConfirmedByANewBootIdAndJournaled() {
        RolloutReport report = rollOut("faults: []\n");

        assertThat(report.outcome).as(progress.toString()).isEqualTo(RolloutReport.Outcome.MIGRATED);
        List<JournalEvent> confirmed = journal.events().stream().filter(e -> e.type() == Type.REBOOT_CONFIRMED).toList();
        // the three control planes reboot for etcd's listen addresses; the workers' changes need none
        assertThat(confirmed).extracting(JournalEvent::node).containsExactly(Homelab.M0, Homelab.M1, Homelab.M2);
        String now = homelab.cluster.node(Homelab.M1).bootId();
        assertThat(confirmed.get(1).detail()).matches("boot ID [0-9a-f-]{36} → " + now);
        assertThat(progress.lines()).anyMatch(l -> l.startsWith("[2/5] talos-master-1 reboot … confirmed (boot ID ") && l.endsWith(now + ", 35.0 s)"));
    }

    /** The node's first reboot is not started; the rollback's own reboot of it is, so everything goes back. */
    @Test
    void aNodeThatAnswersButDidNotRebootStopsTheRolloutWhichRollsBack() {
        RolloutReport report = rollOut("faults:\n  - node: talos-master-1\n    rebootIgnored: 1\n");

        assertThat(report.outcome).as(progress.toString()).isEqualTo(RolloutReport.Outcome.ROLLED_BACK);
        assertThat(report.failure).matches("the reboot of talos-master-1 was not confirmed after 300\\.0 s: talos-master-1 answered again"
                + " but its boot ID did not change \\(still [0-9a-f-]{36} after 300\\.0 s\\): the node did not reboot");
        assertThat(report.rolledBack).containsExactly(Homelab.M1, Homelab.M0);
        assertThat(homelab.cluster.node(Homelab.M1).events()).extracting(NodeEvent::kind).contains(NodeEvent.Kind.IGNORED_REBOOT);
        for (String host : List.of(Homelab.M0, Homelab.M1)) {
            assertThat(homelab.nodeIp(host)).as(host).startsWith("100.101.0.");
        }
        assertThat(homelab.cluster.node(Homelab.M2).events()).noneMatch(e -> e.kind() == NodeEvent.Kind.APPLIED);
    }

    /**
     * Every reboot ignored: the rollback's reboot of talos-master-1 (etcd back on its old listen addresses) is not
     * confirmed either, so the rollback stops at that control plane, as for any control plane it cannot put back.
     */
    @Test
    void aNodeThatNeverRebootsStopsTheRollbackAtItWithStepsForTheOperator() {
        RolloutReport report = rollOut("faults:\n  - node: talos-master-1\n    rebootIgnored: true\n");

        assertThat(report.outcome).as(progress.toString()).isEqualTo(RolloutReport.Outcome.FAILED);
        assertThat(report.rolledBack).isEmpty();
        assertThat(report.manualSteps).anySatisfy(s -> assertThat(s).startsWith("talos-master-1: unknown (reboot after rollback on"
                + " talos-master-1 not confirmed: talos-master-1 answered again but its boot ID did not change"));
        assertThat(report.manualSteps).anySatisfy(s -> assertThat(s).startsWith("talos-master-0: still on the NEW config"));
    }

    /**
     * A rollout stopped (SIGTERM) while talos-master-1 reboots, as FaultSteps' SIGTERM step stops it: the apply's journal
     * event names the boot ID read before the apply. Returns that ID.
     */
    private String stopWhileMaster1Reboots() {
        homelab = new SimulatedHomelab(Homelab.inventory(), FaultsFile.parse("faults: []\n", "faults.yaml"));
        String before = homelab.cluster.node(Homelab.M1).bootId();
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        journal = homelab.journal(dir.resolve("journal"), plan, Applier.Settings.defaults());
        Applier[] applier = new Applier[1];
        applier[0] = homelab.applier(Applier.Settings.defaults(), new RolloutListener() {
            @Override
            public void progress(String line) {
                progress.progress(line);
                if (line.endsWith("talos-master-1 reboot … waiting for a new boot ID")) {
                    applier[0].requestStop("SIGTERM");
                }
            }
        });
        RolloutReport stopped = applier[0].run(plan, journal);
        assertThat(stopped.outcome).as(progress.toString()).isEqualTo(RolloutReport.Outcome.STOPPED);
        journal.close();
        return before;
    }

    private RolloutReport resume() {
        journal = homelab.closedWithThis(Journal.open(dir.resolve("journal")));
        progress.clear();
        return homelab.applier(Applier.Settings.defaults(), progress).resume(JournalPlans.rebuild(journal), journal);
    }

    private List<JournalEvent> afterStop() {
        List<JournalEvent> events = journal.events();
        int stop = events.stream().map(JournalEvent::type).toList().lastIndexOf(Type.STOPPED);
        return events.subList(stop, events.size());
    }

    /**
     * The gap this closes: resume used to go straight to the gates of a node whose reboot the stopped run had asked for,
     * so a node that never rebooted would have passed. Now it waits for a boot ID other than the journaled one first,
     * before the quorum check, the dry run and the gates, exactly once, and the journal passes the audit.
     */
    @Test
    void resumeConfirmsAStoppedRunsRebootByTheJournaledBootId() {
        String before = stopWhileMaster1Reboots();
        assertThat(journal.events()).filteredOn(e -> e.type() == Type.APPLIED && e.node().equals(Homelab.M1))
                .singleElement().satisfies(e -> assertThat(e.detail()).endsWith("; boot ID before the reboot: " + before));

        RolloutReport report = resume();

        assertThat(report.outcome).as(progress.toString()).isEqualTo(RolloutReport.Outcome.MIGRATED);
        String now = homelab.cluster.node(Homelab.M1).bootId();
        List<JournalEvent> m1 = afterStop().stream().filter(e -> Homelab.M1.equals(e.node())).toList();
        assertThat(m1).extracting(JournalEvent::type).startsWith(Type.REBOOT_CONFIRMED).contains(Type.GATES_PASSED)
                .containsOnlyOnce(Type.REBOOT_CONFIRMED);
        assertThat(m1.get(0).detail()).isEqualTo("boot ID " + before + " → " + now);
        assertThat(homelab.cluster.node(Homelab.M1).events()).filteredOn(e -> e.kind() == NodeEvent.Kind.APPLIED).hasSize(1);
        assertThat(JournalAudit.of(journal).problems()).isEmpty();
    }

    /** The node came back while nobody watched: its boot ID differs already, so the confirmation passes at its first look. */
    @Test
    void aNodeAlreadyOnAnotherBootIdPassesAtOnce() {
        String before = stopWhileMaster1Reboots();
        homelab.cluster.advance(java.time.Duration.ofMinutes(2));
        String now = homelab.cluster.node(Homelab.M1).bootId();
        assertThat(now).isNotEqualTo(before);

        RolloutReport report = resume();

        assertThat(report.outcome).as(progress.toString()).isEqualTo(RolloutReport.Outcome.MIGRATED);
        assertThat(progress.lines()).contains("[2/5] talos-master-1 reboot … confirmed (boot ID " + before + " → " + now + ", 0.0 s)");
    }

    /** A journal written before boot IDs were journaled (the APPLIED detail without one) resumes as it always did. */
    @Test
    void aJournalWithoutBootIdsStillResumes() throws java.io.IOException {
        stopWhileMaster1Reboots();
        Path events = dir.resolve("journal").resolve(Journal.EVENTS);
        java.nio.file.Files.writeString(events, java.nio.file.Files.readString(events)
                .replaceAll("; boot ID before the reboot: [0-9a-f-]{36}", ""));

        RolloutReport report = resume();

        assertThat(report.outcome).as(progress.toString()).isEqualTo(RolloutReport.Outcome.MIGRATED);
        assertThat(afterStop()).noneMatch(e -> e.type() == Type.REBOOT_CONFIRMED && Homelab.M1.equals(e.node()));
        assertThat(JournalAudit.of(journal).problems()).isEmpty();
    }

    /** JournalAudit: a node whose journaled reboot was never confirmed must not pass its gates (the bug this closes). */
    @Test
    void theAuditFlagsGatesPassedWithARebootUnconfirmed() {
        java.time.Instant at = java.time.Instant.EPOCH;
        String id = "6fd5a44b-35f4-4ad4-a9b9-6b9be13e1fe9";
        List<JournalEvent> events = List.of(
                new JournalEvent(1, at, Homelab.M1, Type.APPLYING, "AUTO"),
                new JournalEvent(2, at, Homelab.M1, Type.APPLIED, JournaledBootIds.append("REBOOT: Applied configuration with a reboot",
                        new dev.talosrehearsal.talos.BootId(id))),
                new JournalEvent(3, at, null, Type.STOPPED, "SIGTERM"),
                new JournalEvent(4, at, Homelab.M1, Type.ALREADY_APPLIED, ""),
                new JournalEvent(5, at, Homelab.M1, Type.GATES_PASSED, ""));

        assertThat(JournalState.unconfirmedReboots(events.subList(0, 3))).containsOnlyKeys(Homelab.M1);
        assertThat(JournalState.unconfirmedReboots(events.subList(0, 3)).get(Homelab.M1).value()).isEqualTo(id);
        assertThat(JournalAudit.of(new JournalManifest("homelab", "AUTO", 60, 300, 1, Homelab.TAILNET, List.of()), events).problems())
                .anySatisfy(p -> assertThat(p).startsWith("talos-master-1 passed its gates (event 5) with its reboot unconfirmed"));
    }
}
