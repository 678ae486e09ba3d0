package dev.talosrehearsal.machineconfig.secrets;

import java.util.regex.Pattern;

/**
 * Writes a string as a YAML scalar that every reader (YAML 1.1 or 1.2, Go or Java) reads back as
 * that same string.
 *
 * <p>Plain where safe, so output looks like what Go's yaml.v3 writes ({@code - 10.0.0.1},
 * {@code id: AbC+/=}); double-quoted when a plain scalar could be read as a number, boolean, null
 * or timestamp (a token such as {@code 123456.0000000000000001} is a valid float) or contains
 * characters with YAML meaning.
 */
final class YamlScalars {
    private static final Pattern PLAIN_CHARS = Pattern.compile("[A-Za-z0-9_/.][A-Za-z0-9_./+=-]*");
    private static final Pattern NOT_A_STRING = Pattern.compile(String.join("|",
            "[-+]?(\\.[0-9]+|[0-9][0-9_]*(\\.[0-9_]*)?)([eE][-+]?[0-9]+)?", // ints, floats (1.1 and 1.2)
            "[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+]?[0-9]+)?",
            "0[xX][0-9a-fA-F_]+|0[oO]?[0-7_]+|0[bB][01_]+",
            "[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)",
            "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*", // YAML 1.1 timestamps
            "(?i:y|n|yes|no|true|false|on|off|null|~)"));

    private YamlScalars() {}

    static String scalar(String value) {
        if (PLAIN_CHARS.matcher(value).matches() && !NOT_A_STRING.matcher(value).matches()) {
            return value;
        }
        return quoted(value);
    }

    static String quoted(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
