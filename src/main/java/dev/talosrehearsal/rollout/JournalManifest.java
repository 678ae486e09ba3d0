package dev.talosrehearsal.rollout;

import java.util.List;

/**
 * What a journal's rollout was: enough to rebuild its plan for {@code resume} and {@code rollback}
 * without the original inputs. No secrets.
 */
public record JournalManifest(String clusterName, String mode, long tryTimeoutSeconds, long gateTimeoutSeconds,
        int maxParallelWorkers, String tailnetSuffix, List<Node> nodes) {

    /** A node in planned order. */
    public record Node(String hostname, String address, boolean controlPlane) {}
}
