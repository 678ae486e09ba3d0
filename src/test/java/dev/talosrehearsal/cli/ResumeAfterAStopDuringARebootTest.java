package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.rehearsal.SimulatedTarget;
import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.Journal;
import dev.talosrehearsal.rollout.JournalPlans;
import dev.talosrehearsal.rollout.Planner;
import dev.talosrehearsal.rollout.RolloutListener;
import dev.talosrehearsal.rollout.RolloutPlan;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.SimulatedHomelab;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An apply stopped (as SIGTERM stops it: before its next action) while talos-master-1 reboots into its new config,
 * then {@code resume} from the command line. Before its question, resume says which node has its new config with the
 * reboot not seen yet, and that it waits for a boot ID other than the journaled one: the operator would otherwise
 * read "done: talos-master-0" and "still to roll out: talos-master-1, …" as if talos-master-1 were untouched (found by
 * a user trial).
 */
class ResumeAfterAStopDuringARebootTest {
    static final String TAILNET = "tailnet-4d89.ts.net";
    @TempDir
    Path dir;
    @AutoClose
    RealTimeHomelab homelab;

    @Test
    void resumeSaysWhichRebootItStillWaitsForAndFinishesTheRollout() {
        homelab = new RealTimeHomelab(dir);
        Path journalDir = dir.resolve("journal");
        stopWhileMaster1Reboots(journalDir);

        CliRun resume = CliRun.of(homelab.access("resume", "--journal", journalDir.toString(), "--yes"));

        assertThat(resume.exitCode()).as(resume.toString()).isZero();
        List<String> lines = resume.out().lines().toList();
        int unconfirmed = lines.indexOf("applied, reboot not confirmed yet: talos-master-1 (resume waits for a boot ID other than the"
                + " journaled one, then runs their gates)");
        assertThat(unconfirmed).as(resume.toString()).isPositive();
        assertThat(lines.get(unconfirmed - 1)).isEqualTo("done: talos-master-0");
        assertThat(lines.get(unconfirmed + 1)).isEqualTo("still to roll out, in order: talos-master-1, talos-master-2, talos-worker-gpu-0,"
                + " talos-worker-gpu-1");
        // resume confirms the reboot the stopped run asked for, finds the config applied, and runs the gates
        assertThat(resume.out()).containsSubsequence("talos-master-1 reboot … confirmed", "talos-master-1 apply … already applied (by the"
                + " run before)", "talos-master-1 gate tailnet-host … ok").contains("outcome: migrated");
    }

    /** The in-process applier stopped as its SIGTERM handler stops it, once talos-master-1's reboot is under way. */
    private void stopWhileMaster1Reboots(Path journalDir) {
        RolloutPlan plan = new Planner().plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER, new Planner.Options(1, List.of(), TAILNET));
        Applier.Settings settings = Applier.Settings.defaults();
        try (Journal journal = Journal.create(journalDir, JournalPlans.manifest(plan, settings, 1, TAILNET), plan.nodeChanges())) {
            Applier[] applier = new Applier[1];
            applier[0] = SimulatedTarget.of(homelab.cluster, TAILNET).applier(settings, new RolloutListener() {
                @Override
                public void progress(String line) {
                    if (line.endsWith("talos-master-1 reboot … waiting for a new boot ID")) {
                        applier[0].requestStop("SIGTERM");
                    }
                }
            }, SimulatedHomelab.BEFORE.controlPlaneTargets());
            assertThat(applier[0].run(plan, journal).outcome).isEqualTo(RolloutReport.Outcome.STOPPED);
        }
    }
}
