package dev.talosrehearsal.lint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A Tailscale serve config ({@code ipn.ServeConfig}, the file {@code TS_SERVE_CONFIG} names), as
 * far as the serve rules need it:
 * {@code {"TCP": {"<port>": {"HTTPS": bool, "TCPForward": "host:port", ...}}, "Web": {"<host>:<port>": {"Handlers": {...}}},
 * "Services": {"svc:<name>": {"TCP": {...}, "Web": {...}}}}}.
 *
 * <p>The node's own config and each service are {@link Scope}s: a TCP port's Web handler has to be in
 * the same scope.
 */
final class ServeConfig {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The node's own ports ({@code service == null}) or one {@code svc:<name>}'s. */
    record Scope(String service, Map<String, JsonNode> tcp, Map<String, JsonNode> web) {
        /** {@code svc:bastion-k8s} → {@code bastion-k8s}; null for the node's own scope. */
        String serviceName() {
            return service == null ? null : service.startsWith("svc:") ? service.substring(4) : service;
        }

        /** Whether a Web entry serves {@code port} ({@code "<host>:<port>"}). */
        boolean hasWeb(String port) {
            return web.keySet().stream().anyMatch(k -> k.endsWith(":" + port));
        }

        List<String> webKeysFor(String port) {
            return web.keySet().stream().filter(k -> k.endsWith(":" + port)).toList();
        }

        /** What the JSON says, for messages: {@code "TCP": {"6443": ...}} or under {@code "Services": {"svc:x": ...}}. */
        String where() {
            return service == null ? "" : " under \"Services\": {\"" + service + "\"}";
        }
    }

    private final JsonNode root;
    private final String error;

    private ServeConfig(JsonNode root, String error) {
        this.root = root;
        this.error = error;
    }

    static ServeConfig parse(String content) {
        try {
            JsonNode root = JSON.readTree(content);
            if (root == null || !root.isObject()) {
                return new ServeConfig(null, "the file is not a JSON object");
            }
            return new ServeConfig(root, null);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            int nl = message.indexOf('\n');
            return new ServeConfig(null, (nl < 0 ? message : message.substring(0, nl)) + " (line "
                    + e.getLocation().getLineNr() + " of the file)");
        }
    }

    /** Whether text looks like a serve config (a JSON object with serve keys): used for unreferenced files. */
    static boolean looksLikeServeConfig(String content) {
        ServeConfig c = parse(content);
        return c.valid() && (c.root.has("TCP") || c.root.has("Web") || c.root.has("Services") || c.root.has("AllowFunnel"));
    }

    boolean valid() {
        return error == null;
    }

    /** Why it does not parse, or null. */
    String error() {
        return error;
    }

    List<Scope> scopes() {
        List<Scope> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        out.add(scope(null, root));
        JsonNode services = root.path("Services");
        for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(scope(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Scope scope(String service, JsonNode node) {
        return new Scope(service, fields(node.path("TCP")), fields(node.path("Web")));
    }

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
