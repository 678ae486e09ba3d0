package dev.talosrehearsal.talos;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One resource as a Talos node's machined holds it (COSI): its metadata, and its spec decoded from the YAML
 * Talos sends beside the protobuf bytes.
 *
 * <p>A spec may hold secrets (the MachineConfig resource is the whole machine config): {@link #toString()}
 * leaves it out, and printing it is for whoever decides that is safe.
 *
 * @param node    the node as targeted (the {@code node} metadata), or the endpoint when none was named
 * @param updated RFC 3339, as Talos's YAML output prints it; empty when Talos sent none
 * @param spec    the spec as YAML decodes it: a map for most types, a string for MachineConfig
 */
public record TalosResource(String node, String namespace, String type, String id, String version, String owner,
                            String phase, String updated, Map<String, String> labels, Map<String, String> annotations,
                            JsonNode spec) {
    public TalosResource {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    @Override
    public String toString() {
        return node + ": " + namespace + "/" + type + "/" + id + "@" + version;
    }
}
