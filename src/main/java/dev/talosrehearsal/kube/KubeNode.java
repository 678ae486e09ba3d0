package dev.talosrehearsal.kube;

import java.util.List;

/** What Kubernetes says about one node: readiness (with the kubelet's reason) and its addresses. */
public record KubeNode(String name, boolean ready, String readyReason, String readyMessage, List<String> internalIPs,
        String kubeletVersion, String osImage) {
    public KubeNode {
        internalIPs = List.copyOf(internalIPs);
    }
}
