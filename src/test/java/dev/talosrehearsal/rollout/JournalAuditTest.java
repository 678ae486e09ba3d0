package dev.talosrehearsal.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.rollout.JournalEvent.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a consistent journal is: one story, ending in FINISHED; a rollback of a finished rollout is a later run of its own. */
class JournalAuditTest {
    private static final JournalManifest MANIFEST = new JournalManifest("lab", "AUTO", 60, 300, 1, null,
            List.of(new JournalManifest.Node("cp-1", "10.0.0.11", true)));

    private final List<JournalEvent> events = new ArrayList<>();

    private JournalAuditTest event(Type type, String node, String detail) {
        events.add(new JournalEvent(events.size() + 1, Instant.EPOCH, node, type, detail));
        return this;
    }

    private JournalAuditTest migrated() {
        return event(Type.LOCKED, null, "pid 1").event(Type.STARTED, null, "1 nodes in 1 steps").event(Type.PREFLIGHT_PASSED, null, "")
                .event(Type.APPLYING, "cp-1", "AUTO").event(Type.APPLIED, "cp-1", "NO_REBOOT").event(Type.GATES_PASSED, "cp-1", "")
                .event(Type.FINISHED, null, "migrated");
    }

    @Test
    void aMigratedRolloutIsConsistentWithItsNodeOnTheNewConfig() {
        JournalAudit audit = JournalAudit.of(MANIFEST, migrated().events);
        assertThat(audit.problems()).isEmpty();
        assertThat(audit.nodeSides()).containsEntry("cp-1", JournalAudit.AFTER);
    }

    /** apply, then rollback of the finished rollout (found by a user trial: the audit counted two FINISHED events as a fault). */
    @Test
    void aRollbackOfAFinishedRolloutIsALaterRunJudgedByItsOwnEnding() {
        migrated().event(Type.LOCKED, null, "pid 2").event(Type.ROLLBACK_APPLYING, "cp-1", "").event(Type.ROLLED_BACK, "cp-1", "")
                .event(Type.FINISHED, null, "rolled-back: rolled back on request");

        JournalAudit audit = JournalAudit.of(MANIFEST, events);
        assertThat(audit.problems()).isEmpty();
        assertThat(audit.nodeSides()).containsEntry("cp-1", JournalAudit.BEFORE);
    }

    @Test
    void aFinishedEventFollowedByAnythingButALaterRunsLockIsAProblem() {
        migrated().event(Type.APPLYING, "cp-1", "AUTO").event(Type.FINISHED, null, "migrated");
        assertThat(JournalAudit.of(MANIFEST, events).problems()).anySatisfy(p -> assertThat(p).startsWith("FINISHED 7 is followed by 8 APPLYING"));

        assertThat(JournalAudit.of(MANIFEST, events.subList(0, 6)).problems()).contains("no FINISHED event: the rollout has not ended");
    }
}
