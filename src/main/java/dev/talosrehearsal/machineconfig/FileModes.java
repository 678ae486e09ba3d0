package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;

/**
 * {@code machine.files[].permissions} as talhelper and Talos write it: an integer, shown in octal
 * ({@code permissions: 0o644}).
 *
 * <p>talhelper decodes the field into Talos's {@code v1alpha1.FileMode} (a uint32) with go-yaml v3, which
 * reads {@code 0o644}, the YAML 1.1 spelling {@code 0644} and {@code 420} alike as 420; Talos's
 * {@code FileMode.MarshalYAML} then writes it as an {@code !!int} in {@code 0o} notation
 * (pkg/machinery/config/types/v1alpha1/v1alpha1_types.go, v1.12.0). talconfig.yaml is read with the JSON
 * schema here, so {@code 0o644} and {@code 0644} arrive as text; written back quoted, Talos would refuse a
 * string where it expects an integer.
 */
final class FileModes {
    private FileModes() {}

    /** Turns every machine file's permissions that go-yaml would read as an integer into one, in place. */
    static void normalize(ObjectNode v1alpha1) {
        JsonNode files = v1alpha1.at("/machine/files");
        if (!files.isArray()) {
            return;
        }
        for (JsonNode file : files) {
            if (file instanceof ObjectNode f && f.has("permissions")) {
                Integer mode = modeOf(f.get("permissions"));
                if (mode != null) {
                    f.set("permissions", new FileModeNode(mode));
                }
            }
        }
    }

    /** The mode go-yaml v3 would decode, or null when it would not decode an integer (left for Talos to refuse). */
    static Integer modeOf(JsonNode value) {
        if (value instanceof FileModeNode m) {
            return m.intValue();
        }
        if (value.isIntegralNumber() && value.canConvertToInt() && value.intValue() >= 0) {
            return value.intValue();
        }
        if (!value.isTextual()) {
            return null;
        }
        String text = value.asText().replace("_", "");
        if (text.startsWith("+")) {
            text = text.substring(1);
        }
        try {
            BigInteger n;
            if (text.startsWith("0o") || text.startsWith("0O")) {
                n = new BigInteger(text.substring(2), 8);
            } else if (text.startsWith("0x") || text.startsWith("0X")) {
                n = new BigInteger(text.substring(2), 16);
            } else if (text.startsWith("0b") || text.startsWith("0B")) {
                n = new BigInteger(text.substring(2), 2);
            } else if (text.length() > 1 && text.startsWith("0")) {
                n = new BigInteger(text.substring(1), 8); // YAML 1.1 octal, which go-yaml v3 still reads
            } else {
                n = new BigInteger(text, 10);
            }
            return n.signum() >= 0 && n.bitLength() < 32 ? n.intValue() : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An integer that the YAML writer shows as Talos does, {@code 0o644}; JSON (schema checks) sees 420. */
    static final class FileModeNode extends IntNode {
        private static final long serialVersionUID = 1L;

        FileModeNode(int mode) {
            super(mode);
        }

        @Override
        public String asText() {
            return "0o" + Integer.toOctalString(_value);
        }
    }
}
