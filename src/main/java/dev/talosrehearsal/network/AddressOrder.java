package dev.talosrehearsal.network;

import inet.ipaddr.IPAddress;
import java.util.Comparator;

/**
 * The order Talos sorts a node's addresses in before any subnet filter sees them:
 * {@code machine.features.nodeAddressSortAlgorithm}, {@code v1} unless set
 * (https://github.com/siderolabs/talos/blob/v1.13.0/internal/app/machined/pkg/controllers/network/internal/addressutil/compare.go,
 * {@code ComparePrefixesLegacy} and {@code ComparePrefixNew}; the same in v1.12.0).
 */
public enum AddressOrder {
    /** By address (every IPv4 before every IPv6, as Go's netip.Addr.Compare), then shorter prefix first. */
    V1(Comparator.comparing((NodeAddress a) -> a.bare().isIPv4() ? 0 : 1)
            .thenComparing(NodeAddress::bare, IPAddress::compareTo)
            .thenComparing(a -> prefix(a.address()))),
    /**
     * IPv4 before IPv6; the same address with a longer prefix first; an address inside another's
     * subnet before it; else by address.
     */
    V2(AddressOrder::compareV2);

    private final Comparator<NodeAddress> comparator;

    AddressOrder(Comparator<NodeAddress> comparator) {
        this.comparator = comparator;
    }

    public Comparator<NodeAddress> comparator() {
        return comparator;
    }

    /** {@code v1}/{@code v2} as written in the config; missing or unknown is V1, as Talos falls back. */
    public static AddressOrder parse(String written) {
        return "v2".equalsIgnoreCase(written == null ? "" : written.trim()) ? V2 : V1;
    }

    private static int compareV2(NodeAddress a, NodeAddress b) {
        int family = Integer.compare(a.bare().isIPv4() ? 4 : 6, b.bare().isIPv4() ? 4 : 6);
        if (family != 0) {
            return family;
        }
        if (a.bare().equals(b.bare())) {
            return -Integer.compare(prefix(a.address()), prefix(b.address()));
        }
        boolean aContainsB = subnet(a).contains(b.bare());
        boolean bContainsA = subnet(b).contains(a.bare());
        if (aContainsB && !bContainsA) {
            return 1;
        }
        if (bContainsA && !aContainsB) {
            return -1;
        }
        return a.bare().compareTo(b.bare());
    }

    private static IPAddress subnet(NodeAddress a) {
        return a.address().isPrefixed() ? a.address().toPrefixBlock() : a.bare();
    }

    /** A bare address counts as a full-length prefix (/32, /128), as Talos stores it. */
    private static int prefix(IPAddress address) {
        return address.isPrefixed() ? address.getNetworkPrefixLength() : address.getBitCount();
    }
}
