package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.YamlSource;
import dev.talosrehearsal.talconfig.TalConfig.PatchSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The Talos documents of an {@code extraManifests} file, appended to a node's config after every patch as talhelper
 * appends them (pkg/generate/config.go, combineExtraManifests). Each must be a document of its own kind: the
 * v1alpha1 document belongs to the generator, and Talos refuses a second one.
 */
final class ExtraManifests {
    private ExtraManifests() {}

    static List<ObjectNode> documents(PatchSource manifest) {
        List<ObjectNode> out = new ArrayList<>();
        for (YamlSource.Document doc : YamlSource.parseAll(manifest.text(), manifest.file(), manifest.line() - 1)) {
            if (doc.root().isNull() || (doc.root().isObject() && doc.root().isEmpty())) {
                continue;
            }
            int line = doc.sources().lineOf("");
            if (!doc.root().isObject() || !doc.root().has("kind")) {
                throw new InputException(manifest.file(), line, "an extra manifest must be Talos documents with a kind"
                        + " (apiVersion, kind, …); settings of the v1alpha1 document belong in a patch");
            }
            out.add((ObjectNode) doc.root());
        }
        return out;
    }
}
