package dev.talosrehearsal.machineconfig;

import java.util.List;
import java.util.Optional;

/** Every node's machine config for one cluster, in talconfig.yaml's node order. */
public record RenderedCluster(String clusterName, List<RenderedNode> nodes, List<String> endpoints) {
    public RenderedCluster {
        nodes = List.copyOf(nodes);
        endpoints = List.copyOf(endpoints);
    }

    /**
     * One node's rendered config.
     *
     * @param addresses where talosctl reaches the node (talconfig's {@code ipAddress}); empty when the
     *                  config was read back from a clusterconfig directory, which does not record them
     */
    public record RenderedNode(String hostname, boolean controlPlane, List<String> addresses, MachineConfig config) {
        public String role() {
            return controlPlane ? "controlplane" : "worker";
        }
    }

    /**
     * talosconfig's {@code nodes}: each node's first {@code ipAddress}, in talconfig order (a node read
     * back from a clusterconfig directory has no address and is left out).
     */
    public List<String> talosconfigNodes() {
        return nodes.stream().flatMap(n -> n.addresses().stream().limit(1)).toList();
    }

    public Optional<RenderedNode> node(String hostname) {
        return nodes.stream().filter(n -> n.hostname().equals(hostname)).findFirst();
    }

    /** {@code clusterconfig/<clusterName>-<hostname>.yaml}, as talhelper names it. */
    public String fileName(RenderedNode node) {
        return clusterName + "-" + node.hostname() + ".yaml";
    }
}
