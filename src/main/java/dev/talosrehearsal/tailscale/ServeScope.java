package dev.talosrehearsal.tailscale;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's own ports ({@code service == null}) or one {@code Services["svc:<name>"]} entry's: a TCP
 * port's Web handlers have to be in the same scope, as tailscaled looks them up there.
 *
 * @param tcp {@code TCP}: port as written ({@code "6443"}) → handler
 * @param web {@code Web}: {@code "<host>:<port>"} as written → its handlers (empty when none is usable)
 */
public record ServeScope(String service, Map<String, TcpHandler> tcp, Map<String, List<WebHandler>> web) {
    private static final String SERVICE_PREFIX = "svc:";

    static ServeScope read(String service, JsonNode node) {
        Map<String, TcpHandler> tcp = new LinkedHashMap<>();
        node.path("TCP").fields().forEachRemaining(e -> tcp.put(e.getKey(), TcpHandler.read(e.getValue())));
        Map<String, List<WebHandler>> web = new LinkedHashMap<>();
        node.path("Web").fields().forEachRemaining(e -> web.put(e.getKey(), WebHandler.readAll(e.getValue())));
        return new ServeScope(service, tcp, web);
    }

    /** {@code svc:bastion-k8s} → {@code bastion-k8s}; null for the node's own scope. */
    public String serviceName() {
        return service == null ? null : service.startsWith(SERVICE_PREFIX) ? service.substring(SERVICE_PREFIX.length()) : service;
    }

    /**
     * The name this scope is served on: the host's own for its scope, {@code <name>.<suffix>} for
     * {@code svc:<name>}; empty for a service key without the {@code svc:} prefix, which tailscaled
     * rejects (tailcfg.ServiceName, https://github.com/tailscale/tailscale/blob/main/tailcfg/tailcfg.go).
     */
    public Optional<String> magicDnsName(String hostName, String suffix) {
        if (service == null) {
            return Optional.of(hostName);
        }
        return service.startsWith(SERVICE_PREFIX) ? Optional.of(serviceName() + "." + suffix) : Optional.empty();
    }

    /** Whether a Web entry serves {@code port} ({@code "<host>:<port>"}), whatever the host. */
    public boolean hasWeb(String port) {
        return !webKeysFor(port).isEmpty();
    }

    public List<String> webKeysFor(String port) {
        return web.keySet().stream().filter(k -> k.endsWith(":" + port)).toList();
    }

    /** The handlers of {@code Web["<name>:<port>"]}, empty when there is no such entry. */
    public List<WebHandler> webFor(String name, int port) {
        return web.getOrDefault(name + ":" + port, List.of());
    }

    /** Where in the JSON this scope is, for messages: nothing for the node's own, else {@code under "Services": {"svc:x"}}. */
    public String where() {
        return service == null ? "" : " under \"Services\": {\"" + service + "\"}";
    }
}
