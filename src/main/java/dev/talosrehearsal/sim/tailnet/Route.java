package dev.talosrehearsal.sim.tailnet;

import dev.talosrehearsal.tailscale.ServedPort;
import java.util.List;
import java.util.Optional;

/**
 * Where the tailnet sends a new connection to {@code name:port}: the first healthy host in the
 * cluster's node order, or none, with why. {@code skipped} names the hosts that advertise it but were
 * passed over (down, ext-tailscale not running).
 */
public record Route(String name, int port, Optional<String> host, Optional<ServedPort> entry, List<String> skipped,
        String reason) {
    static Route to(String name, int port, String host, ServedPort entry, List<String> skipped) {
        return new Route(name, port, Optional.of(host), Optional.of(entry), List.copyOf(skipped),
                name + ":" + port + " → " + host + " (" + entry.tcp().describe() + ")"
                        + (skipped.isEmpty() ? "" : "; skipped " + String.join(", ", skipped)));
    }

    static Route none(String name, int port, List<String> skipped) {
        return new Route(name, port, Optional.empty(), Optional.empty(), List.copyOf(skipped), skipped.isEmpty()
                ? "no host's serve config serves " + name + ":" + port
                : "no healthy host serves " + name + ":" + port + ": " + String.join(", ", skipped));
    }
}
