package dev.talosrehearsal.machineconfig.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.InputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A parsed Talos machine-config patch: either a strategic merge patch (one or more YAML documents)
 * or an RFC 6902 JSON patch (a YAML/JSON list of operations).
 *
 * <p>The kind is decided as Talos's {@code configpatcher.LoadPatch} does: text that is a list of
 * operations is a JSON patch; otherwise it must be config documents (strategic merge). Differences
 * from Talos, on purpose: a list followed by further YAML documents is an error here (Talos would
 * silently use the first document only), and empty text is a strategic patch that changes nothing
 * (Talos turns it into an empty JSON patch, which then fails on any multi-document config).
 *
 * <p>{@code $patch: delete} directives are taken out of the documents at parse time, as Talos's
 * decoder does, and kept in document order: for every patch document, its deletes are applied
 * before its content is merged.
 *
 * <p>Instances are immutable from the outside: nothing returned exposes the internal trees.
 */
public final class ConfigPatch {

    /**
     * Where a patch comes from: a file name or label as the user knows it, and the 1-based line of
     * that file on which the patch text starts.
     */
    public record Origin(String file, int line) {
        public Origin {
            Objects.requireNonNull(file, "file");
            if (line < 1) {
                throw new IllegalArgumentException("line is 1-based, got " + line);
            }
        }

        /** A patch that is a whole file: its text starts on line 1. */
        public static Origin of(String file) {
            return new Origin(file, 1);
        }

        /** 1-based file line of a 0-based line inside the patch text. */
        public int fileLine(int lineInText) {
            return line + Math.max(0, lineInText);
        }

        /** An input error at a 0-based line of the patch text. */
        InputException error(int lineInText, String message) {
            return new InputException(file, fileLine(lineInText), message);
        }

        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** The two patch formats Talos accepts. */
    public enum Type {
        STRATEGIC_MERGE,
        JSON6902
    }

    /** One document of a strategic merge patch, after its deletes were taken out. */
    record PatchDocument(DocumentId id, ObjectNode content, List<DeleteSelector> deletes, int line) {}

    /** One RFC 6902 operation with its 0-based line in the patch text. */
    record Operation(ObjectNode op, int line) {
        String name() {
            return op.path("op").asText();
        }

        String path() {
            return op.path("path").asText();
        }
    }

    private static final Set<String> JSON_PATCH_OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

    private final Origin origin;
    private final Type type;
    private final List<PatchDocument> documents;
    private final List<Operation> operations;
    private final YamlTrees.Parsed parsed;

    private ConfigPatch(Origin origin, Type type, List<PatchDocument> documents, List<Operation> operations,
            YamlTrees.Parsed parsed) {
        this.origin = origin;
        this.type = type;
        this.documents = List.copyOf(documents);
        this.operations = List.copyOf(operations);
        this.parsed = parsed;
    }

    /**
     * Parses patch text.
     *
     * @param text the patch: YAML (or JSON) documents for a strategic merge, or a list of
     *     {@code op}/{@code path}/... operations for RFC 6902
     * @param origin where the text comes from, for error messages
     * @throws InputException when the text is not valid YAML or not a valid patch; the exception
     *     names {@code origin.file()} and the line of the problem in that file
     */
    public static ConfigPatch parse(String text, Origin origin) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(origin, "origin");
        YamlTrees.Parsed parsed = YamlTrees.parse(text, origin);
        List<YamlTrees.Doc> docs = new ArrayList<>();
        for (YamlTrees.Doc doc : parsed.docs()) {
            if (doc.root() != null && !doc.root().isNull()) {
                docs.add(doc);
            }
        }
        boolean anyList = docs.stream().anyMatch(d -> d.root().isArray());
        if (anyList) {
            if (docs.size() != 1) {
                YamlTrees.Doc first = docs.get(0);
                throw origin.error(first.line(),
                        "a JSON patch (list of operations) must be the only YAML document of the patch");
            }
            return new ConfigPatch(origin, Type.JSON6902, List.of(),
                    operations((ArrayNode) docs.get(0).root(), docs.get(0).line(), parsed, origin), parsed);
        }
        List<PatchDocument> documents = new ArrayList<>();
        for (YamlTrees.Doc doc : docs) {
            if (!doc.root().isObject()) {
                throw origin.error(doc.line(), "expected a YAML document (a mapping), got a "
                        + doc.root().getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
            }
            documents.add(strategicDocument((ObjectNode) doc.root(), doc.line(), parsed, origin));
        }
        return new ConfigPatch(origin, Type.STRATEGIC_MERGE, documents, List.of(), parsed);
    }

    private static List<Operation> operations(ArrayNode list, int listLine, YamlTrees.Parsed parsed, Origin origin) {
        List<Operation> result = new ArrayList<>();
        for (JsonNode item : list) {
            int line = parsed.lineOf(item, listLine);
            if (!item.isObject()) {
                throw origin.error(line, "JSON patch operation must be a mapping with op and path");
            }
            JsonNode op = item.get("op");
            if (op == null || !op.isTextual() || !JSON_PATCH_OPS.contains(op.asText())) {
                throw origin.error(line, "JSON patch operation needs op: one of add, remove, replace, move, copy, test"
                        + (op == null ? "" : " (got " + op + ")"));
            }
            JsonNode path = item.get("path");
            if (path == null || !path.isTextual()) {
                throw origin.error(line, "JSON patch operation " + op.asText() + " needs a path");
            }
            if (!path.asText().isEmpty() && !path.asText().startsWith("/")) {
                throw origin.error(line, "JSON patch path must start with '/': " + path.asText());
            }
            String name = op.asText();
            if ((name.equals("add") || name.equals("replace") || name.equals("test")) && !item.has("value")) {
                throw origin.error(line, "JSON patch operation " + name + " " + path.asText() + " needs a value");
            }
            if ((name.equals("move") || name.equals("copy")) && !item.path("from").isTextual()) {
                throw origin.error(line, "JSON patch operation " + name + " " + path.asText() + " needs from");
            }
            result.add(new Operation((ObjectNode) item, line));
        }
        return result;
    }

    private static PatchDocument strategicDocument(ObjectNode root, int line, YamlTrees.Parsed parsed, Origin origin) {
        String[] problem = new String[1];
        DocumentId id = DocumentId.ofPatchDocument(root, problem);
        if (id == null) {
            throw origin.error(line, problem[0]);
        }
        List<DeleteSelector> deletes = new ArrayList<>();
        DeleteCollector collector = new DeleteCollector(id, parsed, origin, deletes);
        boolean wholeDocument = collector.collect(root, line);
        ObjectNode content = root;
        if (wholeDocument) {
            content = null;
        } else if (!deletes.isEmpty() && onlyIdentityKeys(root)) {
            // decoder.go isEmptyDoc: a document left with nothing but its identity is dropped
            content = null;
        }
        return new PatchDocument(id, content, deletes, line);
    }

    private static boolean onlyIdentityKeys(ObjectNode root) {
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!Set.of("version", "apiVersion", "kind", "name").contains(key)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Finds {@code $patch: delete} in a freshly parsed document, records a selector for each and
     * removes them from the tree, with decoder/delete.go's rules: a mapping holding
     * {@code $patch: delete} is deleted as a whole (its other keys are ignored); inside a list it
     * deletes the base item whose first key/value matches; a map or list emptied by the removal is
     * removed too.
     */
    private static final class DeleteCollector {
        private final DocumentId id;
        private final YamlTrees.Parsed parsed;
        private final Origin origin;
        private final List<DeleteSelector> out;

        DeleteCollector(DocumentId id, YamlTrees.Parsed parsed, Origin origin, List<DeleteSelector> out) {
            this.id = id;
            this.parsed = parsed;
            this.origin = origin;
            this.out = out;
        }

        /** @return true when the whole document is deleted */
        boolean collect(ObjectNode root, int line) {
            return process(root, List.of(), false, line);
        }

        /** @return true when {@code node} must be removed from its parent */
        private boolean process(JsonNode node, List<String> path, boolean parentIsList, int fallbackLine) {
            int line = parsed.lineOf(node, fallbackLine);
            if (node.isObject()) {
                ObjectNode object = (ObjectNode) node;
                JsonNode directive = object.get("$patch");
                if (directive != null) {
                    if (!directive.isTextual() || !directive.asText().equals("delete")) {
                        throw origin.error(line, "unsupported `$patch: " + directive.asText()
                                + "` at " + display(path) + " (Talos supports only `$patch: delete`)");
                    }
                    record(object, path, parentIsList, line);
                    return true;
                }
                List<String> removed = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    if (process(entry.getValue(), append(path, entry.getKey()), false, line)) {
                        removed.add(entry.getKey());
                    }
                }
                if (!removed.isEmpty()) {
                    object.remove(removed);
                    return object.isEmpty();
                }
                return false;
            }
            if (node.isArray()) {
                ArrayNode array = (ArrayNode) node;
                boolean any = false;
                for (int i = 0; i < array.size(); i++) {
                    if (process(array.get(i), append(path, "[" + i + "]"), true, line)) {
                        array.remove(i);
                        i--;
                        any = true;
                    }
                }
                return any && array.isEmpty();
            }
            return false;
        }

        private void record(ObjectNode object, List<String> path, boolean parentIsList, int line) {
            if (!parentIsList) {
                for (String segment : path) {
                    if (DeleteSelector.isIndex(segment)) {
                        throw origin.error(line, "cannot delete an inner key in '" + String.join(".", path)
                                + "': `$patch: delete` inside a list item must be on the item itself");
                    }
                }
                if (path.isEmpty() && id.isV1Alpha1()) {
                    throw origin.error(line, "can't delete the root of the v1alpha1 document");
                }
                out.add(new DeleteSelector(id, path, null, null, line));
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                if (entry.getKey().equals("$patch")) {
                    continue;
                }
                if (!entry.getValue().isValueNode() || entry.getValue().isNull()) {
                    throw origin.error(line, "`$patch: delete` on a list item in " + display(path)
                            + " selects the item by its first key, which must be a scalar (\"" + entry.getKey()
                            + "\" is not)");
                }
                out.add(new DeleteSelector(id, path, entry.getKey(), entry.getValue().asText(), line));
                return;
            }
            throw origin.error(line, "`$patch: delete` on a list item in " + display(path)
                    + " needs a key: value that selects the item (e.g. `interface: eth0`)");
        }

        private static List<String> append(List<String> path, String segment) {
            List<String> result = new ArrayList<>(path);
            result.add(segment);
            return result;
        }

        private static String display(List<String> path) {
            return path.isEmpty() ? "document root" : "'" + String.join(".", path) + "'";
        }
    }

    /** Where the patch comes from. */
    public Origin origin() {
        return origin;
    }

    /** Strategic merge or RFC 6902. */
    public Type type() {
        return type;
    }

    List<PatchDocument> documents() {
        return documents;
    }

    List<Operation> operations() {
        return operations;
    }

    /**
     * The 1-based line, in {@link Origin#file()}, where this patch sets the value at {@code pointer} of
     * the document {@code kind}/{@code name} ({@code kind} null for the v1alpha1 document), or the line of
     * the deepest part of that path the patch writes; 0 when the patch does not touch that document or
     * path. For a list item the item is looked up by value, as a strategic merge appends lists: its
     * index in the merged config is not its index in the patch.
     *
     * @param value the value at {@code pointer} in the patched config, or null
     */
    public int lineOf(String kind, String name, String pointer, JsonNode value) {
        return lineOf(kind, name, pointer, value, false);
    }

    /**
     * The 1-based line of the field at {@code pointer} itself (its key, where a block value starts on the lines after it),
     * as {@link #lineOf(String, String, String, JsonNode)} finds it otherwise: where an error is about the field's name.
     */
    public int fieldLineOf(String kind, String name, String pointer) {
        return lineOf(kind, name, pointer, null, true);
    }

    private int lineOf(String kind, String name, String pointer, JsonNode value, boolean keyLine) {
        List<String> path = pointer.isEmpty() ? List.of() : List.of(pointer.substring(1).split("/", -1));
        int best = -1;
        if (type == Type.JSON6902) {
            for (Operation op : operations) {
                String opPath = op.path();
                if (kind == null && (pointer.equals(opPath) || pointer.startsWith(opPath + "/")
                        || (opPath.endsWith("/-") && pointer.startsWith(opPath.substring(0, opPath.length() - 2))))) {
                    best = op.line();
                }
            }
            return best < 0 ? 0 : origin.fileLine(best);
        }
        for (PatchDocument doc : documents) {
            boolean match = kind == null ? doc.id().isV1Alpha1()
                    : doc.id().kind().equals(kind) && (name == null || name.equals(doc.id().name()));
            if (!match || doc.content() == null) {
                continue;
            }
            JsonNode node = doc.content();
            int line = doc.line();
            for (String raw : path) {
                String segment = raw.replace("~1", "/").replace("~0", "~");
                JsonNode next = null;
                int nextKeyLine = -1;
                if (node.isObject()) {
                    next = node.get(segment);
                    nextKeyLine = parsed.keyLineOf(node, segment, -1);
                } else if (node.isArray()) {
                    next = findItem(node, value);
                }
                if (next == null) {
                    break;
                }
                node = next;
                line = keyLine && nextKeyLine >= 0 ? nextKeyLine : parsed.lineOf(node, line);
            }
            best = Math.max(best, line);
        }
        return best < 0 ? 0 : origin.fileLine(best);
    }

    /**
     * A list item by value: the item equal to {@code value}, else the first item holding it somewhere
     * inside (an address inside an interface); null when none does (the list's own line is used).
     */
    private static JsonNode findItem(JsonNode list, JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return null;
        }
        for (JsonNode item : list) {
            if (item.equals(value)) {
                return item;
            }
        }
        for (JsonNode item : list) {
            if (contains(item, value)) {
                return item;
            }
        }
        return null;
    }

    private static boolean contains(JsonNode tree, JsonNode value) {
        if (tree.equals(value)) {
            return true;
        }
        for (JsonNode child : tree) {
            if (contains(child, value)) {
                return true;
            }
        }
        return false;
    }

    /** 0-based line of a node of this patch's text, or {@code fallback}. */
    int lineOf(JsonNode node, int fallback) {
        return parsed.lineOf(node, fallback);
    }

    @Override
    public String toString() {
        return switch (type) {
            case STRATEGIC_MERGE -> "strategic merge patch (" + documents.size() + " document"
                    + (documents.size() == 1 ? "" : "s") + ") from " + origin;
            case JSON6902 -> "RFC 6902 patch (" + operations.size() + " operation"
                    + (operations.size() == 1 ? "" : "s") + ") from " + origin;
        };
    }
}
