package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.patch.ConfigPatch;
import dev.talosrehearsal.talconfig.TalConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a value of one node's rendered config came from: the generator (a talconfig.yaml key) or the
 * patch that last set it (its file and the line of the value in it). The renderer records the documents
 * after each layer; a value belongs to the earliest layer from which it stayed as it finally is.
 *
 * <p>So an error Talos would raise about the rendered config points at the line the user has to edit.
 */
final class ValueProvenance {
    /** The documents after one layer; {@code patch} null for the generator's own layer. */
    private record Layer(List<ObjectNode> documents, TalConfig.PatchSource source, ConfigPatch patch) {}

    private final TalConfig cluster;
    private final TalConfig.Node node;
    private final List<Layer> layers = new ArrayList<>();

    ValueProvenance(TalConfig cluster, TalConfig.Node node) {
        this.cluster = cluster;
        this.node = node;
    }

    void generated(List<ObjectNode> documents) {
        layers.add(new Layer(documents, null, null));
    }

    void patched(List<ObjectNode> documents, TalConfig.PatchSource source, ConfigPatch patch) {
        layers.add(new Layer(documents, source, patch));
    }

    /** Where the value at {@code pointer} of {@code document} (a document of the final config) was set. */
    ValueOrigin locate(ObjectNode document, String pointer) {
        String kind = document.has("kind") ? document.get("kind").asText() : null;
        String name = MachineConfig.nameOf(document);
        JsonNode finalValue = document.at(pointer);
        int from = layers.size() - 1;
        while (from > 0 && Objects.equals(valueAt(layers.get(from - 1), kind, name, pointer), finalValue)) {
            from--;
        }
        Layer layer = layers.get(from);
        if (layer.patch() == null) {
            return new ValueOrigin(cluster.file().toString(), TalconfigOrigins.line(cluster, node, document, pointer));
        }
        int line = layer.patch().lineOf(kind, name, pointer, finalValue.isMissingNode() ? null : finalValue);
        return new ValueOrigin(layer.source().file(), line > 0 ? line : layer.source().line());
    }

    private static JsonNode valueAt(Layer layer, String kind, String name, String pointer) {
        for (ObjectNode doc : layer.documents()) {
            String k = doc.has("kind") ? doc.get("kind").asText() : null;
            if (Objects.equals(k, kind) && Objects.equals(MachineConfig.nameOf(doc), name)) {
                return doc.at(pointer);
            }
        }
        return MissingNode.getInstance();
    }
}
