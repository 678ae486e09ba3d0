package dev.talosrehearsal.talconfig;

import dev.talosrehearsal.common.SourceMap;
import dev.talosrehearsal.common.Pointers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Typed reads from a parsed YAML tree; a wrong type is an error at the value's line. */
final class YamlFieldReader {
    private final SourceMap sources;

    YamlFieldReader(SourceMap sources) {
        this.sources = sources;
    }

    SourceMap sources() {
        return sources;
    }

    InputException error(String pointer, String message) {
        return new InputException(sources.file(), sources.lineOf(pointer), Pointers.field(pointer) + ": " + message);
    }

    static boolean present(JsonNode parent, String key) {
        return parent.has(key) && !parent.get(key).isNull();
    }

    String requiredString(JsonNode parent, String pointer, String key) {
        String value = string(parent, pointer, key);
        if (value == null || value.isBlank()) {
            throw error(pointer + "/" + key, "is required");
        }
        return value;
    }

    String string(JsonNode parent, String pointer, String key) {
        if (!present(parent, key)) {
            return null;
        }
        JsonNode value = parent.get(key);
        if (!value.isValueNode()) {
            throw error(pointer + "/" + key, "must be a string, not a " + kind(value));
        }
        return value.asText();
    }

    boolean bool(JsonNode parent, String pointer, String key) {
        if (!present(parent, key)) {
            return false;
        }
        JsonNode value = parent.get(key);
        if (!value.isBoolean()) {
            throw error(pointer + "/" + key, "must be true or false");
        }
        return value.booleanValue();
    }

    List<String> stringList(JsonNode parent, String pointer, String key) {
        List<String> out = new ArrayList<>();
        if (!present(parent, key)) {
            return out;
        }
        JsonNode value = parent.get(key);
        if (!value.isArray()) {
            throw error(pointer + "/" + key, "must be a list, not a " + kind(value));
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isValueNode() || item.isNull()) {
                throw error(pointer + "/" + key + "/" + i, "must be a string, not a " + kind(item));
            }
            out.add(item.asText());
        }
        return out;
    }

    Map<String, String> stringMap(JsonNode parent, String pointer, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!present(parent, key)) {
            return out;
        }
        JsonNode value = parent.get(key);
        if (!value.isObject()) {
            throw error(pointer + "/" + key, "must be a map of strings, not a " + kind(value));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode()) {
                throw error(pointer + "/" + key + "/" + SourceMap.segment(e.getKey()), "must be a string");
            }
            out.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
        }
        return out;
    }

    JsonNode array(JsonNode parent, String pointer, String key) {
        if (!present(parent, key)) {
            return null;
        }
        JsonNode value = parent.get(key);
        if (!value.isArray()) {
            throw error(pointer + "/" + key, "must be a list, not a " + kind(value));
        }
        return value;
    }

    JsonNode object(JsonNode parent, String pointer, String key) {
        if (!present(parent, key)) {
            return null;
        }
        JsonNode value = parent.get(key);
        if (!value.isObject()) {
            throw error(pointer + "/" + key, "must be a map, not a " + kind(value));
        }
        return value;
    }

    static String kind(JsonNode value) {
        return value.isObject() ? "map" : value.isArray() ? "list" : value.isNull() ? "null"
                : value.isBoolean() ? "boolean" : value.isNumber() ? "number" : "string";
    }
}
