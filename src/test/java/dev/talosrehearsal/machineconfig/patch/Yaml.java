package dev.talosrehearsal.machineconfig.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Test helper: YAML text to the project's document model and back. */
final class Yaml {
    private static final YAMLMapper MAPPER = new YAMLMapper();

    private Yaml() {}

    /** Multi-document YAML to one ObjectNode per document. */
    static List<ObjectNode> docs(String yaml) {
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            List<ObjectNode> result = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode node = it.next();
                if (node != null && node.isObject()) {
                    result.add((ObjectNode) node);
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode doc(String yaml) {
        List<ObjectNode> docs = docs(yaml);
        if (docs.size() != 1) {
            throw new IllegalArgumentException("expected one document, got " + docs.size());
        }
        return docs.get(0);
    }

    static List<ObjectNode> deepCopies(List<ObjectNode> docs) {
        List<ObjectNode> copies = new ArrayList<>();
        docs.forEach(d -> copies.add(d.deepCopy()));
        return copies;
    }

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    static ConfigPatch patch(String text) {
        return ConfigPatch.parse(text, ConfigPatch.Origin.of("patch.yaml"));
    }
}
