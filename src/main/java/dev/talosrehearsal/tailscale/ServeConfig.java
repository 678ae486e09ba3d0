package dev.talosrehearsal.tailscale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * A Tailscale serve config ({@code ipn.ServeConfig}, the JSON file {@code TS_SERVE_CONFIG} names):
 * {@code {"TCP": {"<port>": {...}}, "Web": {"<host>:<port>": {"Handlers": {...}}},
 * "Services": {"svc:<name>": {"TCP": {...}, "Web": {...}}}}}. See
 * https://github.com/tailscale/tailscale/blob/main/ipn/serve.go.
 *
 * <p>The node's own ports and each service's are {@link ServeScope}s; {@link #servedPorts} says which
 * MagicDNS names and ports a host answers with them. A file that is not a JSON object is kept with
 * {@link #error()} saying why, so a linter can report it and a host serves nothing from it.
 */
public final class ServeConfig {
    /** containerboot's only placeholder, replaced by the host's MagicDNS name before tailscaled sees the file. */
    public static final String CERT_DOMAIN = "${TS_CERT_DOMAIN}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode root;
    private final String error;

    private ServeConfig(JsonNode root, String error) {
        this.root = root;
        this.error = error;
    }

    /** The file as written (placeholder kept); never throws: see {@link #error()}. */
    public static ServeConfig parse(String content) {
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

    /**
     * The file as tailscaled gets it: containerboot replaces the literal {@link #CERT_DOMAIN}, and only
     * it, in the file's bytes before parsing (readServeConfig in
     * https://github.com/tailscale/tailscale/blob/main/cmd/containerboot/serve.go).
     */
    public static ServeConfig load(String content, String certDomain) {
        return parse(content.replace(CERT_DOMAIN, certDomain));
    }

    public boolean valid() {
        return error == null;
    }

    /** Why the file does not parse (the parser's message and its line), or null. */
    public String error() {
        return error;
    }

    /** Whether it is a JSON object with a serve key: tells a serve config apart from other mounted files. */
    public boolean hasServeKeys() {
        return valid() && (root.has("TCP") || root.has("Web") || root.has("Services") || root.has("AllowFunnel"));
    }

    /** The node's own scope first, then each {@code Services} entry in file order; none when invalid. */
    public List<ServeScope> scopes() {
        List<ServeScope> out = new ArrayList<>();
        if (root == null) {
            return out;
        }
        out.add(ServeScope.read(null, root));
        root.path("Services").fields().forEachRemaining(e -> out.add(ServeScope.read(e.getKey(), e.getValue())));
        return out;
    }

    /**
     * What a host answers with this config.
     *
     * @param hostName the host's MagicDNS name, {@code <hostname>.<suffix>}
     * @param suffix   the tailnet's MagicDNS suffix, e.g. {@code tailnet-4d89.ts.net}
     */
    public ServedPorts servedPorts(String hostName, String suffix) {
        return ServedPorts.of(this, hostName, suffix);
    }
}
