package dev.talosrehearsal.sim.node;

import java.time.Instant;

/**
 * An interval during which a node did not fully serve: what "never two control planes disrupted at
 * once" is checked against.
 *
 * @param end null while it lasts
 */
public record Disruption(String node, Kind kind, Instant start, Instant end) {
    public enum Kind {
        /** Node down: API, kubelet and etcd all gone. */
        REBOOT,
        /**
         * etcd advertises a peer URL it does not listen on (advertisedSubnets changed without a reboot): the model
         * counts the member as unhealthy (SimulatedEtcd).
         */
        ETCD_UNREACHABLE,
        /** etcd member unhealthy (fault). */
        ETCD_UNHEALTHY,
        /** kubelet restarting (new kubelet config or node IP). */
        KUBELET_RESTART,
        /** kubelet crash-looping (fault). */
        KUBELET_CRASHLOOP,
        /** an extension service restarting (ext-tailscale: the node's tailnet address is gone meanwhile). */
        EXTENSION_RESTART
    }

    public boolean ongoing() {
        return end == null;
    }

    /** True when both intervals share a moment (an end equal to the other's start does not count). */
    public boolean overlaps(Disruption other) {
        boolean thisEndsAfterOtherStarts = end == null || end.isAfter(other.start);
        boolean otherEndsAfterThisStarts = other.end == null || other.end.isAfter(start);
        return thisEndsAfterOtherStarts && otherEndsAfterThisStarts;
    }
}
