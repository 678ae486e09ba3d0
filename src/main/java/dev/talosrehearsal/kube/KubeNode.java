package dev.talosrehearsal.kube;

import java.util.List;

/** What Kubernetes says about one node: readiness (with the kubelet's reason) and its addresses. */
public record KubeNode(String name, boolean ready, String readyReason, String readyMessage, List<String> internalIPs,
        String kubeletVersion, String osImage) {
    public KubeNode {
        internalIPs = List.copyOf(internalIPs);
    }

    /**
     * A cluster's Node names for a message that asks whether a kubeconfig is the right cluster's: {@code Nodes a, b, c, d,
     * e, …} (the first five), or {@code no Node}.
     */
    public static String describeNames(List<String> names) {
        return names.isEmpty() ? "no Node" : "Nodes " + String.join(", ", names.stream().limit(5).toList()) + (names.size() > 5 ? ", …" : "");
    }
}
