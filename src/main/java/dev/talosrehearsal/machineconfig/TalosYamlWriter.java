package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

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
    private static final ScalarResolver RESOLVER = new CoreScalarResolver(false);
    /** Characters that cannot start a plain scalar. */
    private static final Pattern UNSAFE_START = Pattern.compile("^[-?:,\\[\\]{}#&*!|>'\"%@`\\s].*", Pattern.DOTALL);

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
            writeMap(document, 0, out);
        } else if (document.isArray() && document.size() > 0) {
            writeList(document, 0, out);
        } else {
            out.append(inline(document)).append('\n');
        }
    }

    private static void writeMap(JsonNode map, int depth, StringBuilder out) {
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!first || depth >= 0) {
                indent(out, Math.max(depth, 0));
            }
            first = false;
            writeEntry(scalar(e.getKey()), e.getValue(), Math.max(depth, 0), out);
        }
    }

    /** Writes {@code key: value} with the key already positioned. */
    private static void writeEntry(String key, JsonNode value, int depth, StringBuilder out) {
        out.append(key).append(':');
        if (value.isObject() && value.size() > 0) {
            out.append('\n');
            writeMap(value, depth + 1, out);
        } else if (value.isArray() && value.size() > 0) {
            out.append('\n');
            writeList(value, depth + 1, out);
        } else if (value.isTextual() && isMultiLine(value.textValue())) {
            writeBlock(value.textValue(), depth + 1, out);
        } else {
            out.append(' ').append(inline(value)).append('\n');
        }
    }

    private static void writeList(JsonNode list, int depth, StringBuilder out) {
        for (JsonNode item : list) {
            indent(out, depth);
            out.append("- ");
            if (item.isObject() && item.size() > 0) {
                // go-yaml puts the first key after the dash and aligns the rest two columns in
                boolean first = true;
                for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!first) {
                        indent(out, depth);
                        out.append("  ");
                    }
                    first = false;
                    writeNestedEntry(scalar(e.getKey()), e.getValue(), depth, out);
                }
            } else if (item.isArray() && item.size() > 0) {
                out.append('\n');
                writeList(item, depth + 1, out);
            } else if (item.isTextual() && isMultiLine(item.textValue())) {
                out.setLength(out.length() - 1); // writeBlock adds its own space before '|'
                writeBlock(item.textValue(), depth + 1, out);
            } else {
                out.append(inline(item)).append('\n');
            }
        }
    }

    /**
     * An entry of a map that sits in a list item. go-yaml indents its children two columns right of
     * the key (four from the dash), not four: {@code - name: PodSecurity / configuration: / apiVersion: …}.
     */
    private static void writeNestedEntry(String key, JsonNode value, int listDepth, StringBuilder out) {
        out.append(key).append(':');
        String childIndent = INDENT.repeat(listDepth + 1);
        if (value.isObject() && value.size() > 0) {
            out.append('\n');
            StringBuilder child = new StringBuilder();
            writeMap(value, 0, child);
            prefixLines(child, childIndent, out);
        } else if (value.isArray() && value.size() > 0) {
            out.append('\n');
            StringBuilder child = new StringBuilder();
            writeList(value, 0, child);
            prefixLines(child, childIndent, out);
        } else if (value.isTextual() && isMultiLine(value.textValue())) {
            StringBuilder child = new StringBuilder();
            writeBlock(value.textValue(), 0, child);
            // header stays on the key's line; content lines take the child indent
            int nl = child.indexOf("\n");
            out.append(child, 0, nl + 1);
            StringBuilder body = new StringBuilder(child.substring(nl + 1));
            prefixLines(body, childIndent, out);
        } else {
            out.append(' ').append(inline(value)).append('\n');
        }
    }

    private static void prefixLines(CharSequence text, String prefix, StringBuilder out) {
        int start = 0;
        while (start < text.length()) {
            int nl = indexOf(text, '\n', start);
            int end = nl < 0 ? text.length() : nl;
            if (end > start) {
                out.append(prefix);
            }
            out.append(text, start, end).append('\n');
            start = end + 1;
        }
    }

    private static int indexOf(CharSequence text, char c, int from) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** A literal block scalar; the chomping indicator keeps trailing newlines exact. */
    private static void writeBlock(String text, int depth, StringBuilder out) {
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
                indent(out, depth);
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
            return scalar(value.textValue());
        }
        return value.asText();
    }

    /** A string as a plain scalar when it reads back as the same string, else double-quoted. */
    static String scalar(String text) {
        boolean plainSafe = !text.isEmpty()
                && !UNSAFE_START.matcher(text).matches()
                && !text.endsWith(" ")
                && !text.contains(": ") && !text.endsWith(":")
                && !text.contains(" #")
                && text.chars().noneMatch(c -> c < 0x20 || c == 0x7f)
                && Tag.STR.equals(RESOLVER.resolve(text, true))
                && !looksLikeYaml11Special(text);
        return plainSafe ? text : quote(text);
    }

    /** go-yaml also quotes the YAML 1.1 spellings (yes, off, 0644 …) so older readers agree. */
    private static boolean looksLikeYaml11Special(String text) {
        String t = text.toLowerCase();
        return t.equals("y") || t.equals("n") || t.equals("yes") || t.equals("no") || t.equals("on") || t.equals("off")
                || t.matches("[-+]?0[0-7_]+") || t.matches("[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?")
                || t.matches("[-+]?\\.[0-9_]+") || t.matches("[0-9]+(:[0-5]?[0-9])+");
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static void indent(StringBuilder out, int depth) {
        out.append(INDENT.repeat(depth));
    }
}
