package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.tailscale.TailscaleExtensionConfig;
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
    /** How Talos names an extension's service: {@code ext-} and the name in the extension's service definition. */
    private static final String SERVICE_PREFIX = "ext-";
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

    /** The service Talos runs for the extension service {@code name}: {@code ext-<name>}, as {@code talosctl services} lists it. */
    public static String serviceId(String name) {
        return SERVICE_PREFIX + name;
    }

    /** The extension service's name in a service ID {@code ext-<name>}; empty for any other service (kubelet, etcd, …). */
    public static Optional<String> nameOf(String serviceId) {
        return serviceId.startsWith(SERVICE_PREFIX) ? Optional.of(serviceId.substring(SERVICE_PREFIX.length())) : Optional.empty();
    }

    /** The {@code tailscale} document as containerboot reads it; empty without that document. */
    public static Optional<TailscaleExtensionConfig> tailscale(MachineConfig config) {
        return Optional.ofNullable(byName(config).get(TAILSCALE)).map(TailscaleExtensionConfig::of);
    }

    /**
     * The serve config JSON: the tailscale document's configFile mounted where TS_SERVE_CONFIG points.
     * Empty without that document, without the variable, without a file at that path, or when the
     * file is not JSON. {@code ${TS_CERT_DOMAIN}} is left as written (containerboot replaces it).
     */
    public static Optional<JsonNode> serveConfig(MachineConfig config) {
        return tailscale(config).flatMap(TailscaleExtensionConfig::serveFile).flatMap(file -> {
            try {
                return Optional.of(JSON.readTree(file.content()));
            } catch (Exception notJson) {
                return Optional.empty();
            }
        });
    }
}
