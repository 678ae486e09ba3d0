package dev.talosrehearsal.talconfig;

import java.util.Set;
import dev.talosrehearsal.common.Pointers;
import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a {@code schematic:} (or {@code imageSchematic:}) against the Image Factory's schematic
 * (image-factory pkg/schematic/schematic.go at v1.4.0, the version talhelper v3.1.16 decodes it with): known
 * fields only, each of its type, so that the ID computed from it is the one the factory would give.
 */
final class SchematicReader {
    /** The schematic's fields by object path ("" is the schematic; "*" any list item). */
    private static final Map<String, List<String>> OBJECTS = Map.of(
            "", List.of("owner", "overlay", "customization"),
            "overlay", List.of("image", "name", "options"),
            "customization", List.of("embeddedMachineConfiguration", "extraKernelArgs", "meta", "systemExtensions",
                    "bootloader", "secureboot", "diskImage"),
            "customization/meta/*", List.of("key", "value"),
            "customization/systemExtensions", List.of("officialExtensions"),
            "customization/secureboot", List.of("enrollKeys", "includeWellKnownCertificates"),
            "customization/diskImage", List.of("sectorSize"));
    private static final List<String> STRING_LISTS = List.of("customization/extraKernelArgs",
            "customization/systemExtensions/officialExtensions");
    private static final List<String> TEXTS = List.of("owner", "overlay/image", "overlay/name",
            "customization/embeddedMachineConfiguration", "customization/bootloader", "customization/meta/*/value",
            "customization/secureboot/enrollKeys");

    private SchematicReader() {}

    /**
     * The schematic at {@code parent.key}, checked; null when not set. talhelper decodes it leniently into the factory's
     * struct (pkg/config/loader.go, yaml.Unmarshal): a field the struct lacks is dropped, so the copy returned lacks it
     * too (the ID is computed from what is left) and a warning is added to {@code warnings}; a typo of a known field
     * is refused, since its value would vanish.
     */
    static JsonNode read(YamlFieldReader f, JsonNode parent, String pointer, String key, List<String> warnings) {
        JsonNode schematic = f.object(parent, pointer, key);
        if (schematic == null) {
            return null;
        }
        JsonNode copy = schematic.deepCopy();
        check(f, copy, pointer + "/" + key, "", warnings);
        return copy;
    }

    private static void check(YamlFieldReader f, JsonNode node, String at, String path, List<String> warnings) {
        List<String> fields = OBJECTS.get(path);
        if (fields != null) {
            if (!node.isObject()) {
                throw f.error(at, "must be a map, not a " + YamlFieldReader.kind(node));
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String childPath = path.isEmpty() ? e.getKey() : path + "/" + e.getKey();
                if (!fields.contains(e.getKey())) {
                    if (KnownKeys.suggestion(e.getKey(), Set.copyOf(fields)).isPresent()) { // a typo: refused
                        throw f.error(at + "/" + e.getKey(), "unknown field of an Image Factory schematic (known: "
                                + String.join(", ", fields) + ")");
                    }
                    warnings.add(f.sources().file() + ":" + f.sources().lineOf(at + "/" + e.getKey()) + ": "
                            + Pointers.field(at + "/" + e.getKey()) + ": not a field of an Image Factory"
                            + " schematic (known: " + String.join(", ", fields) + "); talhelper drops it, and so does talos-rehearsal");
                    it.remove();
                    continue;
                }
                if (!e.getValue().isNull()) {
                    check(f, e.getValue(), at + "/" + e.getKey(), childPath, warnings);
                }
            }
        } else if (path.equals("customization/meta")) {
            if (!node.isArray()) {
                throw f.error(at, "must be a list of {key, value}");
            }
            for (int i = 0; i < node.size(); i++) {
                check(f, node.get(i), at + "/" + i, "customization/meta/*", warnings);
            }
        } else if (path.equals("customization/meta/*/key")) {
            if (!node.canConvertToInt() || node.asInt() < 0 || node.asInt() > 255 || !node.isIntegralNumber()) {
                throw f.error(at, "must be a META key from 0 to 255");
            }
        } else if (STRING_LISTS.contains(path)) {
            if (!node.isArray()) {
                throw f.error(at, "must be a list of strings");
            }
            for (int i = 0; i < node.size(); i++) {
                if (!node.get(i).isValueNode() || node.get(i).isNull()) {
                    throw f.error(at + "/" + i, "must be a string");
                }
            }
        } else if (TEXTS.contains(path) && !node.isValueNode()) {
            throw f.error(at, "must be a string");
        } else if (path.equals("customization/secureboot/includeWellKnownCertificates") && !node.isBoolean()) {
            throw f.error(at, "must be true or false");
        } else if (path.equals("customization/diskImage/sectorSize") && !(node.isIntegralNumber() && node.asLong() >= 0)) {
            throw f.error(at, "must be a number of bytes");
        } else if (path.equals("overlay/options") && !node.isObject()) {
            throw f.error(at, "must be a map");
        }
    }
}
