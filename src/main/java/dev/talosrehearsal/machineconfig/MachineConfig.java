package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.YamlSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One node's machine configuration: the v1alpha1 document and the documents beside it
 * (ExtensionServiceConfig, HostnameConfig, ...), in file order.
 */
public record MachineConfig(List<ObjectNode> documents) {
    public MachineConfig {
        documents = List.copyOf(documents);
    }

    /** {@code v1alpha1} for the main document, else the document's {@code kind}. */
    public static String kindOf(JsonNode document) {
        if (document.has("kind")) {
            return document.get("kind").asText();
        }
        return document.has("version") ? document.get("version").asText() : "";
    }

    /** The document's name for named kinds (ExtensionServiceConfig), else null. */
    public static String nameOf(JsonNode document) {
        return document.has("name") && document.get("name").isTextual() ? document.get("name").asText() : null;
    }

    /** The v1alpha1 document; every valid config has one. */
    public ObjectNode v1alpha1() {
        return documents.stream().filter(d -> "v1alpha1".equals(kindOf(d)) && !d.has("kind")).findFirst()
                .orElseThrow(() -> new IllegalStateException("machine config without a v1alpha1 document"));
    }

    public Optional<ObjectNode> document(String kind, String name) {
        return documents.stream()
                .filter(d -> kind.equals(kindOf(d)) && (name == null || name.equals(nameOf(d))))
                .findFirst();
    }

    /** Documents keyed {@code v1alpha1}, {@code HostnameConfig}, {@code ExtensionServiceConfig/tailscale}, in file order. */
    public java.util.Map<String, ObjectNode> documentsById() {
        java.util.Map<String, ObjectNode> map = new java.util.LinkedHashMap<>();
        for (ObjectNode doc : documents) {
            String name = nameOf(doc);
            map.put(name == null ? kindOf(doc) : kindOf(doc) + "/" + name, doc);
        }
        return map;
    }

    public List<ObjectNode> documents(String kind) {
        return documents.stream().filter(d -> kind.equals(kindOf(d))).toList();
    }

    /** The value at a JSON Pointer in the v1alpha1 document ({@code /machine/kubelet/nodeIP}); missing → MissingNode. */
    public JsonNode at(String pointer) {
        return v1alpha1().at(pointer);
    }

    /** The strings of a list at a JSON Pointer in the v1alpha1 document; missing or not a list → empty. */
    public List<String> strings(String pointer) {
        return dev.talosrehearsal.common.JsonLists.texts(at(pointer));
    }

    public String toYaml() {
        return TalosYamlWriter.write(documents);
    }

    /** Parses a machine config file as Talos reads it: multi-document YAML with a v1alpha1 document. */
    public static MachineConfig parse(String yaml, String file) {
        List<ObjectNode> docs = new ArrayList<>();
        for (YamlSource.Document doc : YamlSource.parseAll(yaml, file, 0)) {
            if (doc.root().isNull() || (doc.root().isObject() && doc.root().isEmpty())) {
                continue;
            }
            if (!doc.root().isObject()) {
                throw new InputException(file, doc.sources().lineOf(""), "each document of a machine config must be a map");
            }
            ObjectNode document = (ObjectNode) doc.root();
            if (!document.has("kind")) {
                FileModes.normalize(document); // written as 0o644, which the JSON-schema reader sees as text
            }
            docs.add(document);
        }
        if (docs.stream().noneMatch(d -> "v1alpha1".equals(kindOf(d)) && !d.has("kind"))) {
            throw new InputException(file, 1, "no v1alpha1 document (version: v1alpha1) in this machine config");
        }
        return new MachineConfig(docs);
    }
}
