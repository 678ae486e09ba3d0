package dev.talosrehearsal.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.testing.Homelab;
import dev.talosrehearsal.testing.ProgressRecorder;
import dev.talosrehearsal.testing.SimulatedHomelab;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 6: {@code --mode staged} stages each config and reboots the node into it; the rollback of a node that
 * is still rebooting waits for it as the gates do, and a node that never returns ends with manual steps whose paths exist.
 */
class StagedRolloutTest {
    @TempDir
    Path dir;
    @AutoClose
    SimulatedHomelab homelab;
    Journal journal;
    final ProgressRecorder progress = new ProgressRecorder();

    private RolloutReport rollOut(RolloutPlan plan, Duration gateTimeout) {
        Applier.Settings staged = new Applier.Settings(ApplyMode.STAGED, Duration.ofMinutes(1), gateTimeout, null);
        journal = homelab.journal(dir.resolve("journal"), plan, staged);
        return homelab.applier(staged, progress).run(plan, journal);
    }

    @Test
    void aStagedRolloutSaysItRebootsEachNodeIntoItsStagedConfig() {
        homelab = new SimulatedHomelab();
        RolloutReport report = rollOut(homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER), Duration.ofMinutes(5));

        assertThat(report.outcome).as(report.toJson()).isEqualTo(RolloutReport.Outcome.MIGRATED);
        assertThat(progress.lines()).as(progress.toString())
                .contains("[1/5] talos-master-0 reboot … requested (the staged config takes effect when it boots)")
                .anyMatch(l -> l.startsWith("[1/5] talos-master-0 apply … ok (staged: Talos applies it at the node's next boot, "))
                .noneMatch(l -> l.contains("no reboot"));
        assertThat(homelab.nodeIp("talos-worker-gpu-1")).isEqualTo("192.168.20.21");
    }

    /**
     * The wait for the reboot's new boot ID gives up (20 s) while the node still reboots (30 s): its rollback used to
     * meet UNAVAILABLE at once and fail.
     */
    @Test
    void theRollbackOfANodeStillRebootingIntoItsStagedConfigWaitsForIt() {
        homelab = new SimulatedHomelab();
        RolloutPlan plan = new Planner().plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER,
                new Planner.Options(1, List.of("talos-worker-gpu-0"), Homelab.TAILNET));

        RolloutReport report = rollOut(plan, Duration.ofSeconds(20));

        assertThat(report.failure).as(report.toJson()).contains("the reboot of talos-worker-gpu-0 was not confirmed after 20.0 s: "
                + "talos-worker-gpu-0 has not answered since its reboot was asked for");
        assertThat(report.outcome).as(progress.toString()).isEqualTo(RolloutReport.Outcome.ROLLED_BACK);
        assertThat(report.rolledBack).containsExactly("talos-worker-gpu-0");
        assertThat(homelab.nodeIp("talos-worker-gpu-0")).isEqualTo("100.101.0.20");
        assertThat(homelab.cluster.node("talos-worker-gpu-0").stagedPending()).isFalse();
    }

    /** A worker is left for the operator and the others are put back: no quorum is at stake, and the cluster is not left mixed. */
    @Test
    void aWorkerThatNeverReturnsIsLeftForTheOperatorAndEveryOtherNodeGoesBack() {
        homelab = new SimulatedHomelab(Homelab.inventory(), FaultsFile.parse(
                "faults:\n  - node: talos-worker-gpu-1\n    neverReturnsFromReboot: true\n", "faults.yaml"));

        RolloutReport report = rollOut(homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER), Duration.ofMinutes(5));

        assertThat(report.outcome).as(progress.toString()).isEqualTo(RolloutReport.Outcome.FAILED);
        assertThat(report.rolledBack).containsExactly("talos-worker-gpu-0", "talos-master-2", "talos-master-1", "talos-master-0");
        for (String host : List.of("talos-master-0", "talos-master-1", "talos-master-2", "talos-worker-gpu-0")) {
            assertThat(homelab.nodeIp(host)).as(host).startsWith("100.101.0.");
        }
        assertThat(report.manualSteps).anySatisfy(s -> assertThat(s)
                .startsWith("talos-worker-gpu-1: unknown (it did not answer the Talos API within 300 s")
                .contains("talosctl apply-config -n 192.168.20.21 -f " + journal.dir().toAbsolutePath()
                        .resolve("nodes/talos-worker-gpu-1/before.yaml")));
        assertPathsExist(report);
    }

    /** Putting talos-master-0 back while talos-master-1 is down would cost etcd its quorum: stop, and say what to run. */
    @Test
    void aControlPlaneThatNeverReturnsStopsTheRollbackWithStepsNamingThePathsToUse() {
        homelab = new SimulatedHomelab(Homelab.inventory(), FaultsFile.parse(
                "faults:\n  - node: talos-master-1\n    neverReturnsFromReboot: true\n", "faults.yaml"));

        RolloutReport report = rollOut(homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER), Duration.ofMinutes(5));

        assertThat(report.outcome).as(progress.toString()).isEqualTo(RolloutReport.Outcome.FAILED);
        assertThat(report.rolledBack).isEmpty();
        assertThat(report.node("talos-master-1").state).isEqualTo("unknown: did not answer the Talos API");
        assertThat(report.manualSteps).anySatisfy(s -> assertThat(s).startsWith("talos-master-0: still on the NEW config; once the nodes above"
                + " are back, talos-rehearsal rollback --journal " + journal.dir().toAbsolutePath()));
        assertPathsExist(report);
    }

    /** Every absolute path a manual step names exists (the journal outlives the process). */
    private static void assertPathsExist(RolloutReport report) {
        Pattern path = Pattern.compile("(/[^\\s()]+)");
        for (String step : report.manualSteps) {
            Matcher m = path.matcher(step);
            while (m.find()) {
                assertThat(Path.of(m.group(1))).as(step).exists();
            }
        }
    }
}
