package dev.talosrehearsal.rollout;

import dev.talosrehearsal.common.Hostnames;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.talos.ApplyMode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a journal's rollout was: enough to rebuild its plan for {@code resume} and {@code rollback}
 * without the original inputs. No secrets.
 */
public record JournalManifest(String clusterName, String mode, long tryTimeoutSeconds, long gateTimeoutSeconds,
        int maxParallelWorkers, String tailnetSuffix, List<Node> nodes) {

    /** A node in planned order. */
    public record Node(String hostname, String address, boolean controlPlane) {}

    /**
     * This manifest, when {@code resume} and {@code rollback} can trust it: a journal is a directory a user can edit
     * or damage, and a hostname such as {@code ../../x} would read configs from outside it.
     *
     * @param file the manifest, for messages
     */
    public JournalManifest checked(String file) {
        if (clusterName == null || clusterName.isBlank()) {
            throw new InputException(file, 0, "clusterName: missing from the journal manifest");
        }
        if (mode == null || Arrays.stream(ApplyMode.values()).noneMatch(m -> m.name().equals(mode))) {
            throw new InputException(file, 0, "mode: '" + mode + "' is not one of " + Arrays.toString(ApplyMode.values()));
        }
        if (tryTimeoutSeconds < 0 || gateTimeoutSeconds < 0 || maxParallelWorkers < 1) {
            throw new InputException(file, 0, "tryTimeoutSeconds, gateTimeoutSeconds must not be negative and maxParallelWorkers must be at least 1");
        }
        if (nodes == null || nodes.isEmpty()) {
            throw new InputException(file, 0, "nodes: the journal manifest lists no node");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            // a hostname as the talconfig loader accepts it: also what keeps nodes/<hostname>/ inside the journal
            if (node == null || !Hostnames.isValid(node.hostname())) {
                throw new InputException(file, 0, "nodes[" + i + "].hostname: '" + (node == null ? null : node.hostname())
                        + "' is not a hostname");
            }
            if (!seen.add(node.hostname())) {
                throw new InputException(file, 0, "nodes[" + i + "].hostname: '" + node.hostname() + "' appears twice");
            }
            if (node.address() == null || node.address().isBlank()) {
                throw new InputException(file, 0, "nodes[" + i + "].address: missing");
            }
        }
        return this;
    }
}
