package dev.talosrehearsal.machineconfig.patch;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Where the config keeps a v1alpha1 setting when a document of its own holds it now (Talos v1.14 moved most of
 * v1alpha1 into documents): the strategic merge patch, in flow style, that drops that document. The patcher knows
 * patches, not Talos's documents; the generator, which knows both, supplies it.
 */
@FunctionalInterface
public interface Relocation {
    /** Nothing moved: every setting is where v1alpha1 keeps it. */
    Relocation NONE = (documents, pointer) -> Optional.empty();

    /** The patch that drops the document holding what v1alpha1 kept at {@code pointer} as a whole, if one does. */
    Optional<String> dropPatch(List<ObjectNode> documents, String pointer);
}
