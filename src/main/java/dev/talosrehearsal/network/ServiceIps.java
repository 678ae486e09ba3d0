package dev.talosrehearsal.network;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.util.Optional;

/**
 * Addresses Kubernetes takes from a Service range for itself: the API server allocates the first one to the
 * {@code kubernetes} Service, which is also why Talos puts it in the API server's certificate (kubernetes_cert_sans.go).
 */
public final class ServiceIps {
    private ServiceIps() {}

    /** The first address of {@code cidr} ({@code 10.96.0.0/12} → {@code 10.96.0.1}); empty when it is no CIDR. */
    public static Optional<String> first(String cidr) {
        IPAddress subnet = new IPAddressString(cidr).getAddress();
        if (subnet == null) {
            return Optional.empty();
        }
        return Optional.of(subnet.getLower().withoutPrefixLength().increment(1).toCanonicalString());
    }
}
