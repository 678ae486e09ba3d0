package dev.talosrehearsal.rollout;

import dev.talosrehearsal.talos.BootId;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the runs of a rollout before this one left, as its journal tells it; a fresh rollout finds {@link #NONE}.
 *
 * @param done        nodes applied and gated: not touched again
 * @param touched     nodes whose apply was started and not rolled back: found applied now, they were changed by this
 *                    rollout all the same, and go back with the others should a step fail
 * @param interrupted nodes whose apply was started and never recorded as returned ({@link JournalState#interrupted})
 * @param unconfirmed nodes asked to reboot and never seen back, with their boot ID before
 *                    ({@link JournalState#unconfirmedReboots})
 */
record EarlierRuns(Set<String> done, Set<String> touched, Set<String> interrupted, Map<String, BootId> unconfirmed) {
    static final EarlierRuns NONE = new EarlierRuns(Set.of(), Set.of(), Set.of(), Map.of());

    /** From a journal's {@code events} and the state they make ({@link JournalState#of}), read once by the caller. */
    static EarlierRuns of(JournalState state, List<JournalEvent> events) {
        return new EarlierRuns(state.done(), state.touched(), state.interrupted(events), JournalState.unconfirmedReboots(events));
    }
}
