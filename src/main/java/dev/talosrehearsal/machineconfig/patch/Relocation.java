package dev.talosrehearsal.machineconfig.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Where the config keeps a v1alpha1 setting when a document of its own holds it now (Talos v1.14 moved most of
 * v1alpha1 into documents), for the patcher's refusals to say: a {@code $patch: delete} of the v1alpha1 path misses,
 * and a JSON patch's strategic equivalent drops the document instead. The patcher knows patches, not Talos's documents;
 * the generator, which knows both, supplies it.
 */
@FunctionalInterface
public interface Relocation {
    /** Nothing moved: every setting is where v1alpha1 keeps it. */
    Relocation NONE = (documents, pointer) -> Optional.empty();

    /**
     * Where a setting is now.
     *
     * @param where     the sentence that says it, e.g. "at Talos v1.14.0-rc.1 the generator writes
     *                  cluster.apiServer.admissionControl as the KubeAdmissionControlConfig PodSecurity document"
     * @param dropPatch the strategic merge patch, in flow style, that drops that document, when it holds the setting as a
     *                  whole and can be named
     */
    record Moved(String where, Optional<String> dropPatch) {}

    /** Where {@code documents} keep what v1alpha1 kept at {@code pointer}, if a document of theirs holds it. */
    Optional<Moved> movedTo(List<ObjectNode> documents, String pointer);
}
