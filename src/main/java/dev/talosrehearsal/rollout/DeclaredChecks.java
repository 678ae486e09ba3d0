package dev.talosrehearsal.rollout;

import java.util.List;

/**
 * What the user expects of the cluster after a change, beside what the configs imply: every node's InternalIP in
 * {@code nodeIpsIn}, every control plane's etcd peer URL in {@code etcdPeersIn}, the Kubernetes API answering
 * through each {@code name:port} of {@code apiThrough}. An empty list checks nothing.
 */
public record DeclaredChecks(List<String> nodeIpsIn, List<String> etcdPeersIn, List<String> apiThrough) {
    public static final DeclaredChecks NONE = new DeclaredChecks(List.of(), List.of(), List.of());

    public DeclaredChecks {
        nodeIpsIn = List.copyOf(nodeIpsIn);
        etcdPeersIn = List.copyOf(etcdPeersIn);
        apiThrough = List.copyOf(apiThrough);
    }

    public boolean isEmpty() {
        return nodeIpsIn.isEmpty() && etcdPeersIn.isEmpty() && apiThrough.isEmpty();
    }
}
