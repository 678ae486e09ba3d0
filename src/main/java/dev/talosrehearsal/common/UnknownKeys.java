package dev.talosrehearsal.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one check for keys a small input file (inventory, faults, checks) does not know: the first unknown key is bad
 * input at its line, with the nearest known key as a hint and the known ones listed.
 */
public final class UnknownKeys {
    private UnknownKeys() {}

    /**
     * @param map     the YAML map at {@code pointer}
     * @param shownAs what precedes the key in the message ({@code "nodes.a."}), or {@code ""} for the bare key
     */
    public static void refuse(JsonNode map, String pointer, String shownAs, Set<String> known, SourceMap lines, String file) {
        for (Iterator<String> it = map.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                String hint = Suggestions.nearest(key, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
                throw new InputException(file, lines.lineOf(pointer + "/" + SourceMap.segment(key)),
                        "unknown key '" + shownAs + key + "'" + hint + "; known: " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }
}
