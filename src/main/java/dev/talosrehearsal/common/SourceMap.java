package dev.talosrehearsal.common;

import java.util.HashMap;
import java.util.Map;

/**
 * Where each value of a parsed YAML file came from: JSON Pointer ({@code /nodes/0/hostname}) → 1-based line.
 *
 * <p>Errors found after parsing (validation, rendering, patching) use it to name the line the user
 * has to edit. A pointer without an entry falls back to its nearest ancestor, so a missing field is
 * reported at the map that should have held it.
 */
public final class SourceMap {
    private final String file;
    private final Map<String, Integer> lines = new HashMap<>();

    public SourceMap(String file) {
        this.file = file;
    }

    /** The file as the user named it (used verbatim in messages). */
    public String file() {
        return file;
    }

    public void put(String pointer, int line) {
        lines.putIfAbsent(pointer, line);
    }

    /** Whether the file holds {@code pointer} itself. */
    public boolean has(String pointer) {
        return lines.containsKey(pointer);
    }

    /** The line of {@code pointer}, or of its nearest ancestor; 0 when nothing is known. */
    public int lineOf(String pointer) {
        String p = pointer;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            int slash = p.lastIndexOf('/');
            p = slash <= 0 ? "" : p.substring(0, slash);
        }
    }

    /** Copies {@code other}'s lines of {@code pointer} and below that this map does not have yet. */
    public void putAbsent(SourceMap other, String pointer) {
        other.lines.forEach((p, line) -> {
            if ((p.equals(pointer) || p.startsWith(pointer + "/")) && !lines.containsKey(p)) {
                lines.put(p, line);
            }
        });
    }

    /** Escapes one JSON Pointer segment (RFC 6901). */
    public static String segment(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
