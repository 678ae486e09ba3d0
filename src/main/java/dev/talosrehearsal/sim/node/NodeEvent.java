package dev.talosrehearsal.sim.node;

import java.time.Instant;

/** One thing that happened on a simulated node, at simulated time; {@link SimulatedNode#events()} is append-only. */
public record NodeEvent(Instant at, String node, Kind kind, String message) {
    public enum Kind {
        BOOTED, APPLIED, DRY_RUN, STAGED, TRY_CONFIRMED, TRY_REVERTED, TRY_DROPPED_BY_REBOOT,
        REBOOT_STARTED, REBOOT_FINISHED, REBOOT_NEVER_RETURNED,
        SERVICE_STARTED, SERVICE_RESTARTING, SERVICE_RUNNING, SERVICE_STOPPED,
        /** An ExtensionServiceConfig names a service no extension in the node's image defines: nothing runs it. */
        SERVICE_MISSING,
        ETCD_MEMBER_UPDATED, ETCD_MEMBER_UPDATE_PENDING,
        /** A reboot was asked for (Reboot, or an apply that reboots) and its sequence never started (fault rebootIgnored). */
        IGNORED_REBOOT
    }

    @Override
    public String toString() {
        return at + " " + node + " " + kind + ": " + message;
    }
}
