package dev.talosrehearsal.sim.tailnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One host's {@code ipn.ServeConfig} (TALOS-FACTS §5) as the simulated tailnet reads it: the
 * {@code (name, port)} pairs the host answers and what it does with each.
 *
 * <ul>
 *   <li>top-level {@code TCP["<port>"]} is served on the host's own MagicDNS name
 *       {@code <hostname>.<suffix>}, with {@code Web["<that name>:<port>"]};</li>
 *   <li>{@code Services["svc:<name>"].TCP["<port>"]} on the service's name {@code <name>.<suffix>}, with
 *       that service's {@code Web["<name>.<suffix>:<port>"]};</li>
 *   <li>{@code ${TS_CERT_DOMAIN}} is replaced, literally and only it, by the host's MagicDNS name, as
 *       containerboot does before handing the file to tailscaled.</li>
 * </ul>
 */
public final class ServeConfig {
    /** containerboot's only placeholder. */
    public static final String CERT_DOMAIN = "${TS_CERT_DOMAIN}";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** {@code TCP["<port>"]}: what tailscaled does with a connection on that port. */
    public record TcpHandler(boolean https, boolean http, String tcpForward, String terminateTls) {
        public String describe() {
            if (tcpForward != null) {
                return "TCPForward " + tcpForward + (terminateTls != null ? " (TerminateTLS " + terminateTls + ")" : "");
            }
            return https ? "HTTPS" : http ? "HTTP" : "nothing";
        }
    }

    /** One {@code Handlers["<path>"]} entry: {@code kind} is Proxy, Path, Text or Redirect. */
    public record WebHandler(String mount, String kind, String value) {}

    /** What a host does for {@code name:port}. {@code web} is empty when there is no matching Web entry. */
    public record Entry(String name, int port, TcpHandler tcp, List<WebHandler> web) {
        /** The handler for {@code path}: the longest mount that prefixes it. */
        public Optional<WebHandler> handlerFor(String path) {
            return web.stream().filter(h -> h.mount().equals("/") || path.equals(h.mount())
                            || path.startsWith(h.mount().endsWith("/") ? h.mount() : h.mount() + "/"))
                    .max(Comparator.comparingInt(h -> h.mount().length()));
        }
    }

    private final Map<String, Entry> entries;

    private ServeConfig(Map<String, Entry> entries) {
        this.entries = entries;
    }

    /**
     * @param json     the serve config as mounted (before containerboot's substitution)
     * @param hostName the host's MagicDNS name, {@code <hostname>.<suffix>}
     * @param suffix   the tailnet's MagicDNS suffix, e.g. {@code tailnet-4d89.ts.net}
     */
    public static ServeConfig parse(JsonNode json, String hostName, String suffix) {
        JsonNode config;
        try {
            config = JSON.readTree(JSON.writeValueAsString(json).replace(CERT_DOMAIN, hostName));
        } catch (Exception e) {
            throw new IllegalStateException("cannot re-read a serve config", e);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        add(entries, hostName, config.path("TCP"), config.path("Web"));
        config.path("Services").fields().forEachRemaining(service -> {
            if (service.getKey().startsWith("svc:")) {
                String name = service.getKey().substring(4) + "." + suffix;
                add(entries, name, service.getValue().path("TCP"), service.getValue().path("Web"));
            }
        });
        return new ServeConfig(entries);
    }

    private static void add(Map<String, Entry> entries, String name, JsonNode tcp, JsonNode web) {
        tcp.fields().forEachRemaining(e -> {
            int port;
            try {
                port = Integer.parseInt(e.getKey());
            } catch (NumberFormatException notAPort) {
                return; // tailscaled refuses such a file; the tailnet just serves nothing for it
            }
            JsonNode h = e.getValue();
            TcpHandler handler = new TcpHandler(h.path("HTTPS").asBoolean(false), h.path("HTTP").asBoolean(false),
                    h.hasNonNull("TCPForward") ? h.get("TCPForward").asText() : null,
                    h.hasNonNull("TerminateTLS") ? h.get("TerminateTLS").asText() : null);
            List<WebHandler> handlers = new ArrayList<>();
            web.path(name + ":" + port).path("Handlers").fields().forEachRemaining(m -> {
                JsonNode body = m.getValue();
                for (String kind : List.of("Proxy", "Path", "Text", "Redirect")) {
                    if (body.hasNonNull(kind)) {
                        handlers.add(new WebHandler(m.getKey(), kind, body.get(kind).asText()));
                        break;
                    }
                }
            });
            String key = name.toLowerCase(Locale.ROOT);
            entries.put(key + ":" + port, new Entry(key, port, handler, List.copyOf(handlers)));
        });
    }

    public Optional<Entry> entry(String name, int port) {
        return Optional.ofNullable(entries.get(name.toLowerCase(Locale.ROOT) + ":" + port));
    }

    public List<Entry> entries() {
        return List.copyOf(entries.values());
    }
}
