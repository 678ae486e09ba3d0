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
import java.util.List;
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

    /**
     * @param kind what the value must be for Talos's YAML decoder — each element's for a list or map container:
     *             string, integer, number, boolean, object, array, or empty when the schema does not say
     */
    private record Field(String type, String container, String kind) {}

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
                fields.put(f.get(0).asText(), new Field(f.get(1).isNull() ? null : f.get(1).asText(), f.get(2).asText(), f.path(3).asText("")));
            }
            types.put(e.getKey(), fields);
        });
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

    /** True when the table's {@code type} (e.g. {@code v1alpha1.InstallConfig}) has a field named {@code field}. */
    boolean knowsField(String type, String field) {
        LinkedHashMap<String, Field> fields = types.get(type);
        return fields != null && fields.containsKey(field);
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
     * The first field of {@code document} that this Talos release does not know, or whose value has a shape its YAML
     * decoder refuses (a string where a number, a boolean or a list goes, …), as a dotted path with a suggestion, or
     * empty. Talos refuses such documents ("unknown keys found during decoding"; go-yaml's "cannot unmarshal !!str into
     * int"). Any scalar goes into a string, as go-yaml v3 decodes it; nothing (null) goes anywhere.
     */
    public Optional<UnknownField> unknownField(ObjectNode document) {
        String kind = MachineConfig.kindOf(document);
        String type = documents.get(kind);
        if (type == null) {
            return Optional.of(new UnknownField("kind", "/kind", kind, null, null, null));
        }
        return find(document, type, "", "", "", "object");
    }

    /**
     * Why Talos of this release cannot decode {@code documents}, in its words, or empty when it can. Its decoder builds
     * each document from the registry of the kinds the release knows ({@code "KubeNodeConfig" "v1alpha1": not registered},
     * internal/registry/registry.go) and refuses a field it does not know ("unknown keys found during decoding",
     * configloader/internal/decoder/unknown_keys.go; the field given here as a dotted path, not Talos's YAML excerpt).
     * A node on an older release than the configs were rendered for meets this at their apply.
     *
     * <p>Only what a later release brought is refused: a kind or field the newest table knows and this one does not.
     * The tables come from the schemas, which leave out some fields Talos writes (hidden ones); a config captured from a
     * running cluster may hold those, and no release-to-release difference says this one refuses them.
     */
    public Optional<String> undecodable(List<ObjectNode> documents) {
        TalosFields newest = forVersion(TalosVersion.MODELLED_PRE_RELEASE); // the newest release talos-rehearsal models
        for (ObjectNode document : documents) {
            String kind = MachineConfig.kindOf(document);
            if (!knowsDocument(kind)) {
                if (newest.knowsDocument(kind)) {
                    return Optional.of("\"" + kind + "\" \"" + document.path("apiVersion").asText() + "\": not registered");
                }
                continue;
            }
            Optional<UnknownField> unknown = unknownField(document).filter(u -> !u.wrongShape());
            if (unknown.isPresent() && newest.knowsDocument(kind) && newest.knowsPath(document, unknown.get().pointer())) {
                return Optional.of("unknown keys found during decoding: " + unknown.get().path());
            }
        }
        return Optional.empty();
    }

    /** Whether this table knows the field at {@code pointer} of {@code document}: the document cut down to that path alone. */
    private boolean knowsPath(ObjectNode document, String pointer) {
        ObjectNode alone = JsonNodeFactory.instance.objectNode();
        for (String identity : List.of("version", "apiVersion", "kind")) { // what MachineConfig.kindOf reads
            if (document.has(identity)) {
                alone.set(identity, document.get(identity));
            }
        }
        JsonNode from = document;
        JsonNode into = alone;
        String[] keys = pointer.substring(1).split("/");
        for (int i = 0; i < keys.length; i++) {
            String key = keys[i].replace("~1", "/").replace("~0", "~");
            JsonNode next = from.isArray() ? from.path(Integer.parseInt(key)) : from.path(key);
            JsonNode copy = i == keys.length - 1 ? next.deepCopy() : next.isArray() ? JsonNodeFactory.instance.arrayNode()
                    : JsonNodeFactory.instance.objectNode();
            if (into.isArray()) {
                ((ArrayNode) into).add(copy);
            } else {
                ((ObjectNode) into).set(key, copy);
            }
            from = next;
            into = copy;
        }
        return unknownField(alone).filter(u -> !u.wrongShape()).isEmpty();
    }

    /**
     * A field Talos does not know, or ({@code expected} set) a value of the wrong shape: where it is (dotted for people,
     * a JSON pointer for line lookups), the nearest known name, and what was expected and found.
     */
    public record UnknownField(String path, String pointer, String name, String suggestion, String expected, String found) {
        public boolean wrongShape() {
            return expected != null;
        }
    }

    private Optional<UnknownField> find(JsonNode node, String type, String container, String path, String pointer, String kind) {
        if (node.isNull()) {
            return Optional.empty();
        }
        if ("list".equals(container) || "map".equals(container)) {
            boolean list = container.equals("list");
            if (list ? !node.isArray() : !node.isObject()) {
                return Optional.of(mismatch(path, pointer, list ? "a list" : "a map", node));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = elements(node); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String at = list ? path + "[" + e.getKey() + "]" : path + "." + e.getKey();
                Optional<UnknownField> u = find(e.getValue(), type, "", at, pointer + "/" + SourceMap.segment(e.getKey()), kind);
                if (u.isPresent()) {
                    return u;
                }
            }
            return Optional.empty();
        }
        String wrong = wrongShape(node, kind);
        if (wrong != null) {
            return Optional.of(mismatch(path, pointer, wrong, node));
        }
        if (!node.isObject() || type == null) {
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
                        Suggestions.nearest(e.getKey(), fields.keySet()).orElse(null), null, null));
            }
            Optional<UnknownField> u = find(e.getValue(), f.type(), f.container(), childPath, childPointer, f.kind());
            if (u.isPresent()) {
                return u;
            }
        }
        return Optional.empty();
    }

    /** What the value should have been, when go-yaml v3 would refuse to decode it as {@code kind}; else null. */
    private static String wrongShape(JsonNode node, String kind) {
        return switch (kind) {
            case "object" -> node.isObject() ? null : "a map";
            case "array" -> node.isArray() ? null : "a list";
            case "string" -> node.isValueNode() ? null : "a single value";
            case "integer" -> node.isIntegralNumber() ? null : "a whole number";
            case "number" -> node.isNumber() ? null : "a number";
            case "boolean" -> node.isBoolean() ? null : "true or false";
            default -> null;
        };
    }

    private static UnknownField mismatch(String path, String pointer, String expected, JsonNode found) {
        return new UnknownField(path, pointer, null, null, expected, shown(found));
    }

    /** A value as a message names what was found instead: {@code a map}, {@code a list}, {@code the string "jumbo"}, {@code 150}. */
    static String shown(JsonNode found) {
        String text = found.asText();
        return found.isObject() ? "a map" : found.isArray() ? "a list" : !found.isTextual() ? text
                : "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "\""; // a long string may be a key
    }

    /** A list's items keyed by index, or a map's entries. */
    private static Iterator<Map.Entry<String, JsonNode>> elements(JsonNode node) {
        if (node.isObject()) {
            return node.fields();
        }
        List<Map.Entry<String, JsonNode>> items = new java.util.ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            items.add(Map.entry(String.valueOf(i), node.get(i)));
        }
        return items.iterator();
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
