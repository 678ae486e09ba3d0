package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.GoTemplate;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Node labels and annotations holding Go templates, evaluated as talhelper evaluates them (pkg/talos/nodeconfig.go,
 * templateConfig, v3.1.16): after the node's settings and installer image are in the config and before any patch,
 * against an unchanged copy of the v1alpha1 document, addressed by Go field names
 * ({@code .MachineConfig.MachineInstall.InstallImage}) through the table tools/derive-go-field-names.py derives from
 * Talos's v1alpha1_types.go. A field the config leaves out reads as Go's zero value of its type; a path through a
 * section the config leaves out, or one Talos's structs do not have, fails the render, naming the node and the key.
 */
final class NodeTemplates {
    private static final String TABLE = "/dev/talosrehearsal/machineconfig/v1alpha1-go-fields.json";
    private static volatile JsonNode types;

    private NodeTemplates() {}

    /** Replaces each templated label and annotation value in {@code docs} by its rendering. */
    static void render(List<ObjectNode> docs, TalConfig.Node node, String installerImage, TalosVersion version, String file, int line) {
        if (node.nodeLabels().values().stream().noneMatch(GoTemplate::isTemplate)
                && node.nodeAnnotations().values().stream().noneMatch(GoTemplate::isTemplate)) {
            return;
        }
        ObjectNode v1alpha1 = docs.stream().filter(d -> !d.has("kind")).findFirst().orElseThrow();
        ObjectNode copy = v1alpha1.deepCopy();
        // talhelper sets machine.install.image on every release, v1.14 included (where Talos's own generator keeps the
        // installer in an UnattendedInstallConfig): templates see it there
        copy.with("machine").with("install").put("image", installerImage);
        GoTemplate.Data data = goFields(copy, version);
        ObjectNode kubeNode = docs.stream().filter(d -> "KubeNodeConfig".equals(MachineConfig.kindOf(d))).findFirst().orElse(null);
        renderInto(node.nodeLabels(), kubeNode != null ? kubeNode.with("labels") : v1alpha1.with("machine").with("nodeLabels"),
                data, node, "nodeLabels", file, line);
        renderInto(node.nodeAnnotations(), kubeNode != null ? kubeNode.with("annotations") : v1alpha1.with("machine").with("nodeAnnotations"),
                data, node, "nodeAnnotations", file, line);
    }

    private static void renderInto(Map<String, String> values, ObjectNode target, GoTemplate.Data data, TalConfig.Node node,
            String key, String file, int line) {
        values.forEach((name, value) -> {
            if (GoTemplate.isTemplate(value)) {
                try {
                    target.put(name, GoTemplate.parse(value).render(data));
                } catch (IllegalArgumentException e) {
                    throw new InputException(file, line, "node " + node.hostname() + ": " + key + "." + name + ": " + e.getMessage());
                }
            }
        });
    }

    /**
     * The v1alpha1 document addressed by Go field names, from Config down. A section comes back as a
     * {@link GoTemplate.Struct} of its Go fields (so that {@code range} over interfaces can read {@code .DeviceInterface}),
     * a list or map of values as a List or Map. A field the document leaves out is its Go zero value as a template
     * prints it ({@link #zero}). Up to v1.13 a path through a section the document leaves out (a nil pointer in
     * talhelper's config) is Go's "nil pointer evaluating" error, which fails talhelper's render too (text/template,
     * exec.go evalField). From v1.14 the document is the one talosctl v1.14.0-rc.1 writes while talhelper v3.1.16
     * builds on v1.14.0-alpha.2's machinery, whose v1alpha1 still holds sections the rc leaves out (machine.install:
     * generate/init.go): there such a path reads as empty, which the renderer warns about.
     */
    static GoTemplate.Data goFields(JsonNode document, TalosVersion version) {
        boolean nilSectionsFail = !version.atLeast(1, 14);
        return path -> {
            String type = "Config";
            String declared = "*Config";
            JsonNode value = document;
            List<String> walked = new ArrayList<>();
            for (String field : path) {
                walked.add(field);
                JsonNode entry = type == null ? null : types().path("types").path(type).get(field);
                if (entry == null) {
                    throw new IllegalArgumentException("no field ." + String.join(".", walked) + " in Talos's v1alpha1 config");
                }
                if (nilSectionsFail && absent(value) && declared.startsWith("*")) {
                    String section = "." + String.join(".", walked.subList(0, walked.size() - 1));
                    throw new IllegalArgumentException("nil pointer evaluating *v1alpha1." + type + "." + field + ": " + section
                            + " is not in the node's v1alpha1 document, so talhelper fails on this template too");
                }
                value = absent(value) ? null : value.get(entry.get(0).asText());
                type = entry.get(1).isNull() ? null : entry.get(1).asText();
                declared = entry.get(2).asText();
            }
            return plain(value, type, declared);
        };
    }

    private static boolean absent(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    /**
     * A value of the document as templates see it; {@code type} is the Go struct it holds (null for plain values),
     * {@code declared} the field's declared Go type, which gives an absent value its zero value.
     */
    private static Object plain(JsonNode value, String type, String declared) {
        if (absent(value)) {
            return zero(declared);
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber()) {
            return value.longValue();
        }
        if (value.isValueNode()) {
            return value.asText();
        }
        String element = declared.startsWith("[]") ? declared.substring(2) : declared;
        if (value.isArray()) {
            List<Object> out = new ArrayList<>();
            value.forEach(v -> out.add(plain(v, type, element)));
            return out;
        }
        if (type == null) {
            Map<String, Object> out = new java.util.TreeMap<>();
            value.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue(), null, "")));
            return out;
        }
        GoTemplate.Struct out = new GoTemplate.Struct(type);
        types().path("types").path(type).fields().forEachRemaining(f -> out.put(f.getKey(),
                plain(value.get(f.getValue().get(0).asText()), f.getValue().get(1).isNull() ? null : f.getValue().get(1).asText(),
                        f.getValue().get(2).asText())));
        return out;
    }

    /**
     * Go's zero value of a declared type as a template prints it: a nil pointer {@code <nil>}, a nil slice {@code []},
     * a nil map {@code map[]}, {@code false}, {@code 0}. Strings, and the few types printed through their own String
     * method or as structs (FileMode, Duration, Unstructured), read as the empty string.
     */
    static Object zero(String declared) {
        String go = declared;
        for (JsonNode named = types().path("named").get(go); named != null; named = types().path("named").get(go)) {
            go = named.asText();
        }
        if (go.startsWith("*")) {
            return new GoTemplate.Nil(go.contains(".") ? go : "*v1alpha1." + go.substring(1));
        }
        if (go.startsWith("[]")) {
            return List.of();
        }
        if (go.startsWith("map[")) {
            return Map.of();
        }
        if (go.equals("bool")) {
            return Boolean.FALSE;
        }
        if (go.matches("u?int(8|16|32|64)?")) {
            return 0L;
        }
        return "";
    }

    private static JsonNode types() {
        if (types == null) {
            try (InputStream in = NodeTemplates.class.getResourceAsStream(TABLE)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + TABLE);
                }
                types = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return types;
    }
}
