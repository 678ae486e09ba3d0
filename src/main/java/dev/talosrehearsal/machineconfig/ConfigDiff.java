package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.DiffFlags;
import com.flipkart.zjsonpatch.JsonDiff;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changes for one node between two machine configs: a unified diff of the YAML and a one-line
 * summary of the changed fields, both with secrets redacted.
 */
public record ConfigDiff(String node, String unifiedDiff, List<String> changedFields) {
    public boolean hasChanges() {
        return !changedFields.isEmpty();
    }

    /** {@code talos-master-0: 3 fields changed: machine.kubelet.nodeIP.validSubnets, …} or {@code … no changes}. */
    public String summary() {
        if (changedFields.isEmpty()) {
            return node + ": no changes";
        }
        return node + ": " + changedFields.size() + (changedFields.size() == 1 ? " field" : " fields") + " changed: "
                + String.join(", ", changedFields);
    }

    /**
     * @param oldConfig null when the node is new
     * @param newConfig null when the node is gone
     */
    public static ConfigDiff between(String node, String oldLabel, MachineConfig oldConfig, String newLabel, MachineConfig newConfig) {
        String oldText = oldConfig == null ? "" : Redaction.redact(oldConfig).toYaml();
        String newText = newConfig == null ? "" : Redaction.redact(newConfig).toYaml();
        List<String> fields;
        if (oldConfig == null) {
            fields = List.of("(new node)");
        } else if (newConfig == null) {
            fields = List.of("(node removed)");
        } else {
            fields = changedFields(oldConfig, newConfig);
        }
        return new ConfigDiff(node, unified(oldLabel, oldText, newLabel, newText), fields);
    }

    /** Unified diff of two texts (3 lines of context); empty when they are equal. */
    public static String unified(String oldLabel, String oldText, String newLabel, String newText) {
        List<String> a = lines(oldText);
        List<String> b = lines(newText);
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        return String.join("\n", UnifiedDiffUtils.generateUnifiedDiff(oldLabel, newLabel, a, patch, 3)) + "\n";
    }

    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        if (text.endsWith("\n")) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    /** Dotted paths of what differs, per document ({@code ExtensionServiceConfig/tailscale: environment}). */
    static List<String> changedFields(MachineConfig oldConfig, MachineConfig newConfig) {
        Map<String, ObjectNode> before = oldConfig.documentsById();
        Map<String, ObjectNode> after = newConfig.documentsById();
        Set<String> out = new LinkedHashSet<>();
        Set<String> ids = new LinkedHashSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (String id : ids) {
            ObjectNode a = before.get(id);
            ObjectNode b = after.get(id);
            if (a == null) {
                out.add("+" + id);
            } else if (b == null) {
                out.add("-" + id);
            } else {
                ArrayNode ops = (ArrayNode) JsonDiff.asJson(a, b, EnumSet.of(DiffFlags.OMIT_VALUE_ON_REMOVE, DiffFlags.OMIT_MOVE_OPERATION, DiffFlags.OMIT_COPY_OPERATION));
                for (JsonNode op : ops) {
                    String path = dotted(op.get("path").asText());
                    out.add(id.equals("v1alpha1") ? path : id + ": " + path);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** {@code /machine/certSANs/2} → {@code machine.certSANs}: list positions say little to a person. */
    public static String dotted(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String raw : pointer.split("/")) {
            if (raw.isEmpty() || raw.chars().allMatch(Character::isDigit) || raw.equals("-")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('.');
            }
            out.append(raw.replace("~1", "/").replace("~0", "~"));
        }
        return out.length() == 0 ? "(document)" : out.toString();
    }
}
