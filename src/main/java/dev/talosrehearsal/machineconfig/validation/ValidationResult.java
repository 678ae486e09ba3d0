package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.validation.Violation.Severity;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@link TalosValidator} found: errors (Talos refuses the config) and warnings (it accepts it). */
public record ValidationResult(List<ObjectNode> documents, TalosVersion version, List<Violation> violations) {
    public ValidationResult {
        documents = List.copyOf(documents);
        violations = List.copyOf(violations);
    }

    public List<Violation> errors() {
        return violations.stream().filter(v -> v.severity() == Severity.ERROR).toList();
    }

    public List<Violation> warnings() {
        return violations.stream().filter(v -> v.severity() == Severity.WARNING).toList();
    }

    public boolean valid() {
        return errors().isEmpty();
    }

    /**
     * The error text machined returns with InvalidArgument from ApplyConfiguration: the error of
     * {@code Container.Validate} as is ({@code status.Error(codes.InvalidArgument, err.Error())} in
     * internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go, v1.8.4 and v1.12.0), formatted by
     * hashicorp/go-multierror v1.1.1's {@code ListFormatFunc}. From v1.12 the v1alpha1 errors are nested
     * under "v1alpha1.Config: " and each other document's under its kind (and name); before, they are
     * one flat list (container.go at v1.8.4 to v1.11.6). Empty when the config is valid.
     */
    public String talosMessage() {
        List<Violation> errors = errors();
        if (errors.isEmpty()) {
            return "";
        }
        List<String> top = new ArrayList<>();
        int v1alpha1 = indexOfV1alpha1();
        List<String> main = errors.stream().filter(e -> !e.crossDocument() && e.document() == v1alpha1)
                .map(Violation::message).toList();
        Map<Integer, List<String>> byDocument = new TreeMap<>();
        errors.stream().filter(e -> !e.crossDocument() && e.document() != v1alpha1)
                .forEach(e -> byDocument.computeIfAbsent(e.document(), k -> new ArrayList<>()).add(e.message()));
        boolean nested = version.atLeast(1, 12);
        if (!main.isEmpty()) {
            if (nested) {
                top.add("v1alpha1.Config: " + list(main));
            } else {
                top.addAll(main);
            }
        }
        byDocument.forEach((doc, messages) -> {
            // a document's own Validate returns one error (errors.Join: one per line), not a multierror
            String text = String.join("\n", messages);
            top.add(nested ? documentId(doc) + ": " + text : text);
        });
        errors.stream().filter(Violation::crossDocument).forEach(e -> top.add(e.message()));
        return list(top);
    }

    /** go-multierror's ListFormatFunc. */
    static String list(List<String> errors) {
        if (errors.size() == 1) {
            return "1 error occurred:\n\t* " + errors.get(0) + "\n\n";
        }
        StringBuilder out = new StringBuilder(errors.size() + " errors occurred:\n\t");
        for (int i = 0; i < errors.size(); i++) {
            out.append(i == 0 ? "" : "\n\t").append("* ").append(errors.get(i));
        }
        return out.append("\n\n").toString();
    }

    private int indexOfV1alpha1() {
        return Subject.v1alpha1Index(documents);
    }

    /** Talos's {@code docID}: the kind, and "/name" for named documents. */
    private String documentId(int doc) {
        ObjectNode d = documents.get(doc);
        String name = d.path("name").isTextual() ? d.get("name").asText() : null;
        return d.path("kind").asText() + (name == null ? "" : "/" + name);
    }
}
