package dev.talosrehearsal.lint;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.List;

/** Tailscale's address ranges: what lives on tailscale0, reachable only while ext-tailscale runs. */
final class Overlay {
    /** Tailscale's CGNAT range (100.100.100.100, MagicDNS, is in it) and its IPv6 ULA. */
    static final List<IPAddress> RANGES = List.of(
            new IPAddressString("100.64.0.0/10").getAddress(),
            new IPAddressString("fd7a:115c:a1e0::/48").getAddress());

    private Overlay() {}

    /** True when an address or CIDR ({@code !} exclusions excluded) overlaps Tailscale's ranges. */
    static boolean overlaps(String addressOrCidr) {
        IPAddress a = parse(addressOrCidr);
        if (a == null) {
            return false;
        }
        IPAddress block = a.isPrefixed() ? a.toPrefixBlock() : a;
        for (IPAddress range : RANGES) {
            if (range.getIPVersion() == block.getIPVersion() && (range.contains(block) || block.contains(range))) {
                return true;
            }
        }
        return false;
    }

    /** An address or CIDR, or null. */
    static IPAddress parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new IPAddressString(text.trim()).toAddress();
        } catch (Exception e) {
            return null;
        }
    }
}
