package dev.talosrehearsal.cli;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.ClusterConfigDirectory;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** The hostname the config sets: its HostnameConfig document (v1.12+), else machine.network.hostname; null if none. */
    private static String hostnameIn(MachineConfig config) {
        String fromDocument = config.documents("HostnameConfig").stream().map(d -> d.path("hostname").asText(""))
                .filter(h -> !h.isEmpty()).findFirst().orElse("");
        String name = !fromDocument.isEmpty() ? fromDocument : config.at("/machine/network/hostname").asText("");
        return name.isEmpty() ? null : name;
    }

    private static RenderedCluster fromDirectory(Path dir) {
        List<RenderedNode> nodes = new ArrayList<>();
        String cluster = null;
        for (Map.Entry<String, MachineConfig> e : ClusterConfigDirectory.read(dir).entrySet()) {
            MachineConfig config = e.getValue();
            String name = ConfigSetting.CLUSTER_NAME.text(config, "");
            if (cluster == null) {
                cluster = name;
            } else if (!cluster.equals(name)) {
                throw new InputException(dir.resolve(e.getKey()).toString(), 0, "belongs to cluster '" + name + "', not '" + cluster + "'");
            }
            String file = e.getKey();
            String host = hostnameIn(config);
            if (host == null) {
                // talhelper's default file name, <clusterName>-<hostname>.yaml (a filenameTmpl may name files otherwise)
                host = file.startsWith(name + "-") ? file.substring(name.length() + 1, file.length() - ".yaml".length())
                        : file.substring(0, file.length() - ".yaml".length());
            }
            boolean controlPlane = "controlplane".equals(config.at("/machine/type").asText());
            nodes.add(new RenderedNode(host, controlPlane, List.of(host), config));
        }
        List<String> endpoints = nodes.stream().filter(RenderedNode::controlPlane).map(RenderedNode::hostname).toList();
        return new RenderedCluster(cluster, nodes, endpoints);
    }
}
