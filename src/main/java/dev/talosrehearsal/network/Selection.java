package dev.talosrehearsal.network;

import java.util.List;

/**
 * The addresses Talos picks for one consumer, in Talos's order, and what the caller should tell the
 * user about the input (entries Talos would have rejected).
 */
public record Selection(List<NodeAddress> addresses, List<String> warnings) {
    public Selection {
        addresses = List.copyOf(addresses);
        warnings = List.copyOf(warnings);
    }

    public boolean isEmpty() {
        return addresses.isEmpty();
    }

    /** The picked addresses without prefix. */
    public List<String> ips() {
        return addresses.stream().map(NodeAddress::ip).toList();
    }
}
