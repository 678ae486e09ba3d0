package dev.talosrehearsal.cli;

import dev.talosrehearsal.machineconfig.ClusterConfigDirectory;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
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
        if (Files.isDirectory(input)) {
            return fromDirectory(input);
        }
        if (secrets == null) {
            secrets = options.secrets();
        }
        return new ClusterRenderer().render(options.load(input), secrets);
    }

    private static RenderedCluster fromDirectory(Path dir) {
        return ClusterConfigDirectory.readCluster(dir);
    }
}
