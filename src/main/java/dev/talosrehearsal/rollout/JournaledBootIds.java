package dev.talosrehearsal.rollout;

import dev.talosrehearsal.talos.BootId;
import java.util.Optional;

/**
 * The boot ID a node ran before a reboot the applier asked for, carried in the detail of the event that records the
 * apply ({@code APPLIED}, or {@code ALREADY_APPLIED} when a resumed run reboots a control plane for etcd), so that a
 * run stopped or killed before the reboot was confirmed can be resumed with the same check: wait for another boot ID
 * ({@link JournalState#unconfirmedReboots}). Journals written before this carry none, and resume without it.
 */
final class JournaledBootIds {
    static final String MARK = "; boot ID before the reboot: ";

    private JournaledBootIds() {}

    /** {@code detail}, naming {@code before} when it is known (a client that may not read it has none to name). */
    static String append(String detail, BootId before) {
        return before == null || !before.known() ? detail : detail + MARK + before;
    }

    /** The boot ID an event's detail names, if any. */
    static Optional<BootId> of(JournalEvent event) {
        String detail = event.detail();
        int at = detail == null ? -1 : detail.lastIndexOf(MARK);
        if (at < 0) {
            return Optional.empty();
        }
        String id = detail.substring(at + MARK.length()).strip();
        return id.isEmpty() ? Optional.empty() : Optional.of(new BootId(id));
    }
}
