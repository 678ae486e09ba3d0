package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.GoYamlScalars;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes machine-config documents in the layout Talos and talhelper produce (go-yaml v3, four-space
 * indent, sequences indented under their key, multi-line strings as literal blocks, no line wrapping).
 *
 * <p>Hand-written because no Java YAML library emits that layout, and operators compare these files
 * with talhelper's own output line by line. Key order is the caller's: {@link TalosFields} puts it in
 * Talos's struct order before writing.
 */
public final class TalosYamlWriter {
    private static final String INDENT = "    ";
    /** Characters that cannot start a plain scalar. */

    private TalosYamlWriter() {}

    /** Documents separated by {@code ---}, as Talos writes multi-document configs. */
    public static String write(List<ObjectNode> documents) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < documents.size(); i++) {
            if (i > 0) {
                out.append("---\n");
            }
            writeDocument(documents.get(i), out);
        }
        return out.toString();
    }

    public static String write(JsonNode document) {
        StringBuilder out = new StringBuilder();
        writeDocument(document, out);
        return out.toString();
    }

    private static void writeDocument(JsonNode document, StringBuilder out) {
        if (document.isObject() && document.size() > 0) {
            writeMap(document, 0, false, out);
        } else if (document.isArray() && document.size() > 0) {
            writeList(document, 0, false, out);
        } else {
            out.append(inline(document)).append('\n');
        }
    }

    /*
     * Columns follow go-yaml v3's emitter (yaml_emitter_increase_indent_compact): a node inside a
     * sequence item sits two columns right of its dash; anything else moves to the next multiple of
     * the indent (4). So a map in a list has its first key after "- ", the rest at dash+2 and their
     * children at dash+4; a multi-line string or a list directly in a list starts at dash+2.
     */

    /** The column of a mapping value's content: the next multiple of four after the key's column. */
    private static int valueColumn(int keyColumn) {
        return INDENT.length() * ((keyColumn + INDENT.length()) / INDENT.length());
    }

    /** Map entries with keys at {@code column}; when {@code onLine}, the first key goes where the cursor is (after "- "). */
    private static void writeMap(JsonNode map, int column, boolean onLine, StringBuilder out) {
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!(first && onLine)) {
                pad(out, column);
            }
            first = false;
            out.append(GoYamlScalars.scalar(e.getKey())).append(':');
            JsonNode value = e.getValue();
            int child = valueColumn(column);
            if (value.isObject() && value.size() > 0) {
                out.append('\n');
                writeMap(value, child, false, out);
            } else if (value.isArray() && value.size() > 0) {
                out.append('\n');
                writeList(value, child, false, out);
            } else if (value.isTextual() && isMultiLine(value.textValue())) {
                writeBlock(value.textValue(), child, out);
            } else {
                out.append(' ').append(inline(value)).append('\n');
            }
        }
    }

    /** Sequence items with dashes at {@code column}; when {@code onLine}, the first dash goes where the cursor is. */
    private static void writeList(JsonNode list, int column, boolean onLine, StringBuilder out) {
        boolean first = true;
        int item = column + 2;
        for (JsonNode value : list) {
            if (!(first && onLine)) {
                pad(out, column);
            }
            first = false;
            out.append("- ");
            if (value.isObject() && value.size() > 0) {
                writeMap(value, item, true, out);
            } else if (value.isArray() && value.size() > 0) {
                writeList(value, item, true, out); // go-yaml: "- - a", the next "- b" at dash+2
            } else if (value.isTextual() && isMultiLine(value.textValue())) {
                out.setLength(out.length() - 1); // writeBlock adds its own space before '|'
                writeBlock(value.textValue(), item, out);
            } else {
                out.append(inline(value)).append('\n');
            }
        }
    }

    /** A literal block scalar with content at {@code column}; the chomping indicator keeps trailing newlines exact. */
    private static void writeBlock(String text, int column, StringBuilder out) {
        int trailing = 0;
        while (trailing < text.length() && text.charAt(text.length() - 1 - trailing) == '\n') {
            trailing++;
        }
        String chomp = trailing == 0 ? "-" : trailing == 1 ? "" : "+";
        String indicator = text.startsWith(" ") ? String.valueOf(INDENT.length()) : "";
        out.append(" |").append(indicator).append(chomp).append('\n');
        String body = text.substring(0, text.length() - trailing);
        for (String line : body.split("\n", -1)) {
            if (!line.isEmpty()) {
                pad(out, column);
                out.append(line);
            }
            out.append('\n');
        }
        for (int i = 1; i < trailing; i++) {
            out.append('\n');
        }
    }

    private static boolean isMultiLine(String text) {
        // Block scalars cannot carry trailing spaces on lines or carriage returns faithfully.
        return text.indexOf('\n') >= 0 && text.indexOf('\r') < 0 && !text.contains(" \n") && !text.contains("\t");
    }

    private static String inline(JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isObject()) {
            return "{}";
        }
        if (value.isArray()) {
            return "[]";
        }
        if (value.isTextual()) {
            return GoYamlScalars.scalar(value.textValue());
        }
        return value.asText();
    }


    private static void pad(StringBuilder out, int column) {
        out.append(" ".repeat(column));
    }
}
