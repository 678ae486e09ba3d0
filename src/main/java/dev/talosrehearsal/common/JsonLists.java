package dev.talosrehearsal.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads of YAML/JSON lists that many parts need. */
public final class JsonLists {
    private JsonLists() {}

    /** The text of each item of a list (non-text items as their text); empty for null or anything not a list. */
    public static List<String> texts(JsonNode list) {
        List<String> out = new ArrayList<>();
        if (list != null && list.isArray()) {
            list.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
