package dev.talosrehearsal.rollout;

import java.time.Instant;

/**
 * One line of the journal's event log. Never holds secrets: configs live in their own 0600 files.
 *
 * @param node   the node it concerns, or null for the rollout as a whole
 * @param detail human words: the resolved apply mode, a gate's last result, an error
 */
public record JournalEvent(long seq, Instant at, String node, Type type, String detail) {
    public enum Type {
        /** A process took the journal's lock; detail: its pid, host and since when (and a stale lock it took over). */
        LOCKED,
        STARTED,
        PREFLIGHT_PASSED,
        PREFLIGHT_FAILED,
        DRY_RUN,
        APPLYING,
        APPLIED,
        ALREADY_APPLIED,
        GATES_PASSED,
        /** The node booted again after a reboot: its boot ID changed; detail: {@code boot ID <before> → <after>}. */
        REBOOT_CONFIRMED,
        STEP_FAILED,
        ROLLBACK_STARTED,
        ROLLBACK_APPLYING,
        ROLLED_BACK,
        ROLLBACK_FAILED,
        FINISHED,
        /** The process was asked to stop (SIGTERM, Ctrl-C) and stopped between two actions; resume or rollback goes on. */
        STOPPED
    }
}
