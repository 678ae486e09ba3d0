package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.ArrayList;
import java.util.List;

/** The config under validation, the release it is for, the mode, and typed reads the checks share. */
record Subject(List<ObjectNode> documents, TalosVersion version, ValidationMode mode) {

    int v1alpha1Index() {
        return v1alpha1Index(documents);
    }

    /** The v1alpha1 document is the one without {@code kind} (as MachineConfig reads it; that class is not imported, to keep the packages acyclic). */
    static int v1alpha1Index(List<ObjectNode> documents) {
        for (int i = 0; i < documents.size(); i++) {
            if (!documents.get(i).has("kind") && "v1alpha1".equals(documents.get(i).path("version").asText())) {
                return i;
            }
        }
        return -1;
    }

    ObjectNode v1alpha1() {
        return documents.get(v1alpha1Index());
    }

    JsonNode at(String pointer) {
        return v1alpha1().at(pointer);
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

    /** Indices of the documents of {@code kind}. */
    List<Integer> documentsOfKind(String kind) {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            if (documents.get(i).has("kind") && kind.equals(documents.get(i).get("kind").asText())) {
                out.add(i);
            }
        }
        return out;
    }
}
