package dev.talosrehearsal.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.rollout.JournalEvent.Type;
import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.sim.node.NodeEvent;
import dev.talosrehearsal.testing.Homelab;
import dev.talosrehearsal.testing.SimulatedHomelab;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
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
    SimulatedHomelab homelab;
    Journal journal;
    final List<String> progress = new ArrayList<>();
    final RolloutListener recording = new RolloutListener() {
        @Override
        public void progress(String line) {
            progress.add(line);
        }
    };

    @AfterEach
    void stop() {
        if (journal != null) {
            journal.close();
        }
        if (homelab != null) {
            homelab.close();
        }
    }

    private RolloutReport rollOut(String faults) {
        homelab = new SimulatedHomelab(Homelab.inventory(), FaultsFile.parse(faults, "faults.yaml"));
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        journal = Journal.create(dir.resolve("journal"), JournalPlans.manifest(plan, Applier.Settings.defaults(), 1, Homelab.TAILNET),
                plan.nodeChanges());
        return homelab.applier(Applier.Settings.defaults(), recording).run(plan, journal);
    }

    @Test
    void everyRebootIsConfirmedByANewBootIdAndJournaled() {
        RolloutReport report = rollOut("faults: []\n");

        assertThat(report.outcome).as(String.join("\n", progress)).isEqualTo(RolloutReport.Outcome.MIGRATED);
        List<JournalEvent> confirmed = journal.events().stream().filter(e -> e.type() == Type.REBOOT_CONFIRMED).toList();
        // the three control planes reboot for etcd's listen addresses; the workers' changes need none
        assertThat(confirmed).extracting(JournalEvent::node).containsExactly(Homelab.M0, Homelab.M1, Homelab.M2);
        String now = homelab.cluster.node(Homelab.M1).bootId();
        assertThat(confirmed.get(1).detail()).matches("boot ID [0-9a-f-]{36} → " + now);
        assertThat(progress).anyMatch(l -> l.startsWith("[2/5] talos-master-1 reboot … confirmed (boot ID ") && l.endsWith(now + ", 35.0 s)"));
    }

    /** The node's first reboot is not started; the rollback's own reboot of it is, so everything goes back. */
    @Test
    void aNodeThatAnswersButDidNotRebootStopsTheRolloutWhichRollsBack() {
        RolloutReport report = rollOut("faults:\n  - node: talos-master-1\n    rebootIgnored: 1\n");

        assertThat(report.outcome).as(String.join("\n", progress)).isEqualTo(RolloutReport.Outcome.ROLLED_BACK);
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

        assertThat(report.outcome).as(String.join("\n", progress)).isEqualTo(RolloutReport.Outcome.FAILED);
        assertThat(report.rolledBack).isEmpty();
        assertThat(report.manualSteps).anySatisfy(s -> assertThat(s).startsWith("talos-master-1: unknown (reboot after rollback on"
                + " talos-master-1 not confirmed: talos-master-1 answered again but its boot ID did not change"));
        assertThat(report.manualSteps).anySatisfy(s -> assertThat(s).startsWith("talos-master-0: still on the NEW config"));
    }
}
