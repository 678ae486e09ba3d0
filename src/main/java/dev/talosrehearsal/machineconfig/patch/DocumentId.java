package dev.talosrehearsal.machineconfig.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What Talos matches documents by in a strategic merge: {@code apiVersion/kind[/name]}, with the
 * legacy v1alpha1 document as its own id (strategic.go {@code documentID}; decoder.go
 * {@code documentID}).
 *
 * @param apiVersion empty for the v1alpha1 document
 * @param kind {@code v1alpha1} for the v1alpha1 document
 * @param name empty when the document has no {@code name}
 */
record DocumentId(String apiVersion, String kind, String name) {
    static final String V1ALPHA1 = "v1alpha1";
    static final DocumentId V1ALPHA1_DOC = new DocumentId("", V1ALPHA1, "");

    boolean isV1Alpha1() {
        return equals(V1ALPHA1_DOC);
    }

    /**
     * Id of a document of the machine config being patched: the v1alpha1 document is the one without
     * {@code kind}.
     */
    static DocumentId ofConfigDocument(ObjectNode doc) {
        String kind = text(doc, "kind");
        if (kind.isEmpty()) {
            return V1ALPHA1_DOC;
        }
        return new DocumentId(text(doc, "apiVersion"), kind, text(doc, "name"));
    }

    /**
     * Id of a patch document, with Talos's decoder rules (decoder.go {@code decode}): no kind and
     * either {@code version: v1alpha1} or one of the keys {@code machine}, {@code cluster},
     * {@code debug}, {@code persist} means the v1alpha1 document; otherwise both {@code apiVersion}
     * and {@code kind} are required.
     *
     * @return the id, or null with {@code problem[0]} set to the reason
     */
    static DocumentId ofPatchDocument(ObjectNode doc, String[] problem) {
        String kind = text(doc, "kind");
        String apiVersion = text(doc, "apiVersion");
        String version = text(doc, "version");
        boolean legacyKeys = doc.has("machine") || doc.has("cluster") || doc.has("debug") || doc.has("persist");
        if (kind.isEmpty() && (V1ALPHA1.equals(version) || legacyKeys)) {
            return V1ALPHA1_DOC;
        }
        if (kind.isEmpty()) {
            problem[0] = "missing kind (a v1alpha1 patch needs `version: v1alpha1` or `machine:`/`cluster:` keys;"
                    + " other documents need apiVersion and kind)";
            return null;
        }
        if (apiVersion.isEmpty()) {
            problem[0] = "missing apiVersion in " + kind + " document";
            return null;
        }
        return new DocumentId(apiVersion, kind, text(doc, "name"));
    }

    private static String text(ObjectNode doc, String key) {
        JsonNode value = doc.get(key);
        return value == null || !value.isValueNode() || value.isNull() ? "" : value.asText();
    }

    @Override
    public String toString() {
        if (isV1Alpha1()) {
            return V1ALPHA1;
        }
        return apiVersion + "/" + kind + (name.isEmpty() ? "" : "/" + name);
    }
}
