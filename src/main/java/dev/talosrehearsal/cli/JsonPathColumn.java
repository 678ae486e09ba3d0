package dev.talosrehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSONPath subset resource definitions use for their table columns ({@code {.address}}, {@code {.a.b}},
 * {@code {.aliases[:]}}), printed as Kubernetes' jsonpath package prints them with missing keys allowed: a scalar
 * as its text, a list or map as JSON, every element of {@code [:]} separated by spaces, a missing key as nothing.
 */
final class JsonPathColumn {
    private JsonPathColumn() {}

    static String evaluate(String expression, JsonNode spec) {
        String path = expression.trim();
        if (!path.startsWith("{.") || !path.endsWith("}")) {
            return "";
        }
        path = path.substring(2, path.length() - 1);
        boolean each = path.endsWith("[:]") || path.endsWith("[*]");
        if (each) {
            path = path.substring(0, path.length() - 3);
        }
        JsonNode node = spec;
        for (String key : path.isEmpty() ? new String[0] : path.split("\\.")) {
            node = node == null ? null : node.get(key);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (each && node.isArray()) {
            List<String> parts = new ArrayList<>();
            node.forEach(n -> parts.add(text(n)));
            return String.join(" ", parts);
        }
        return text(node);
    }

    private static String text(JsonNode node) {
        return node.isContainerNode() ? node.toString() : node.asText();
    }
}
