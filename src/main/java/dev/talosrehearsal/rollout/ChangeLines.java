package dev.talosrehearsal.rollout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import dev.talosrehearsal.machineconfig.ConfigDiff;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.Redaction;
import dev.talosrehearsal.rollout.NodeChange.ChangeLine;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One line per changed field between two configs of a node, with the value before and after:
 * {@code machine.kubelet.nodeIP.validSubnets 100.64.0.0/10 → 192.168.20.0/24}. Secrets are redacted
 * first; lists are reported whole (a changed list, not its changed positions).
 */
final class ChangeLines {
    static final String UNSET = "(unset)";

    private ChangeLines() {}

    static List<ChangeLine> between(MachineConfig before, MachineConfig after) {
        Map<String, ObjectNode> a = Redaction.redact(before).documentsById();
        Map<String, ObjectNode> b = Redaction.redact(after).documentsById();
        Set<String> ids = new LinkedHashSet<>(a.keySet());
        ids.addAll(b.keySet());
        List<ChangeLine> lines = new ArrayList<>();
        for (String id : ids) {
            ObjectNode x = a.get(id);
            ObjectNode y = b.get(id);
            if (x == null || y == null) {
                lines.add(new ChangeLine(id, x == null ? "(none)" : "(present)", y == null ? "(removed)" : "(added)"));
                continue;
            }
            Set<String> pointers = new LinkedHashSet<>();
            for (JsonNode op : JsonDiff.asJson(x, y, EnumSet.of(DiffFlags.OMIT_VALUE_ON_REMOVE,
                    DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION))) {
                pointers.add(wholeList(x, y, op.get("path").asText()));
            }
            String prefix = id.equals("v1alpha1") ? "" : id + ": ";
            for (String pointer : pointers) {
                lines.add(new ChangeLine(prefix + ConfigDiff.dotted(pointer), show(x.at(pointer)), show(y.at(pointer))));
            }
        }
        return lines;
    }

    /** The pointer of the outermost list containing the change, or the change itself. */
    private static String wholeList(JsonNode x, JsonNode y, String pointer) {
        String[] parts = pointer.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 1; i < parts.length; i++) {
            if (x.at(prefix.toString()).isArray() || y.at(prefix.toString()).isArray()) {
                return prefix.toString();
            }
            prefix.append('/').append(parts[i]);
        }
        return pointer;
    }

    private static String show(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return UNSET;
        }
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.isValueNode() ? v.asText() : compact(v).toString()));
            return items.isEmpty() ? "[]" : String.join(", ", items);
        }
        if (value.isTextual()) {
            String text = value.asText();
            return text.contains("\n") ? "(" + text.lines().count() + " lines)" : text.isEmpty() ? "\"\"" : text;
        }
        return compact(value).toString();
    }

    /** Multi-line strings (files, scripts) inside objects shrink to their line count. */
    private static JsonNode compact(JsonNode value) {
        if (value.isTextual() && value.asText().contains("\n")) {
            return com.fasterxml.jackson.databind.node.TextNode.valueOf("(" + value.asText().lines().count() + " lines)");
        }
        if (value.isObject()) {
            ObjectNode out = ((ObjectNode) value).objectNode();
            value.fields().forEachRemaining(e -> out.set(e.getKey(), compact(e.getValue())));
            return out;
        }
        if (value.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode out = ((com.fasterxml.jackson.databind.node.ArrayNode) value).arrayNode();
            value.forEach(v -> out.add(compact(v)));
            return out;
        }
        return value;
    }
}
