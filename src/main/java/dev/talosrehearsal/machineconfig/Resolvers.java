package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.machineconfig.validation.GoNet;
import java.util.List;

/**
 * Which nameservers of a config Talos resolves through (v1.13.9): the v1alpha1 list keeps only what
 * {@code netip.ParseAddr} parses, dropping the rest without a word ({@code Resolvers()},
 * pkg/machinery/config/types/v1alpha1/v1alpha1_network_bridge.go), and with none left the node falls back to DHCP's
 * resolvers or Talos's defaults (internal/app/machined/pkg/controllers/network/resolver_config.go, getDefault). Lint's
 * nameserver-not-an-address and the simulated node's ResolverStatus read it here.
 */
public final class Resolvers {
    /** Talos's default resolvers (constants.DefaultPrimaryResolver, DefaultSecondaryResolver). */
    public static final List<String> TALOS_DEFAULTS = List.of("1.1.1.1", "8.8.8.8");

    private Resolvers() {}

    /** Whether Talos keeps this nameserver entry. */
    public static boolean kept(String entry) {
        return GoNet.isIP(entry.strip());
    }

    /**
     * A nameserver as Talos reports it in ResolverStatus: the entry parsed into a {@code netip.Addr}, whose text is the
     * canonical form (RFC 5952 for IPv6: {@code 2606:4700:0:0:0:0:0:1111} reads back as {@code 2606:4700::1111}); an entry
     * that is not a bare address as written. The verification compares what a node reports with what its config writes
     * through this, and the simulated node reports through it.
     */
    public static String asReported(String entry) {
        inet.ipaddr.IPAddress parsed = new inet.ipaddr.IPAddressString(entry.strip()).getAddress();
        return parsed != null && !parsed.isPrefixed() ? parsed.toCanonicalString() : entry.strip();
    }
}
