package dev.talosrehearsal.machineconfig.validation;

import java.util.Locale;
import java.util.Optional;

/**
 * A ResolverConfig nameserver's {@code protocol} (v1.14): Talos's {@code nethelpers.DNSProtocol}, read
 * case-insensitively and printed in its own spelling (enumer's {@code DNSProtocolString} and text marshalling,
 * pkg/machinery/nethelpers, v1.14.0-rc.1). What validation accepts and what a node reports in its ResolverStatus.
 */
public enum DnsProtocol {
    DO53("Do53"), DOT("DoT"), DOH("DoH");

    private final String text;

    DnsProtocol(String text) {
        this.text = text;
    }

    /** As Talos prints it. */
    public String text() {
        return text;
    }

    public boolean encrypted() {
        return this != DO53;
    }

    /** The protocol an entry's {@code protocol} names, Do53 when it names none; empty when Talos knows no such value. */
    public static Optional<DnsProtocol> of(String written) {
        if (written == null || written.isEmpty()) {
            return Optional.of(DO53);
        }
        for (DnsProtocol p : values()) {
            if (p.text.toLowerCase(Locale.ROOT).equals(written.toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
