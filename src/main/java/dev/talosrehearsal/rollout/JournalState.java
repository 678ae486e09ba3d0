package dev.talosrehearsal.rollout;

import dev.talosrehearsal.rollout.JournalEvent.Type;
import dev.talosrehearsal.talos.BootId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a journaled rollout stands: which nodes are done (applied and gated), which were touched (an apply was
 * started and not rolled back), whether it finished and how ({@code finishedDetail}, the last FINISHED event's).
 */
public record JournalState(Set<String> done, Set<String> touched, boolean finished, String finishedDetail) {
    /**
     * Nodes whose apply was started and never recorded as returned (APPLYING, then no APPLIED, ALREADY_APPLIED,
     * STEP_FAILED or ROLLED_BACK): the process died during the apply or between it and the reboot it needed. The config
     * may be on the node while the reboot was never asked for.
     */
    public Set<String> interrupted(List<JournalEvent> events) {
        Set<String> open = new LinkedHashSet<>();
        for (JournalEvent e : events) {
            switch (e.type()) {
                case APPLYING -> open.add(e.node());
                case APPLIED, ALREADY_APPLIED, STEP_FAILED, ROLLED_BACK -> open.remove(e.node());
                default -> {
                }
            }
        }
        return open;
    }

    /**
     * Nodes whose reboot was asked for and never confirmed, with the boot ID each ran before it: an APPLIED (or
     * ALREADY_APPLIED) event naming one ({@link JournaledBootIds}), then no REBOOT_CONFIRMED, GATES_PASSED, STEP_FAILED,
     * new apply or rollback of that node. The run stopped or was killed while the node rebooted; resume waits for another
     * boot ID before its gates. Events of journals written before boot IDs were journaled name none: such nodes are not
     * here, and resume goes to their gates as it always did.
     */
    public static Map<String, BootId> unconfirmedReboots(List<JournalEvent> events) {
        Map<String, BootId> open = new LinkedHashMap<>();
        for (JournalEvent e : events) {
            switch (e.type()) {
                case APPLIED, ALREADY_APPLIED -> JournaledBootIds.of(e).ifPresent(id -> open.put(e.node(), id));
                case APPLYING, REBOOT_CONFIRMED, GATES_PASSED, STEP_FAILED, ROLLBACK_APPLYING, ROLLED_BACK -> open.remove(e.node());
                default -> {
                }
            }
        }
        return open;
    }

    static JournalState of(List<JournalEvent> events) {
        Set<String> applied = new LinkedHashSet<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> touched = new LinkedHashSet<>();
        boolean finished = false;
        String detail = "";
        for (JournalEvent e : events) {
            switch (e.type()) {
                case APPLYING -> touched.add(e.node());
                case APPLIED, ALREADY_APPLIED -> applied.add(e.node());
                case GATES_PASSED -> {
                    if (applied.contains(e.node())) {
                        done.add(e.node());
                    }
                }
                case ROLLED_BACK -> {
                    done.remove(e.node());
                    touched.remove(e.node());
                }
                case FINISHED -> {
                    finished = true;
                    detail = e.detail();
                }
                default -> {
                }
            }
        }
        return new JournalState(done, touched, finished, detail);
    }
}
