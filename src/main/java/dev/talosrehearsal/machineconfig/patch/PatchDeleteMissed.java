package dev.talosrehearsal.machineconfig.patch;

import dev.talosrehearsal.common.InputException;

/**
 * A {@code $patch: delete} whose path the config does not have ("lookup failed" in Talos). It keeps the path so that
 * the generator can say where the release in hand keeps that setting instead (Talos v1.14 moved most of v1alpha1 into
 * documents, and a delete written for v1.13 misses there).
 */
public final class PatchDeleteMissed extends InputException {
    private final boolean inV1alpha1;
    private final String pointer;

    PatchDeleteMissed(String file, int line, String message, boolean inV1alpha1, String pointer) {
        super(file, line, message);
        this.inV1alpha1 = inV1alpha1;
        this.pointer = pointer;
    }

    /** Whether the delete was for the v1alpha1 document. */
    public boolean inV1alpha1() {
        return inV1alpha1;
    }

    /** The deleted path as a JSON pointer ({@code /cluster/apiServer/admissionControl}). */
    public String pointer() {
        return pointer;
    }
}
