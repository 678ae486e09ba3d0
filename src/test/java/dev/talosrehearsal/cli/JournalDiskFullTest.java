package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.EventWriter;
import dev.talosrehearsal.rollout.Journal;
import dev.talosrehearsal.rollout.JournalEvent;
import dev.talosrehearsal.rollout.JournalPlans;
import dev.talosrehearsal.rollout.RolloutListener;
import dev.talosrehearsal.rollout.RolloutPlan;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.sim.node.NodeEvent;
import dev.talosrehearsal.testing.SimulatedHomelab;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 7: the journal's file system fills up during a rollout. The operator still gets the node-state table
 * and the next step (exit 1, not a bare exit 2), and the journal stays consistent, so that once there is space again
 * the rollout resumes from it. The full disk is the journal's {@link EventWriter} seam: no root, no tmpfs.
 */
class JournalDiskFullTest {
    @TempDir
    Path dir;
    @AutoClose
    SimulatedHomelab homelab;
    Journal journal;

    /** Writes {@code ok} event lines, then half of the next one and fails, as a write(2) that meets ENOSPC does. */
    static EventWriter fillsUpAfter(int ok) {
        AtomicInteger written = new AtomicInteger();
        return (channel, line) -> {
            if (written.getAndIncrement() < ok) {
                EventWriter.DIRECT.write(channel, line);
                return;
            }
            channel.write(ByteBuffer.wrap(line.array(), 0, line.remaining() / 2));
            throw new IOException("No space left on device");
        };
    }

    /** apply's last part (RolloutRun.run: progress, the summary table, the exit code) on the simulated homelab. */
    private int apply(RolloutPlan plan, EventWriter writer, PrintWriter out) {
        Applier.Settings settings = Applier.Settings.defaults();
        journal = homelab.journal(dir.resolve("journal"), plan, settings, writer);
        return new RolloutRun().run(new RolloutRun.Connection(null, homelab.target), plan, settings, out, RolloutReport.Outcome.MIGRATED,
                (applier, p) -> applier.run(p, journal));
    }

    @Test
    void aJournalThatFillsUpAfterAnApplyStopsWithTheNodeStateTableAndTheWayOn() throws IOException {
        homelab = new SimulatedHomelab();
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        StringWriter printed = new StringWriter();

        // 10 events: LOCKED, STARTED, PREFLIGHT_PASSED, master-0's DRY_RUN, APPLYING, APPLIED, REBOOT_CONFIRMED (its reboot
        // for etcd), GATES_PASSED, master-1's DRY_RUN, APPLYING; master-1's APPLIED, after its apply went through, is the
        // one the full disk refuses
        int code = apply(plan, fillsUpAfter(10), new PrintWriter(printed, true));

        String out = printed.toString();
        Path abs = dir.resolve("journal").toAbsolutePath();
        assertThat(code).as(out).isEqualTo(Main.FOUND);
        assertThat(out).contains("journal … failed: cannot append to the journal " + dir.resolve("journal/events.ndjson")
                        + ": No space left on device; stopping before the next action")
                .contains("talos-master-0         control plane  migrated\n")
                .contains("talos-master-1         control plane  new config applied, gates not passed yet\n")
                .contains("talos-master-2         control plane  unchanged\n")
                .contains("talos-worker-gpu-1     worker         unchanged\n")
                .contains("outcome: stopped — the journal could not be written (No space left on device): stopped before the next action")
                .contains("by hand: free space where the journal is (" + abs + "), then go on with talos-rehearsal resume --journal " + abs
                        + " or go back with talos-rehearsal rollback --journal " + abs);
        assertThat(homelab.cluster.node("talos-master-2").events()).noneMatch(e -> e.kind() == NodeEvent.Kind.APPLIED);

        // the log holds the 10 events recorded, whole lines only: the half line was cut off
        String log = Files.readString(abs.resolve("events.ndjson"));
        assertThat(log).endsWith("\n");
        List<JournalEvent> events = journal.events();
        assertThat(events).extracting(JournalEvent::seq).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(events.get(6).type()).isEqualTo(JournalEvent.Type.REBOOT_CONFIRMED);
        assertThat(events.get(6).detail()).matches("boot ID [0-9a-f-]{36} → [0-9a-f-]{36}");
        assertThat(events.get(9).type()).isEqualTo(JournalEvent.Type.APPLYING);
        assertThat(events.get(9).node()).isEqualTo("talos-master-1");
        journal.close();

        // space again: resume finishes from the journal, without applying talos-master-1 a second time
        journal = homelab.closedWithThis(Journal.open(abs));
        RolloutReport resumed = homelab.applier(Applier.Settings.defaults(), RolloutListener.NONE).resume(JournalPlans.rebuild(journal), journal);
        assertThat(resumed.outcome).as(resumed.toJson()).isEqualTo(RolloutReport.Outcome.MIGRATED);
        assertThat(homelab.cluster.node("talos-master-1").events().stream().filter(e -> e.kind() == NodeEvent.Kind.APPLIED)).hasSize(1);
        assertThat(homelab.nodeIp("talos-worker-gpu-1")).isEqualTo("192.168.20.21");
    }

    @Test
    void aJournalFullFromTheStartTouchesNoNode() {
        homelab = new SimulatedHomelab();
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        StringWriter printed = new StringWriter();

        int code = apply(plan, fillsUpAfter(0), new PrintWriter(printed, true));

        assertThat(code).isEqualTo(Main.FOUND);
        assertThat(printed.toString()).contains("talos-master-0         control plane  unchanged\n").contains("outcome: stopped");
        assertThat(journal.events()).isEmpty();
        for (String host : List.of("talos-master-0", "talos-worker-gpu-1")) {
            assertThat(homelab.cluster.node(host).events()).as(host).noneMatch(e -> e.kind() == NodeEvent.Kind.APPLIED);
        }
    }

    /** A process killed in the middle of a line leaves it torn; the next applier cuts it off before appending. */
    @Test
    void aTornLastLineIsCutOffWhenTheJournalIsOpenedAgain() throws IOException {
        homelab = new SimulatedHomelab();
        RolloutPlan plan = homelab.plan(SimulatedHomelab.BEFORE, SimulatedHomelab.AFTER);
        apply(plan, EventWriter.DIRECT, new PrintWriter(new StringWriter(), true));
        journal.close();
        Path log = dir.resolve("journal/events.ndjson");
        int events = journal.events().size();
        Files.write(log, "{\"seq\":99,\"type\":\"APPL".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);

        journal = homelab.closedWithThis(Journal.open(dir.resolve("journal")));
        journal.record(null, JournalEvent.Type.ROLLBACK_STARTED, "test", homelab.cluster.clock().now());

        assertThat(journal.events()).hasSize(events + 2); // this process's LOCKED event, then the one recorded
        assertThat(Files.readString(log)).doesNotContain("\"seq\":99");
    }
}
