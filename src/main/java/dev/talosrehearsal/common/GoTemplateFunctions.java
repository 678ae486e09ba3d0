package dev.talosrehearsal.common;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The functions {@link GoTemplate} evaluates — Go's text/template builtins and the sprig string functions talhelper's
 * users write (talhelper renders with {@code sprig.FuncMap()}, pkg/templating/template.go) — and Go's rules for
 * truth, comparison and printing. Values are what {@link GoTemplate.Data} gives: String, Long, Boolean, List, Map,
 * or null for a value that is not there.
 */
final class GoTemplateFunctions {
    /** Each function with its argument count; a negative count is a minimum. */
    static final Map<String, Integer> ARITY = Map.ofEntries(Map.entry("not", 1), Map.entry("and", -2),
            Map.entry("or", -2), Map.entry("eq", -2), Map.entry("ne", 2), Map.entry("lt", 2), Map.entry("le", 2),
            Map.entry("gt", 2), Map.entry("ge", 2), Map.entry("len", 1), Map.entry("index", -2),
            Map.entry("contains", 2), Map.entry("hasPrefix", 2), Map.entry("hasSuffix", 2), Map.entry("lower", 1),
            Map.entry("upper", 1), Map.entry("trim", 1), Map.entry("trimPrefix", 2), Map.entry("trimSuffix", 2),
            Map.entry("replace", 3), Map.entry("default", 2), Map.entry("quote", 1), Map.entry("join", 2));

    private GoTemplateFunctions() {}

    static Object apply(String function, List<Object> a) {
        return switch (function) {
            case "not" -> !truthy(a.get(0));
            case "and" -> a.stream().filter(v -> !truthy(v)).findFirst().orElse(a.get(a.size() - 1));
            case "or" -> a.stream().filter(GoTemplateFunctions::truthy).findFirst().orElse(a.get(a.size() - 1));
            // Go's eq compares its first argument with each of the others
            case "eq" -> a.stream().skip(1).anyMatch(b -> compare(a.get(0), b, true) == 0);
            case "ne" -> compare(a.get(0), a.get(1), true) != 0;
            case "lt" -> compare(a.get(0), a.get(1), false) < 0;
            case "le" -> compare(a.get(0), a.get(1), false) <= 0;
            case "gt" -> compare(a.get(0), a.get(1), false) > 0;
            case "ge" -> compare(a.get(0), a.get(1), false) >= 0;
            case "len" -> (long) length(a.get(0));
            case "index" -> index(a);
            case "contains" -> text(a.get(1)).contains(text(a.get(0)));
            case "hasPrefix" -> text(a.get(1)).startsWith(text(a.get(0)));
            case "hasSuffix" -> text(a.get(1)).endsWith(text(a.get(0)));
            case "lower" -> text(a.get(0)).toLowerCase(Locale.ROOT);
            case "upper" -> text(a.get(0)).toUpperCase(Locale.ROOT);
            case "trim" -> text(a.get(0)).strip();
            case "trimPrefix" -> text(a.get(1)).startsWith(text(a.get(0))) ? text(a.get(1)).substring(text(a.get(0)).length()) : text(a.get(1));
            case "trimSuffix" -> text(a.get(1)).endsWith(text(a.get(0)))
                    ? text(a.get(1)).substring(0, text(a.get(1)).length() - text(a.get(0)).length()) : text(a.get(1));
            case "replace" -> text(a.get(2)).replace(text(a.get(0)), text(a.get(1)));
            case "default" -> truthy(a.get(1)) ? a.get(1) : a.get(0);
            case "quote" -> "\"" + text(a.get(0)) + "\"";
            // sprig's join: the separator first, then the list (its items printed as Go prints them)
            case "join" -> a.get(1) instanceof Collection<?> c
                    ? c.stream().map(GoTemplateFunctions::print).collect(Collectors.joining(text(a.get(0)))) : text(a.get(1));
            default -> throw new IllegalStateException(function);
        };
    }

    /** Go's truth for a template value: false, 0, "", an empty list or map, and nil are false. */
    static boolean truthy(Object value) {
        if (value == null || value instanceof GoTemplate.Nil) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (value instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
        }
        return !value.toString().isEmpty();
    }

    /** A value as Go's fmt prints it in a template: lists as {@code [a b]}, maps as {@code map[k:v]} in key order. */
    static String print(Object value) {
        if (value == null) {
            return "<no value>";
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(GoTemplateFunctions::print).collect(Collectors.joining(" ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return new TreeMap<>(map).entrySet().stream().map(e -> e.getKey() + ":" + print(e.getValue()))
                    .collect(Collectors.joining(" ", "map[", "]"));
        }
        return value.toString();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /**
     * Go's comparison of basic values: numbers with numbers, strings with strings, flags with flags (equality only);
     * anything else is Go's "incompatible types for comparison".
     */
    private static int compare(Object a, Object b, boolean equalityOnly) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue());
        }
        if (a instanceof String x && b instanceof String y) {
            return x.compareTo(y);
        }
        if (equalityOnly && a instanceof Boolean x && b instanceof Boolean y) {
            return x.equals(y) ? 0 : 1;
        }
        throw new IllegalArgumentException("incompatible types for comparison: " + kind(a) + " and " + kind(b));
    }

    private static int length(Object value) {
        if (value instanceof Collection<?> c) {
            return c.size();
        }
        if (value instanceof Map<?, ?> m) {
            return m.size();
        }
        if (value instanceof String s) {
            return s.length();
        }
        throw new IllegalArgumentException("len of " + kind(value));
    }

    private static Object index(List<Object> a) {
        Object value = a.get(0);
        for (Object key : a.subList(1, a.size())) {
            if (value instanceof List<?> list && key instanceof Number n) {
                if (n.intValue() < 0 || n.intValue() >= list.size()) {
                    throw new IllegalArgumentException("index out of range: " + n);
                }
                value = list.get(n.intValue());
            } else if (value instanceof Map<?, ?> map) {
                value = map.get(key);
            } else {
                throw new IllegalArgumentException("can't index item of type " + kind(value));
            }
        }
        return value;
    }

    static String kind(Object value) {
        if (value == null) {
            return "nil";
        }
        if (value instanceof GoTemplate.Nil nil) {
            return nil.type();
        }
        if (value instanceof Collection<?>) {
            return "list";
        }
        if (value instanceof Map<?, ?>) {
            return "map";
        }
        if (value instanceof Number) {
            return "int";
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        return "string";
    }
}
