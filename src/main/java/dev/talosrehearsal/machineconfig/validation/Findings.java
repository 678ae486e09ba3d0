package dev.talosrehearsal.machineconfig.validation;

import dev.talosrehearsal.machineconfig.validation.Violation.Severity;
import java.util.ArrayList;
import java.util.List;

/** Where checks put what they find, in the order Talos reports it. */
final class Findings {
    private final List<Violation> all = new ArrayList<>();

    void error(int document, String pointer, String message) {
        all.add(new Violation(Severity.ERROR, document, pointer, message, false));
    }

    void warning(int document, String pointer, String message) {
        all.add(new Violation(Severity.WARNING, document, pointer, message, false));
    }

    /**
     * A document that conflicts with the v1alpha1 document (Talos's {@code V1Alpha1ConflictValidate}),
     * reported at the v1alpha1 field that has to go.
     */
    void conflict(int document, String pointer, String message) {
        all.add(new Violation(Severity.ERROR, document, pointer, message, true));
    }

    List<Violation> all() {
        return List.copyOf(all);
    }
}
