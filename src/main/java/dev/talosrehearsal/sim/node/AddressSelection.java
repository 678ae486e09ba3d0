package dev.talosrehearsal.sim.node;

import com.fasterxml.jackson.databind.JsonNode;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks a node's address out of its routed addresses by a subnet filter, the way Talos's node-IP
 * and etcd-spec controllers do (TALOS-FACTS §2, "Effects of the migration's fields"):
 * <ul>
 *   <li>candidates are sorted numerically (nodeAddressSortAlgorithm v1, Talos's default), so with
 *       no filter a node running tailscale picks its 100.x address before 192.168.x (§6 trap 4);</li>
 *   <li>a candidate must sit in at least one positive subnet (no positive subnet = any address) and
 *       in no {@code !cidr} subnet;</li>
 *   <li>addresses inside the pod or service CIDRs never count;</li>
 *   <li>the first IPv4 and the first IPv6 match win.</li>
 * </ul>
 * Cluster VIPs are not modelled (the inventory has none).
 */
public final class AddressSelection {
    private AddressSelection() {}

    /** One address of the node and the link that holds it. */
    public record NodeAddress(String link, IPAddress address) {
        /** The address without prefix ({@code 192.168.20.10}). */
        public String ip() {
            return address.withoutPrefixLength().toCanonicalString();
        }

        @Override
        public String toString() {
            return link + ":" + address.toCanonicalString();
        }
    }

    /** Numeric order, IPv4 before IPv6 (Talos's v1 sort). */
    public static final Comparator<NodeAddress> NUMERIC = Comparator
            .comparing((NodeAddress a) -> a.address().isIPv4() ? 0 : 1)
            .thenComparing(a -> a.address().withoutPrefixLength(), IPAddress::compareTo);

    /**
     * @param subnets  the filter, as written in the config ({@code 192.168.20.0/24}, {@code !10.0.0.0/8}); a
     *                 missing or empty list accepts any address
     * @param excluded CIDRs that never count (pod and service subnets)
     * @return the first matching IPv4 address then the first matching IPv6 address, each if any
     */
    public static List<NodeAddress> select(List<NodeAddress> addresses, List<String> subnets, List<String> excluded) {
        List<IPAddress> include = new ArrayList<>();
        List<IPAddress> exclude = new ArrayList<>();
        for (String s : subnets) {
            String t = s.trim();
            boolean negative = t.startsWith("!");
            IPAddress block = block(negative ? t.substring(1) : t);
            if (block != null) {
                (negative ? exclude : include).add(block);
            }
        }
        for (String s : excluded) {
            IPAddress block = block(s);
            if (block != null) {
                exclude.add(block);
            }
        }
        List<NodeAddress> sorted = new ArrayList<>(addresses);
        sorted.sort(NUMERIC);
        NodeAddress v4 = null;
        NodeAddress v6 = null;
        for (NodeAddress a : sorted) {
            IPAddress ip = a.address().withoutPrefixLength();
            boolean in = include.isEmpty() || include.stream().anyMatch(b -> contains(b, ip));
            boolean out = exclude.stream().anyMatch(b -> contains(b, ip));
            if (!in || out) {
                continue;
            }
            if (ip.isIPv4() && v4 == null) {
                v4 = a;
            } else if (ip.isIPv6() && v6 == null) {
                v6 = a;
            }
        }
        List<NodeAddress> out = new ArrayList<>();
        Optional.ofNullable(v4).ifPresent(out::add);
        Optional.ofNullable(v6).ifPresent(out::add);
        return out;
    }

    /** Strings of a YAML list (missing → empty). */
    public static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static boolean contains(IPAddress block, IPAddress ip) {
        return block.getIPVersion() == ip.getIPVersion() && block.contains(ip);
    }

    /** A CIDR (or a bare address, as a single-address block) as a prefix block; null if unparseable. */
    private static IPAddress block(String text) {
        try {
            IPAddress a = new IPAddressString(text.trim()).toAddress();
            if (a == null) {
                return null;
            }
            return a.isPrefixed() ? a.toPrefixBlock() : a;
        } catch (Exception e) {
            return null;
        }
    }
}
