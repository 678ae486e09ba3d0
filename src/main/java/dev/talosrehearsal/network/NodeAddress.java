package dev.talosrehearsal.network;

import inet.ipaddr.IPAddress;
import java.util.Objects;

/**
 * One address of a node and the link that holds it ({@code eth0:192.168.20.10/24}).
 *
 * @param address the address with its prefix length, as the link carries it
 */
public record NodeAddress(String link, IPAddress address) {
    public NodeAddress {
        Objects.requireNonNull(link);
        Objects.requireNonNull(address);
    }

    /** The address without prefix ({@code 192.168.20.10}). */
    public String ip() {
        return bare().toCanonicalString();
    }

    /** The address without prefix, for matching against subnets. */
    public IPAddress bare() {
        return address.withoutPrefixLength();
    }

    @Override
    public String toString() {
        return link + ":" + address.toCanonicalString();
    }
}
