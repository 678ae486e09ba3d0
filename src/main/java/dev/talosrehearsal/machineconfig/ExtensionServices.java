package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the ExtensionServiceConfig documents of a machine config (docs/talos-behaviour.md#extension-services): one
 * {@code ext-<name>} service per document, and tailscale's serve config from the file mounted at
 * {@code TS_SERVE_CONFIG}.
 */
public final class ExtensionServices {
    public static final String KIND = "ExtensionServiceConfig";
    public static final String TAILSCALE = "tailscale";
    public static final String SERVE_CONFIG_ENV = "TS_SERVE_CONFIG";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ExtensionServices() {}

    /** name → document, in file order. */
    public static Map<String, ObjectNode> byName(MachineConfig config) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        for (ObjectNode doc : config.documents(KIND)) {
            String name = MachineConfig.nameOf(doc);
            if (name != null) {
                out.put(name, doc);
            }
        }
        return out;
    }

    /** The value of {@code KEY=value} in a document's environment list. */
    public static Optional<String> env(ObjectNode doc, String key) {
        for (JsonNode e : doc.path("environment")) {
            String entry = e.asText();
            if (entry.startsWith(key + "=")) {
                return Optional.of(entry.substring(key.length() + 1));
            }
        }
        return Optional.empty();
    }

    /**
     * The serve config JSON: the tailscale document's configFile mounted where TS_SERVE_CONFIG points.
     * Empty without that document, without the variable, without a file at that path, or when the
     * file is not JSON. {@code ${TS_CERT_DOMAIN}} is left as written (containerboot replaces it).
     */
    public static Optional<JsonNode> serveConfig(MachineConfig config) {
        ObjectNode doc = byName(config).get(TAILSCALE);
        if (doc == null) {
            return Optional.empty();
        }
        Optional<String> path = env(doc, SERVE_CONFIG_ENV);
        if (path.isEmpty()) {
            return Optional.empty();
        }
        for (JsonNode file : doc.path("configFiles")) {
            if (path.get().equals(file.path("mountPath").asText())) {
                try {
                    return Optional.of(JSON.readTree(file.path("content").asText()));
                } catch (Exception e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
