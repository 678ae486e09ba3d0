package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The names Talos derives from the hostname a node's config sets, which the rollout's gates look nodes up by and the
 * simulator gives its nodes (Talos v1.13.9):
 * <ul>
 *   <li>the hostname is split at its first dot into hostname and domain name
 *       ({@code HostnameSpecSpec.ParseFQDN}, pkg/machinery/resources/network/hostname_spec.go);</li>
 *   <li>the etcd member is named after the hostname part ({@code etcd.Spec.Name = HostnameStatus.Hostname},
 *       internal/app/machined/pkg/controllers/etcd/spec.go);</li>
 *   <li>the Kubernetes Node after the hostname part too, or the whole name with
 *       {@code machine.kubelet.registerWithFQDN}, made RFC 1123: lower-cased, {@code _} to {@code -}, other characters
 *       dropped, dashes and dots trimmed at both ends (controllers/k8s/nodename.go, internal/nodename/nodename.go).</li>
 * </ul>
 * So {@code cp-1.dc1.example} is etcd member {@code cp-1} and Node {@code cp-1}, and {@code CP-1} is member {@code CP-1}
 * and Node {@code cp-1}.
 */
public final class NodeNames {
    private NodeNames() {}

    /** The hostname part: up to the first dot. */
    public static String hostnamePart(String hostname) {
        int dot = hostname.indexOf('.');
        return dot < 0 ? hostname : hostname.substring(0, dot);
    }

    /** The domain name part: after the first dot; empty when there is none. */
    public static String domainPart(String hostname) {
        int dot = hostname.indexOf('.');
        return dot < 0 ? "" : hostname.substring(dot + 1);
    }

    /** The etcd member's name. */
    public static String etcdMember(String hostname) {
        return hostnamePart(hostname);
    }

    /** The Kubernetes Node's name for a node whose config is {@code config}; empty when nothing of the name is left. */
    public static String kubernetesNode(String hostname, MachineConfig config) {
        boolean fqdn = ConfigSetting.REGISTER_WITH_FQDN.value(config).asBoolean(false);
        return rfc1123(fqdn ? hostname : hostnamePart(hostname));
    }

    /** The Node names two or more of the cluster's nodes register as, each with those nodes' hostnames, in order. */
    public static Map<String, List<String>> collisions(RenderedCluster cluster) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (RenderedNode node : cluster.nodes()) {
            byName.computeIfAbsent(kubernetesNode(node.hostname(), node.config()), k -> new ArrayList<>()).add(node.hostname());
        }
        byName.values().removeIf(hostnames -> hostnames.size() < 2);
        return byName;
    }

    private static String rfc1123(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.') {
                out.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                out.append(Character.toLowerCase(c));
            } else if (c == '_') {
                out.append('-');
            }
        }
        return out.toString().replaceAll("^[-.]+|[-.]+$", "");
    }
}
