package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.common.InputFiles;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import java.util.ArrayList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads back a clusterconfig directory (what {@code genconfig} writes, or what {@code capture} writes as a rehearsal
 * directory's {@code before/}): every {@code *.yaml} machine config, keyed by file name.
 */
public final class ClusterConfigDirectory {
    private ClusterConfigDirectory() {}

    public static Map<String, MachineConfig> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir.toString(), 0, "not a directory");
        }
        Map<String, MachineConfig> configs = new LinkedHashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".yaml") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir.toString(), 0, "cannot list: " + e.getMessage());
        }
        for (Path file : files) {
            configs.put(file.getFileName().toString(), MachineConfig.parse(InputFiles.read(file), file.toString()));
        }
        if (configs.isEmpty()) {
            throw new InputException(dir.toString(), 0, "no machine configs (*.yaml) in this directory");
        }
        return configs;
    }

    /**
     * The directory as a cluster: one node per config, named by the hostname the config sets (else by the file name,
     * talhelper's {@code <clusterName>-<hostname>.yaml}), a control plane when {@code machine.type} says so. The files
     * do not record where each node is reached, so each node's one address is its hostname (it is targeted by name).
     */
    public static RenderedCluster readCluster(Path dir) {
        List<RenderedNode> nodes = new ArrayList<>();
        String cluster = null;
        for (Map.Entry<String, MachineConfig> e : read(dir).entrySet()) {
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
                host = file.startsWith(name + "-") ? file.substring(name.length() + 1, file.length() - ".yaml".length())
                        : file.substring(0, file.length() - ".yaml".length());
            }
            boolean controlPlane = "controlplane".equals(config.at("/machine/type").asText());
            nodes.add(new RenderedNode(host, controlPlane, List.of(host), config));
        }
        List<String> endpoints = nodes.stream().filter(RenderedNode::controlPlane).map(RenderedNode::hostname).toList();
        return new RenderedCluster(cluster, nodes, endpoints);
    }

    /** The hostname the config sets: its HostnameConfig document (v1.12+), else machine.network.hostname; null if none. */
    public static String hostnameIn(MachineConfig config) {
        String fromDocument = config.documents("HostnameConfig").stream().map(d -> d.path("hostname").asText(""))
                .filter(h -> !h.isEmpty()).findFirst().orElse("");
        String name = !fromDocument.isEmpty() ? fromDocument : config.at("/machine/network/hostname").asText("");
        return name.isEmpty() ? null : name;
    }
}
