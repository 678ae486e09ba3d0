package dev.talosrehearsal.rollout;

import java.util.List;

/**
 * A condition a node must reach after a config is applied to it, derived from that config.
 *
 * @param expectedSubnets the CIDRs the node's address must be in ({@code validSubnets} for the
 *                        Kubernetes node, {@code advertisedSubnets} for etcd); empty: any address
 * @param services        for {@link Kind#SERVICES}: the service ids that must be running and healthy
 * @param target          for {@link Kind#TAILNET_API}: the {@code name:port} kubectl dials; for
 *                        {@link Kind#TAILNET_SERVE}: {@code tcp://}, {@code https://} or {@code http://name:port}; for
 *                        {@link Kind#TAILNET_HOST}: the node's own MagicDNS {@code name:port} of its kube-apiserver
 */
public record Gate(Kind kind, List<String> expectedSubnets, List<String> services, String target) {
    public Gate {
        expectedSubnets = List.copyOf(expectedSubnets);
        services = List.copyOf(services);
    }

    public enum Kind {
        /** Kubernetes Node Ready, with an InternalIP inside the node's validSubnets. */
        KUBE_NODE_READY("kube-node-ready"),
        /** The node's etcd member advertises a peer URL inside advertisedSubnets, and every member is healthy. */
        ETCD_PEER_URL("etcd-peer-url"),
        /** kubelet, etcd (control planes) and extension services running and healthy. */
        SERVICES("services"),
        /** The Kubernetes API answers through the Tailscale service name, with a certificate for that name. */
        TAILNET_API("tailnet-api"),
        /** Another port a serve config serves answers through the tailnet (a TCP forward stays open, a web port answers HTTP). */
        TAILNET_SERVE("tailnet-serve"),
        /**
         * The node itself is reachable on the tailnet: its own kube-apiserver answers at its own MagicDNS name. A
         * Tailscale Service's name reaches whichever host advertising it is available, so on every control plane after
         * the first the service name answers through another host; this is the gate only this node can pass.
         */
        TAILNET_HOST("tailnet-host");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public String describe() {
        return switch (kind) {
            case KUBE_NODE_READY -> "Kubernetes node Ready with InternalIP in " + (expectedSubnets.isEmpty() ? "any subnet" : String.join(", ", expectedSubnets));
            case ETCD_PEER_URL -> "etcd peer URL in " + (expectedSubnets.isEmpty() ? "any subnet" : String.join(", ", expectedSubnets))
                    + ", all members healthy";
            case SERVICES -> String.join(", ", services) + " running and healthy";
            case TAILNET_API -> "Kubernetes API reachable through " + target;
            case TAILNET_SERVE -> "answers through the tailnet at " + target;
            case TAILNET_HOST -> "its own kube-apiserver answers through the tailnet at " + target
                    + " (a Tailscale Service routes only to hosts the tailnet reaches)";
        };
    }

    /** The {@code name:port} a tailnet gate dials, or null for the other kinds. */
    public String tailnetAddress() {
        return switch (kind) {
            case TAILNET_API, TAILNET_HOST -> target;
            case TAILNET_SERVE -> target.substring(target.indexOf("://") + 3);
            default -> null;
        };
    }
}
