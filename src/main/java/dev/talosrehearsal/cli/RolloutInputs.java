package dev.talosrehearsal.cli;

import dev.talosrehearsal.machineconfig.ClusterSide;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * OLD and NEW of a rollout: each a talconfig.yaml (rendered with the shared secrets) or a clusterconfig
 * directory. Nodes read from a directory are targeted by hostname (the files do not record addresses).
 */
final class RolloutInputs {
    private final ClusterInputOptions options;
    private SecretsBundle secrets;

    RolloutInputs(ClusterInputOptions options) {
        this.options = options;
    }

    RenderedCluster load(Path input) {
        return side(input).rendered();
    }

    /** OLD or NEW with the release its configs are for (the talconfig's talosVersion, or the installer image's tag). */
    ClusterSide side(Path input) {
        if (Files.isDirectory(input)) {
            return ClusterSide.load(input, java.util.Map.of(), null);
        }
        if (secrets == null) {
            secrets = options.secrets();
        }
        return ClusterSide.load(input, options.environment(), secrets);
    }
}
