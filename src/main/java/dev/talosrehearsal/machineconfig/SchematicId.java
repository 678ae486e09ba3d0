package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * A schematic's ID as the Image Factory computes it, offline (as {@code talhelper genconfig --offline-mode} does,
 * and the factory answers the same ID online): the SHA-256 of the schematic marshalled by go-yaml — fields in
 * the order of image-factory's {@code schematic.Schematic} struct (pkg/schematic/schematic.go at v1.4.0, the
 * version talhelper v3.1.16 builds with), empty fields left out where the struct says {@code omitempty},
 * {@code customization} always written, four-space indent.
 *
 * <p>The input is a {@code schematic:} tree the talconfig loader already checked against that struct
 * (talconfig/SchematicReader).
 */
public final class SchematicId {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The schematic with nothing in it, the factory's "vanilla" Talos. */
    public static final String EMPTY = "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba";

    private SchematicId() {}

    /** The ID of {@code schematic} (null: the empty schematic). */
    public static String of(JsonNode schematic) {
        return sha256(TalosYamlWriter.write(canonical(schematic == null ? NODES.objectNode() : schematic)));
    }

    /** The schematic as the factory marshals it. */
    static ObjectNode canonical(JsonNode s) {
        ObjectNode out = NODES.objectNode();
        text(out, "owner", s.path("owner"));
        JsonNode overlay = s.path("overlay");
        // go-yaml's omitempty: a struct is left out when every field is empty ("", false, 0, an empty list or map)
        if (!overlay.path("image").asText("").isEmpty() || !overlay.path("name").asText("").isEmpty()
                || overlay.path("options").size() > 0) {
            ObjectNode o = out.putObject("overlay");
            o.put("image", overlay.path("image").asText(""));
            o.put("name", overlay.path("name").asText(""));
            if (overlay.path("options").size() > 0) {
                o.set("options", sortedKeys(overlay.get("options")));
            }
        }
        JsonNode c = s.path("customization");
        ObjectNode customization = out.putObject("customization");
        text(customization, "embeddedMachineConfiguration", c.path("embeddedMachineConfiguration"));
        texts(customization, "extraKernelArgs", c.path("extraKernelArgs"));
        if (c.path("meta").size() > 0) {
            var meta = customization.putArray("meta");
            for (JsonNode m : c.get("meta")) {
                ObjectNode value = meta.addObject();
                value.put("key", m.path("key").asInt(0));
                value.put("value", m.path("value").asText(""));
            }
        }
        if (c.path("systemExtensions").path("officialExtensions").size() > 0) {
            texts(customization.putObject("systemExtensions"), "officialExtensions", c.path("systemExtensions").path("officialExtensions"));
        }
        text(customization, "bootloader", c.path("bootloader"));
        JsonNode secureboot = c.path("secureboot");
        if (!secureboot.path("enrollKeys").asText("").isEmpty() || secureboot.path("includeWellKnownCertificates").asBoolean(false)) {
            ObjectNode sb = customization.putObject("secureboot");
            text(sb, "enrollKeys", secureboot.path("enrollKeys"));
            if (secureboot.path("includeWellKnownCertificates").asBoolean(false)) {
                sb.put("includeWellKnownCertificates", true);
            }
        }
        long sectorSize = c.path("diskImage").path("sectorSize").asLong(0);
        if (sectorSize != 0) {
            customization.putObject("diskImage").put("sectorSize", sectorSize);
        }
        return out;
    }

    private static void text(ObjectNode out, String key, JsonNode value) {
        if (!value.isMissingNode() && !value.isNull() && !value.asText().isEmpty()) {
            out.put(key, value.asText());
        }
    }

    private static void texts(ObjectNode out, String key, JsonNode list) {
        if (list.size() > 0) {
            var items = out.putArray(key);
            list.forEach(item -> items.add(item.asText()));
        }
    }

    /** go-yaml writes a map's keys sorted. */
    private static JsonNode sortedKeys(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = NODES.objectNode();
            TreeMap<String, JsonNode> keys = new TreeMap<>();
            node.fields().forEachRemaining(e -> keys.put(e.getKey(), e.getValue()));
            keys.forEach((k, v) -> sorted.set(k, sortedKeys(v)));
            return sorted;
        }
        if (node.isArray()) {
            var list = NODES.arrayNode();
            node.forEach(item -> list.add(sortedKeys(item)));
            return list;
        }
        return node;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
