package dev.talosrehearsal.sim.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.MachineConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small edits of a rendered machine config, for node-model tests that apply a config the generator would not write. */
final class ConfigEdits {
    private ConfigEdits() {}

    /** The config as the bytes an ApplyConfiguration request carries. */
    static byte[] bytes(MachineConfig config) {
        return config.toYaml().getBytes(StandardCharsets.UTF_8);
    }

    /** A copy of {@code config} with the v1alpha1 value at {@code pointer} (parent maps must exist) set; null removes it. */
    static MachineConfig with(MachineConfig config, String pointer, JsonNode value) {
        List<ObjectNode> docs = new ArrayList<>();
        for (ObjectNode d : config.documents()) {
            docs.add(d.deepCopy());
        }
        ObjectNode v1 = docs.stream().filter(d -> !d.has("kind")).findFirst().orElseThrow();
        int slash = pointer.lastIndexOf('/');
        ObjectNode parent = (ObjectNode) v1.at(pointer.substring(0, slash));
        if (value == null) {
            parent.remove(pointer.substring(slash + 1));
        } else {
            parent.set(pointer.substring(slash + 1), value);
        }
        return new MachineConfig(docs);
    }

    /** A copy without the ExtensionServiceConfig documents. */
    static MachineConfig withoutExtensions(MachineConfig config) {
        return new MachineConfig(config.documents().stream().filter(d -> !d.has("kind")).toList());
    }
}
