package dev.talosrehearsal.capture;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.kube.impact.ImpactScanner;
import dev.talosrehearsal.kube.impact.LiveObjects;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes objects the impact scan reads ({@link ImpactScanner#KINDS}, listed as {@code impact --kubeconfig}
 * lists them), as files for {@code cluster/}: one file per kind ({@code networkpolicies.yaml}), one document per
 * object, stripped of what the API server assigns (uid, resourceVersion, managedFields, ...) so that a simulated API
 * accepts them back. Secrets are not among the kinds the scan reads, so none is ever listed or written.
 */
final class ObjectExport {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> ASSIGNED = List.of("uid", "resourceVersion", "creationTimestamp", "managedFields", "generation",
            "selfLink", "ownerReferences");

    /** Files by name, the kinds the cluster does not serve, and the names of its Nodes. */
    record Exported(Map<String, String> files, int objects, List<String> notServed, List<String> nodeNames) {}

    private ObjectExport() {}

    static Exported read(Path kubeconfig) {
        LiveObjects.Result live;
        try (KubernetesClient client = ClusterView.connect(kubeconfig)) {
            live = LiveObjects.list(client);
        }
        Map<String, StringBuilder> byFile = new LinkedHashMap<>();
        List<String> nodeNames = new java.util.ArrayList<>();
        for (JsonNode object : live.objects()) {
            String kind = object.path("kind").asText();
            if (kind.equals("Node")) {
                nodeNames.add(object.path("metadata").path("name").asText());
            }
            String plural = ImpactScanner.KINDS.stream().filter(k -> k.kind().equals(kind)).map(ImpactScanner.Kind::plural)
                    .findFirst().orElse(kind.toLowerCase(java.util.Locale.ROOT));
            byFile.computeIfAbsent(plural + ".yaml", f -> new StringBuilder()).append(yaml(strip(object)));
        }
        Map<String, String> files = new LinkedHashMap<>();
        byFile.forEach((name, text) -> files.put(name, text.toString()));
        return new Exported(files, live.objects().size(), live.notServed(), List.copyOf(nodeNames));
    }

    private static JsonNode strip(JsonNode object) {
        ObjectNode copy = object.deepCopy();
        if (copy.path("metadata") instanceof ObjectNode metadata) {
            ASSIGNED.forEach(metadata::remove);
            if (metadata.path("annotations") instanceof ObjectNode annotations) {
                annotations.remove("kubectl.kubernetes.io/last-applied-configuration");
                if (annotations.isEmpty()) {
                    metadata.remove("annotations");
                }
            }
        }
        return copy;
    }

    private static String yaml(JsonNode object) {
        try {
            return YAML.writeValueAsString(object); // starts with "---": one document per object
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
