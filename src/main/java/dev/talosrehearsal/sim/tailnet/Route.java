package dev.talosrehearsal.sim.tailnet;

import dev.talosrehearsal.tailscale.ServedPort;
import java.util.List;
import java.util.Optional;

/**
 * Where the tailnet sends a new connection to {@code name:port}: the first healthy host in the
 * cluster's node order, or none, with why. {@code skipped} names the hosts that advertise it but were
 * passed over (down, ext-tailscale not running, cut off). {@code entry} is the serve entry that takes it; empty
 * for a host's own name on a port no entry takes ({@link #toHost}).
 */
public record Route(String name, int port, Optional<String> host, Optional<ServedPort> entry, List<String> skipped,
        String reason) {
    static Route to(String name, int port, String host, ServedPort entry, List<String> skipped) {
        return new Route(name, port, Optional.of(host), Optional.of(entry), List.copyOf(skipped),
                name + ":" + port + " → " + host + " (" + entry.tcp().describe() + ")"
                        + (skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped)));
    }

    /**
     * To a host's own name on a port its serve config does not take: tailscaled hands the connection to the host's
     * kernel ({@code entry} empty), where whatever listens on the host's addresses answers.
     */
    static Route toHost(String name, int port, String host) {
        return new Route(name, port, Optional.of(host), Optional.empty(), List.of(),
                name + ":" + port + " → " + host + " (no serve entry: tailscale0 delivers it to the host)");
    }

    static Route none(String name, int port, List<String> skipped) {
        return new Route(name, port, Optional.empty(), Optional.empty(), List.copyOf(skipped), skipped.isEmpty()
                ? "no host's serve config serves " + name + ":" + port
                : "no healthy host serves " + name + ":" + port + ": " + String.join(", ", skipped));
    }
}
