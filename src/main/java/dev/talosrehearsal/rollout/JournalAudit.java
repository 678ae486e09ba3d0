package dev.talosrehearsal.rollout;

import dev.talosrehearsal.rollout.JournalEvent.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a journal tells one consistent story, and which config it says each node ends on: the rule a rollout that
 * ended (migrated or rolled back) must meet. Consistent means: sequence numbers strictly increasing (so unique),
 * a FINISHED event last, and any earlier FINISHED followed at once by a later run's LOCKED (a {@code rollback} of a
 * rollout that had finished migrated), every reboot the applier asked for confirmed before the node's gates passed, and
 * every node's last word matching the last outcome — all on their new config after "migrated", all on their old one
 * after "rolled-back". A journal that is still open (stopped, killed) does not end in FINISHED and is not consistent in
 * this sense: {@code resume} or {@code rollback} finishes it.
 *
 * @param problems  what is wrong, one line each; empty when consistent
 * @param nodeSides hostname → {@code before}, {@code after} or {@code unknown}, as the journal's events leave it
 */
public record JournalAudit(List<String> problems, Map<String, String> nodeSides) {
    public static final String BEFORE = "before";
    public static final String AFTER = "after";
    public static final String UNKNOWN = "unknown";

    public boolean consistent() {
        return problems.isEmpty();
    }

    public static JournalAudit of(Journal journal) {
        return of(journal.manifest(), journal.events());
    }

    static JournalAudit of(JournalManifest manifest, List<JournalEvent> events) {
        List<String> problems = new ArrayList<>();
        long last = 0;
        for (JournalEvent e : events) {
            if (e.seq() <= last) {
                problems.add("event " + e.type() + " has sequence number " + e.seq() + " after " + last);
            }
            last = Math.max(last, e.seq());
        }
        List<JournalEvent> finished = events.stream().filter(e -> e.type() == Type.FINISHED).toList();
        JournalEvent ending = finished.isEmpty() ? null : finished.get(finished.size() - 1);
        if (ending == null) {
            problems.add("no FINISHED event: the rollout has not ended");
        } else if (events.get(events.size() - 1) != ending) {
            problems.add("events after FINISHED: " + events.subList(events.indexOf(ending) + 1, events.size()).stream()
                    .map(e -> e.seq() + " " + e.type()).toList());
        }
        for (JournalEvent earlier : finished.subList(0, Math.max(0, finished.size() - 1))) {
            int next = events.indexOf(earlier) + 1;
            if (events.get(next).type() != Type.LOCKED) {
                problems.add("FINISHED " + earlier.seq() + " is followed by " + events.get(next).seq() + " " + events.get(next).type()
                        + ", not by a later run's LOCKED");
            }
        }
        problems.addAll(unconfirmedBeforeGates(events));
        Map<String, String> sides = new LinkedHashMap<>();
        manifest.nodes().forEach(n -> sides.put(n.hostname(), BEFORE));
        for (JournalEvent e : events) {
            if (e.node() == null) {
                continue;
            }
            switch (e.type()) {
                case APPLYING, ROLLBACK_APPLYING, ROLLBACK_FAILED -> sides.put(e.node(), UNKNOWN);
                case APPLIED, ALREADY_APPLIED, GATES_PASSED -> sides.put(e.node(), AFTER);
                case ROLLED_BACK -> sides.put(e.node(), BEFORE);
                case STEP_FAILED -> sides.computeIfPresent(e.node(), (h, side) -> side.equals(AFTER) ? UNKNOWN : side);
                default -> {
                }
            }
        }
        if (ending != null) {
            String outcome = ending.detail().split(":", 2)[0];
            String want = switch (outcome) {
                case "migrated" -> AFTER;
                case "rolled-back", "preflight-failed" -> BEFORE;
                default -> null;
            };
            if (want == null) {
                problems.add("the rollout finished " + outcome + ": not all nodes on one side");
            } else {
                sides.forEach((host, side) -> {
                    if (!side.equals(want)) {
                        problems.add(host + " is " + side + " in the journal, which says the rollout finished " + outcome);
                    }
                });
            }
        }
        return new JournalAudit(List.copyOf(problems), Map.copyOf(sides));
    }

    /**
     * A reboot the applier asked for is confirmed (a new boot ID) before the node's gates count, in a resumed run too: an
     * APPLIED or ALREADY_APPLIED event naming the boot ID before ({@link JournaledBootIds}) is followed by REBOOT_CONFIRMED
     * before GATES_PASSED. Journals from before boot IDs were journaled name none and are not checked.
     */
    private static List<String> unconfirmedBeforeGates(List<JournalEvent> events) {
        List<String> problems = new ArrayList<>();
        Map<String, String> awaiting = new LinkedHashMap<>();
        for (JournalEvent e : events) {
            switch (e.type()) {
                case APPLIED, ALREADY_APPLIED -> JournaledBootIds.of(e).ifPresent(id -> awaiting.put(e.node(), id.value()));
                case REBOOT_CONFIRMED, APPLYING, STEP_FAILED, ROLLBACK_APPLYING, ROLLED_BACK -> awaiting.remove(e.node());
                case GATES_PASSED -> {
                    String before = awaiting.remove(e.node());
                    if (before != null) {
                        problems.add(e.node() + " passed its gates (event " + e.seq() + ") with its reboot unconfirmed: no boot ID other than "
                                + before + " was seen");
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }
}
