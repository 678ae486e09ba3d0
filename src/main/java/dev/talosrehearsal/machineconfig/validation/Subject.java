package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.ArrayList;
import java.util.List;

/** The config under validation, the release it is for, the mode, and typed reads the checks share. */
record Subject(MachineConfig config, TalosVersion version, ValidationMode mode) {

    int v1alpha1Index() {
        List<ObjectNode> docs = config.documents();
        for (int i = 0; i < docs.size(); i++) {
            if (!docs.get(i).has("kind") && "v1alpha1".equals(MachineConfig.kindOf(docs.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    ObjectNode v1alpha1() {
        return config.v1alpha1();
    }

    JsonNode at(String pointer) {
        return config.at(pointer);
    }

    /** {@code machine.type} as Talos reads it: init and controlplane are control planes. */
    String machineType() {
        return at("/machine/type").asText("");
    }

    boolean controlPlane() {
        return "controlplane".equals(machineType()) || "init".equals(machineType());
    }

    /** Go's zero values: a missing, null, empty or false node counts as not set. */
    static boolean isSet(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (node.isTextual()) {
            return !node.asText().isEmpty();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isContainerNode()) {
            return node.size() > 0;
        }
        return true;
    }

    /** The text items of a list (non-text items as their text); empty for anything else. */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** Indices of the documents of {@code kind}. */
    List<Integer> documentsOfKind(String kind) {
        List<Integer> out = new ArrayList<>();
        List<ObjectNode> docs = config.documents();
        for (int i = 0; i < docs.size(); i++) {
            if (docs.get(i).has("kind") && kind.equals(docs.get(i).get("kind").asText())) {
                out.add(i);
            }
        }
        return out;
    }
}
