package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.TalosconfigFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every node's machine config for one cluster, in talconfig.yaml's node order.
 *
 * @param fileNames each node's output file name by hostname (talhelper's {@code filenameTmpl}); a node not in it
 *                  gets talhelper's default {@code <clusterName>-<hostname>.yaml}
 */
public record RenderedCluster(String clusterName, List<RenderedNode> nodes, List<String> endpoints, Map<String, String> fileNames) {
    public RenderedCluster {
        nodes = List.copyOf(nodes);
        endpoints = List.copyOf(endpoints);
        fileNames = Map.copyOf(fileNames);
    }

    public RenderedCluster(String clusterName, List<RenderedNode> nodes, List<String> endpoints) {
        this(clusterName, nodes, endpoints, Map.of());
    }

    /**
     * One node's rendered config.
     *
     * @param addresses where talosctl reaches the node (talconfig's {@code ipAddress}); the hostname when the
     *                  config was read back from a clusterconfig directory, which does not record addresses
     */
    public record RenderedNode(String hostname, boolean controlPlane, List<String> addresses, MachineConfig config) {
        public String role() {
            return controlPlane ? "controlplane" : "worker";
        }

        /** Where the node's Talos API is reached: its first {@code ipAddress}, else (read back from clusterconfig/) its hostname. */
        public String reachedAt() {
            return addresses.isEmpty() ? hostname : addresses.get(0);
        }
    }

    /**
     * The nodes a talosconfig for the simulator and the applier lists: each node's first {@code ipAddress},
     * in talconfig order (a node read back from a clusterconfig directory has no address and is left out).
     */
    public List<String> talosconfigNodes() {
        return nodes.stream().flatMap(n -> n.addresses().stream().limit(1)).toList();
    }

    /**
     * The talosconfig genconfig writes, as talhelper does: context and current context the cluster name,
     * endpoints every address of every control plane, nodes every address of every node in talconfig
     * order ({@code ipAddress} may list several, comma separated), the admin certificate from {@code secrets}.
     */
    public String talosconfigFile(SecretsBundle secrets) {
        List<String> endpoints = nodes.stream().filter(RenderedNode::controlPlane).flatMap(n -> n.addresses().stream()).toList();
        List<String> all = nodes.stream().flatMap(n -> n.addresses().stream()).toList();
        return TalosconfigFile.render(clusterName, endpoints, all, secrets);
    }

    /**
     * Where the control planes' Talos APIs are reached, in talconfig order: each one's first {@code ipAddress},
     * or its hostname when the config was read back from a clusterconfig directory.
     */
    public List<String> controlPlaneTargets() {
        return nodes.stream().filter(RenderedNode::controlPlane).map(RenderedNode::reachedAt).toList();
    }

    public Optional<RenderedNode> node(String hostname) {
        return nodes.stream().filter(n -> n.hostname().equals(hostname)).findFirst();
    }

    /** The node's file in {@code clusterconfig/}: its {@code filenameTmpl}, else {@code <clusterName>-<hostname>.yaml}, as talhelper names it. */
    public String fileName(RenderedNode node) {
        return fileNames.getOrDefault(node.hostname(), clusterName + "-" + node.hostname() + ".yaml");
    }
}
