package dev.talosrehearsal.tailscale;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code name:port} pairs one host answers with its serve config: the top-level {@code TCP} ports
 * on the host's own MagicDNS name, each {@code Services["svc:<name>"]}'s on {@code <name>.<suffix>}.
 * Names compare case-insensitively, as DNS names do.
 */
public final class ServedPorts {
    private final Map<String, ServedPort> byNameAndPort;

    private ServedPorts(Map<String, ServedPort> byNameAndPort) {
        this.byNameAndPort = byNameAndPort;
    }

    static ServedPorts of(ServeConfig config, String hostName, String suffix) {
        Map<String, ServedPort> out = new LinkedHashMap<>();
        for (ServeScope scope : config.scopes()) {
            scope.magicDnsName(hostName, suffix).ifPresent(name -> scope.tcp().forEach((port, handler) -> {
                int number;
                try {
                    number = Integer.parseInt(port);
                } catch (NumberFormatException notAPort) {
                    return; // tailscaled refuses such a file; the host just serves nothing for it
                }
                String key = name.toLowerCase(Locale.ROOT);
                out.put(key + ":" + number, new ServedPort(key, number, handler, scope.webFor(name, number)));
            }));
        }
        return new ServedPorts(out);
    }

    public Optional<ServedPort> get(String name, int port) {
        return Optional.ofNullable(byNameAndPort.get(name.toLowerCase(Locale.ROOT) + ":" + port));
    }

    public List<ServedPort> all() {
        return List.copyOf(byNameAndPort.values());
    }
}
