package dev.talosrehearsal.machineconfig.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Talos's document merge ({@code pkg/machinery/config/merge/merge.go}) on Jackson trees.
 *
 * <p>Rules, for each key of the patch map:
 * <ul>
 *   <li>patch value {@code null}: no change (a nil pointer/slice/map is skipped);</li>
 *   <li>key absent (or null) in the base: the patch value is added as is, at the end of the map
 *       (also {@code ""}, {@code 0}, {@code {}}, {@code []}: Talos adds them to maps; for struct
 *       fields they equal "unset", which the renderer may drop);</li>
 *   <li>map + map: merged key by key, recursively ({@code {}} therefore changes nothing);</li>
 *   <li>list + list: concatenated (base items first; {@code []} changes nothing), unless
 *       {@link MergeRules} says replace or merge-by-key;</li>
 *   <li>scalar: replaced, except that an empty string or a zero number leaves the base value
 *       ("merged unless it's zero value"); {@code false} always replaces;</li>
 *   <li>{@link MergeRules.Strategy#REPLACE} fields: any non-null patch value replaces, even
 *       {@code []};</li>
 *   <li>a map where the base has a list (or the other way round): an error, as Talos's decoder or
 *       merge would fail.</li>
 * </ul>
 * Existing keys keep their position; new keys are appended.
 */
final class StrategicMerge {
    private final String kind;
    private final ConfigPatch patch;

    private StrategicMerge(String kind, ConfigPatch patch) {
        this.kind = kind;
        this.patch = patch;
    }

    /** Merges {@code right} (a patch document, not modified) into {@code left} (modified). */
    static void mergeDocument(ObjectNode left, ObjectNode right, DocumentId id, ConfigPatch patch, int documentLine) {
        new StrategicMerge(id.kind(), patch).mergeMaps(left, right, "", documentLine);
    }

    private void mergeMaps(ObjectNode left, ObjectNode right, String path, int parentLine) {
        int line = patch.lineOf(right, parentLine);
        for (Iterator<Map.Entry<String, JsonNode>> it = right.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String key = entry.getKey();
            JsonNode rightValue = entry.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (rightValue.isNull()) {
                continue;
            }
            JsonNode leftValue = left.get(key);
            if (leftValue == null || leftValue.isNull()) {
                left.set(key, rightValue.deepCopy());
                continue;
            }
            Optional<MergeRules.Rule> rule = MergeRules.find(kind, childPath);
            if (rule.isPresent() && rule.get().strategy() == MergeRules.Strategy.REPLACE) {
                left.set(key, rightValue.deepCopy());
                continue;
            }
            if (leftValue.isObject() && rightValue.isObject()) {
                mergeMaps((ObjectNode) leftValue, (ObjectNode) rightValue, childPath, line);
            } else if (leftValue.isArray() && rightValue.isArray()) {
                if (rule.isPresent()) {
                    mergeByKey((ArrayNode) leftValue, (ArrayNode) rightValue, rule.get(), childPath, line);
                } else {
                    for (JsonNode item : rightValue) {
                        ((ArrayNode) leftValue).add(item.deepCopy());
                    }
                }
            } else if (leftValue.isValueNode() && rightValue.isValueNode()) {
                if (!isZero(rightValue)) {
                    left.set(key, rightValue.deepCopy());
                }
            } else {
                throw patch.origin().error(patch.lineOf(rightValue, line), "cannot merge " + childPath + " in the "
                        + kind + " document: the config has " + describe(leftValue) + ", the patch "
                        + describe(rightValue));
            }
        }
    }

    /**
     * Keyed list merge (NetworkDeviceList.Merge, VlanList.Merge, ConfigFileList.Merge, ...): each
     * patch item is merged into the first base item with the same key value, or appended. The key is
     * the first of the rule's key fields the patch item sets; an item without any is appended.
     */
    private void mergeByKey(ArrayNode left, ArrayNode right, MergeRules.Rule rule, String path, int line) {
        for (JsonNode item : right) {
            ObjectNode match = null;
            if (item.isObject()) {
                for (String keyField : rule.keys()) {
                    JsonNode keyValue = item.get(keyField);
                    if (keyValue == null || keyValue.isNull() || isZero(keyValue)) {
                        continue;
                    }
                    for (JsonNode candidate : left) {
                        if (candidate.isObject() && keyValue.equals(candidate.get(keyField))) {
                            match = (ObjectNode) candidate;
                            break;
                        }
                    }
                    break;
                }
            }
            if (match != null) {
                mergeMaps(match, (ObjectNode) item, path + "[]", line);
            } else {
                left.add(item.deepCopy());
            }
        }
    }

    /** Go's zero value for a scalar that merge.go skips (false is not skipped). */
    private static boolean isZero(JsonNode value) {
        if (value.isTextual()) {
            return value.asText().isEmpty();
        }
        if (value.isNumber()) {
            return value.decimalValue().signum() == 0;
        }
        return false;
    }

    private static String describe(JsonNode node) {
        if (node.isObject()) {
            return "a map";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "a scalar";
    }
}
