package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code cluster.inlineManifests}: every manifest has a name, and no two share one.
 *
 * <p>Source: {@code ClusterInlineManifests.Validate} in
 * pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go (v1.8.4, v1.12.0, v1.13.0).
 */
final class InlineManifestsCheck implements Check {
    @Override
    public void check(Subject s, Findings out) {
        int doc = s.v1alpha1Index();
        JsonNode manifests = s.at("/cluster/inlineManifests");
        Set<String> names = new HashSet<>();
        for (int i = 0; i < manifests.size() && manifests.isArray(); i++) {
            String name = manifests.get(i).path("name").asText("");
            if (name.isBlank()) {
                out.error(doc, "/cluster/inlineManifests/" + i, "inline manifest name can't be empty");
            }
            if (!names.add(name)) {
                out.error(doc, "/cluster/inlineManifests/" + i + "/name", "inline manifest name \"" + name + "\" is duplicate");
            }
        }
    }
}
