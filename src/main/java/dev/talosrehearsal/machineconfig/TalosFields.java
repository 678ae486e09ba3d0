package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.common.SourceMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.Suggestions;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fields Talos knows, per release: their order (Talos writes keys in the order of its Go structs)
 * and which are lists or free-form maps (written with sorted keys, as Go's YAML encoder does).
 *
 * <p>Loaded from tables derived from Talos's published JSON schemas by
 * {@code tools/derive-config-fields.py}. v1.9 and v1.10 use the v1.11 table (no schema was published
 * with them here; v1.11 is their superset for the fields the generator writes). From v1.12 the schema
 * hides deprecated v1alpha1 fields Talos still decodes (machine.network.*, registries, time, ...); the
 * v1.12, v1.13 and v1.14 tables carry them again, restored from the v1.11 schema, so a patch using them is
 * accepted as Talos decodes it (whether Talos then accepts the config beside the documents that replace
 * them is {@link dev.talosrehearsal.machineconfig.validation.V1Alpha1Conflicts}'s question).
 */
public final class TalosFields {
    private static final Map<String, TalosFields> CACHE = new ConcurrentHashMap<>();

    private record Field(String type, String container) {}

    private final String source;
    private final Map<String, String> documents;
    private final Map<String, LinkedHashMap<String, Field>> types;

    private TalosFields(JsonNode table) {
        source = table.get("source").asText();
        documents = new LinkedHashMap<>();
        table.get("documents").fields().forEachRemaining(e -> documents.put(e.getKey(), e.getValue().asText()));
        types = new LinkedHashMap<>();
        table.get("types").fields().forEachRemaining(e -> {
            LinkedHashMap<String, Field> fields = new LinkedHashMap<>();
            for (JsonNode f : e.getValue()) {
                fields.put(f.get(0).asText(), new Field(f.get(1).isNull() ? null : f.get(1).asText(), f.get(2).asText()));
            }
            types.put(e.getKey(), fields);
        });
        // talosctl writes `persist: true` right after `debug`; Talos accepts it but its schema omits it.
        LinkedHashMap<String, Field> config = types.get("v1alpha1.Config");
        if (config != null && !config.containsKey("persist")) {
            LinkedHashMap<String, Field> withPersist = new LinkedHashMap<>();
            config.forEach((k, v) -> {
                withPersist.put(k, v);
                if (k.equals("debug")) {
                    withPersist.put("persist", new Field(null, ""));
                }
            });
            types.put("v1alpha1.Config", withPersist);
        }
    }

    public static TalosFields forVersion(TalosVersion version) {
        String table = version.atLeast(1, 14) ? "v1.14" : version.atLeast(1, 13) ? "v1.13"
                : version.atLeast(1, 12) ? "v1.12" : version.atLeast(1, 9) ? "v1.11" : "v1.8";
        return CACHE.computeIfAbsent(table, TalosFields::load);
    }

    private static TalosFields load(String table) {
        String resource = "talos-fields-" + table + ".json";
        try (InputStream in = TalosFields.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new TalosFields(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema file the table was derived from, e.g. {@code talos-v1.12-config.schema.json}. */
    public String source() {
        return source;
    }

    /** True when Talos of this release knows documents of this kind ({@code v1alpha1} for the main one). */
    public boolean knowsDocument(String kind) {
        return documents.containsKey(kind);
    }

    /** A copy of {@code document} with keys in Talos's order at every level. */
    public ObjectNode ordered(ObjectNode document) {
        String type = documents.get(MachineConfig.kindOf(document));
        return type == null ? document.deepCopy() : (ObjectNode) order(document, type, "");
    }

    private JsonNode order(JsonNode node, String type, String container) {
        if (node.isArray() && "list".equals(container)) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(order(item, type, "")));
            return out;
        }
        if (!node.isObject()) {
            return node.deepCopy();
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if ("map".equals(container)) {
            // Go maps: the encoder sorts keys (at every level of free-form values such as auditPolicy).
            new TreeMap<>(toMap(node)).forEach((k, v) -> out.set(k, type == null ? sortedDeep(v) : order(v, type, "")));
            return out;
        }
        LinkedHashMap<String, Field> fields = type == null ? null : types.get(type);
        if (fields == null) {
            return node.deepCopy();
        }
        for (Map.Entry<String, Field> f : fields.entrySet()) {
            JsonNode value = node.get(f.getKey());
            if (value != null) {
                out.set(f.getKey(), order(value, f.getValue().type(), f.getValue().container()));
            }
        }
        // Unknown keys keep their place at the end; unknownField() reports them.
        node.fields().forEachRemaining(e -> {
            if (!out.has(e.getKey())) {
                out.set(e.getKey(), e.getValue().deepCopy());
            }
        });
        return out;
    }

    /**
     * The first field of {@code document} that this Talos release does not know, as a dotted path
     * with a suggestion, or empty. Talos refuses such documents ("unknown keys found during decoding").
     */
    public Optional<UnknownField> unknownField(ObjectNode document) {
        String kind = MachineConfig.kindOf(document);
        String type = documents.get(kind);
        if (type == null) {
            return Optional.of(new UnknownField("kind", "/kind", kind, null));
        }
        return find(document, type, "", "", "");
    }

    /** A field Talos does not know, where it is (dotted for people, a JSON pointer for line lookups), and the nearest known name. */
    public record UnknownField(String path, String pointer, String name, String suggestion) {}

    private Optional<UnknownField> find(JsonNode node, String type, String container, String path, String pointer) {
        if (node.isArray() && "list".equals(container)) {
            for (int i = 0; i < node.size(); i++) {
                Optional<UnknownField> u = find(node.get(i), type, "", path + "[" + i + "]", pointer + "/" + i);
                if (u.isPresent()) {
                    return u;
                }
            }
            return Optional.empty();
        }
        if (!node.isObject() || type == null) {
            return Optional.empty();
        }
        if ("map".equals(container)) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                Optional<UnknownField> u = find(e.getValue(), type, "", path + "." + e.getKey(), pointer + "/" + SourceMap.segment(e.getKey()));
                if (u.isPresent()) {
                    return u;
                }
            }
            return Optional.empty();
        }
        LinkedHashMap<String, Field> fields = types.get(type);
        if (fields == null) {
            return Optional.empty();
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            String childPointer = pointer + "/" + SourceMap.segment(e.getKey());
            Field f = fields.get(e.getKey());
            if (f == null) {
                return Optional.of(new UnknownField(childPath, childPointer, e.getKey(),
                        Suggestions.nearest(e.getKey(), fields.keySet()).orElse(null)));
            }
            Optional<UnknownField> u = find(e.getValue(), f.type(), f.container(), childPath, childPointer);
            if (u.isPresent()) {
                return u;
            }
        }
        return Optional.empty();
    }

    private static JsonNode sortedDeep(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            new TreeMap<>(toMap(node)).forEach((k, v) -> out.set(k, sortedDeep(v)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> out.add(sortedDeep(item)));
            return out;
        }
        return node.deepCopy();
    }

    private static Map<String, JsonNode> toMap(JsonNode node) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
        return map;
    }

}
