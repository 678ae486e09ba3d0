package dev.talosrehearsal.machineconfig.patch;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.CompatibilityFlags;
import com.flipkart.zjsonpatch.JsonPatch;
import com.flipkart.zjsonpatch.JsonPatchApplicationException;
import dev.talosrehearsal.common.InputException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Applies {@link ConfigPatch}es to a machine config the way Talos's
 * {@code configpatcher.Apply} does.
 *
 * <p>A machine config is a list of documents, one {@link ObjectNode} per YAML document, in order.
 * Inputs are never modified; every call returns new trees.
 *
 * <p><b>Strategic merge</b> (configpatcher/strategic.go): each patch document is matched to the
 * config document with the same {@code apiVersion/kind/name} (the v1alpha1 document by itself) and
 * merged into it with {@link StrategicMerge}'s rules; a patch document without a match is appended.
 * Before a patch document is merged, its {@code $patch: delete} directives are applied: on a
 * document root they remove the document, on a key they remove the key, on a list item they
 * remove the config's item whose field equals the item's first key/value. A delete whose parent
 * path does not exist, or whose list item is not found, is an error ("lookup failed" in Talos).
 *
 * <p><b>RFC 6902</b> (configpatcher/json6902.go): only for a config of exactly one document; Talos
 * fails with "JSON6902 patches are not supported for multi-document machine configuration"
 * otherwise, and so does this class. Operations that address a path that does not exist
 * ({@code remove}, {@code add} or {@code replace} under a missing parent, an index out of range,
 * {@code test} mismatch) are errors, as with Talos's evanphx/json-patch. Talos imports that library's
 * root package (github.com/evanphx/json-patch v5.9.11+incompatible, configpatcher/json6902.go), whose
 * object lookup never fails (partialDoc.get in patch.go): a {@code replace} of a key missing from an
 * object that exists sets it, as an {@code add} would — RFC 6902 says it is an error, Talos does not, and
 * real patches rely on it (TrueCharts' clustertool replaces {@code /machine/time}).
 */
public final class ConfigPatcher {
    private static final EnumSet<CompatibilityFlags> JSON_PATCH_FLAGS =
            EnumSet.of(CompatibilityFlags.FORBID_REMOVE_MISSING_OBJECT);

    private ConfigPatcher() {}

    /**
     * Applies one patch.
     *
     * @param documents the machine config documents (not modified)
     * @param patch the patch
     * @return the patched documents: new trees, in order
     * @throws InputException when the patch cannot be applied; the exception names the patch's origin
     *     file and the line of the failing part of the patch
     */
    public static List<ObjectNode> apply(List<ObjectNode> documents, ConfigPatch patch) {
        return apply(documents, patch, Relocation.NONE);
    }

    /**
     * As {@link #apply(List, ConfigPatch)}; a refusal of a setting {@code moved} into a document of its own says where it
     * is now (a delete that misses) or drops that document (a refused JSON patch's strategic equivalent).
     */
    public static List<ObjectNode> apply(List<ObjectNode> documents, ConfigPatch patch, Relocation moved) {
        Objects.requireNonNull(documents, "documents");
        Objects.requireNonNull(patch, "patch");
        List<ObjectNode> result = new ArrayList<>(documents.size());
        for (ObjectNode document : documents) {
            result.add(Objects.requireNonNull(document, "document").deepCopy());
        }
        return switch (patch.type()) {
            case STRATEGIC_MERGE -> strategic(result, patch, moved);
            case JSON6902 -> json6902(result, patch, moved);
        };
    }

    /** Applies patches in order (each to the result of the previous one). */
    public static List<ObjectNode> applyAll(List<ObjectNode> documents, List<ConfigPatch> patches) {
        List<ObjectNode> current = new ArrayList<>(documents.size());
        for (ObjectNode document : documents) {
            current.add(Objects.requireNonNull(document, "document").deepCopy());
        }
        for (ConfigPatch patch : patches) {
            current = apply(current, patch);
        }
        return current;
    }

    private static List<ObjectNode> strategic(List<ObjectNode> result, ConfigPatch patch, Relocation moved) {
        for (ConfigPatch.PatchDocument document : patch.documents()) {
            for (DeleteSelector delete : document.deletes()) {
                applyDelete(result, delete, patch, moved);
            }
            if (document.content() == null) {
                continue;
            }
            ObjectNode target = find(result, document.id());
            if (target == null) {
                result.add(document.content().deepCopy());
            } else {
                StrategicMerge.mergeDocument(target, document.content(), document.id(), patch, document.line());
            }
        }
        return result;
    }

    private static ObjectNode find(List<ObjectNode> documents, DocumentId id) {
        for (ObjectNode document : documents) {
            if (DocumentId.ofConfigDocument(document).equals(id)) {
                return document;
            }
        }
        return null;
    }

    /** selector.go ApplyTo / deleteForPath / deleteStructFrom. */
    private static void applyDelete(List<ObjectNode> documents, DeleteSelector delete, ConfigPatch patch, Relocation moved) {
        ObjectNode target = find(documents, delete.document());
        if (target == null) {
            throw patch.origin().error(delete.line(), "patch delete: document " + delete.document()
                    + " is not in the machine config");
        }
        List<String> path = delete.path();
        if (path.isEmpty()) {
            documents.remove(target);
            return;
        }
        JsonNode node = target;
        int last = path.size() - 1;
        int walkTo = delete.deletesListItem() ? last - 1 : last;
        for (int i = 0; i < walkTo; i++) {
            String segment = path.get(i);
            if (DeleteSelector.isIndex(segment)) {
                throw deleteError(patch, delete, "searching for complex paths in lists is not supported");
            }
            node = node.get(segment);
            if (node == null || !node.isObject()) {
                throw missed(documents, patch, delete, moved, "lookup failed ('" + String.join(".", path.subList(0, i + 1))
                        + "' is not in the document)");
            }
        }
        if (!delete.deletesListItem()) {
            // a struct field that is already unset is simply left unset (selector.go sets it to zero)
            ((ObjectNode) node).remove(path.get(last));
            return;
        }
        JsonNode list = node.get(path.get(last - 1));
        if (list == null || !list.isArray()) {
            throw missed(documents, patch, delete, moved, "lookup failed ('" + String.join(".", path.subList(0, last))
                    + "' is not a list in the document)");
        }
        ArrayNode array = (ArrayNode) list;
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            JsonNode field = item.isObject() ? item.get(delete.itemKey()) : null;
            if (field != null && field.isValueNode() && !field.isNull() && field.asText().equals(delete.itemValue())) {
                array.remove(i);
                return;
            }
        }
        throw deleteError(patch, delete, "lookup failed (no item with " + delete.itemKey() + ": "
                + delete.itemValue() + ")");
    }

    /**
     * Talos's "lookup failed" for a delete whose path the config does not have; for a v1alpha1 path the release keeps in a
     * document of its own (v1.14: a v1.13 cluster's {@code cluster.apiServer.admissionControl: {$$patch: delete}},
     * onedr0p/cluster-template's, finds no {@code cluster.apiServer}), also where the setting is now.
     */
    private static InputException missed(List<ObjectNode> documents, ConfigPatch patch, DeleteSelector delete, Relocation moved,
            String reason) {
        InputException error = deleteError(patch, delete, reason);
        if (!delete.document().isV1Alpha1()) {
            return error;
        }
        List<String> keys = delete.deletesListItem() ? delete.path().subList(0, delete.path().size() - 1) : delete.path();
        return moved.movedTo(documents, "/" + String.join("/", keys))
                .map(m -> new InputException(error.file(), error.line(), error.getMessage() + "; " + m.where()
                        + ": patch that document instead" + m.dropPatch().map(p -> " (to drop it: " + p + ")").orElse("")))
                .orElse(error);
    }

    private static InputException deleteError(ConfigPatch patch, DeleteSelector delete, String reason) {
        String where = String.join(".", delete.deletesListItem()
                ? delete.path().subList(0, delete.path().size() - 1) : delete.path());
        return patch.origin().error(delete.line(), "patch delete: path '" + where + "' in document "
                + delete.document() + ": " + reason);
    }

    private static List<ObjectNode> json6902(List<ObjectNode> result, ConfigPatch patch, Relocation moved) {
        if (result.size() != 1) {
            throw patch.origin().error(0, "JSON6902 patches are not supported for multi-document machine configuration"
                    + " (this config has " + result.size() + " documents: " + String.join(", ", result.stream()
                            .map(d -> d.path("kind").asText(d.path("version").asText())).toList()) + "); use a strategic merge patch"
                    + StrategicEquivalent.of(patch.operations(), pointer -> moved.movedTo(result, pointer).flatMap(Relocation.Moved::dropPatch)).map(p -> ", here: " + p).orElse(" (with `$$patch: delete` to drop old values)"));
        }
        JsonNode current = result.get(0);
        for (ConfigPatch.Operation operation : patch.operations()) {
            ArrayNode single = JsonNodeFactory.instance.arrayNode().add(asTalosApplies(operation.op(), current));
            try {
                current = JsonPatch.apply(single, current, JSON_PATCH_FLAGS);
            } catch (JsonPatchApplicationException e) {
                throw patch.origin().error(operation.line(), "JSON patch " + operation.name() + " "
                        + operation.path() + " failed: " + reason(e));
            }
        }
        if (!current.isObject()) {
            throw patch.origin().error(0, "JSON patch turned the document into a non-mapping value");
        }
        return List.of((ObjectNode) current);
    }

    /** A {@code replace} of a key its (existing) object lacks becomes the {@code add} Talos's json-patch does instead. */
    private static JsonNode asTalosApplies(JsonNode op, JsonNode document) {
        if (!"replace".equals(op.path("op").asText()) || !op.path("path").isTextual()) {
            return op;
        }
        JsonPointer path;
        try {
            path = JsonPointer.compile(op.path("path").asText());
        } catch (IllegalArgumentException e) {
            return op; // zjsonpatch says what is wrong with it
        }
        if (path.matches()) {
            return op;
        }
        JsonNode parent = document.at(path.head());
        String key = path.last().getMatchingProperty();
        if (parent.isObject() && !parent.has(key)) {
            return ((ObjectNode) op.deepCopy()).put("op", "add");
        }
        return op;
    }

    private static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.startsWith("[") && message.contains("]")) {
            message = message.substring(message.indexOf(']') + 1).trim();
        }
        if (message.startsWith("Missing field") || message.contains("out of bounds")) {
            return "path does not exist (" + message.replace("\"", "") + ")";
        }
        return message;
    }
}
