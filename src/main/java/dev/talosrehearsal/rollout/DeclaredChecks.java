package dev.talosrehearsal.rollout;

import java.util.List;

/**
 * What the user expects of the cluster after a change, beside what the configs imply: every node's InternalIP in
 * {@code nodeIpsIn}, every control plane's etcd peer URL in {@code etcdPeersIn}, the Kubernetes API answering
 * through each {@code name:port} of {@code apiThrough}, and each {@code kubectl} query succeeding with the text it
 * expects in its output. An empty list checks nothing.
 */
public record DeclaredChecks(List<String> nodeIpsIn, List<String> etcdPeersIn, List<String> apiThrough, List<KubectlQuery> kubectl) {
    public static final DeclaredChecks NONE = new DeclaredChecks(List.of(), List.of(), List.of(), List.of());

    /** {@code kubectl <args>} must exit 0 and print {@code expect} (any output when empty). */
    public record KubectlQuery(List<String> args, String expect) {
        public KubectlQuery {
            args = List.copyOf(args);
        }

        public String command() {
            return "kubectl " + String.join(" ", args);
        }
    }

    public DeclaredChecks {
        nodeIpsIn = List.copyOf(nodeIpsIn);
        etcdPeersIn = List.copyOf(etcdPeersIn);
        apiThrough = List.copyOf(apiThrough);
        kubectl = List.copyOf(kubectl);
    }

    public boolean isEmpty() {
        return nodeIpsIn.isEmpty() && etcdPeersIn.isEmpty() && apiThrough.isEmpty() && kubectl.isEmpty();
    }
}
