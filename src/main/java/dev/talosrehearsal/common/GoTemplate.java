package dev.talosrehearsal.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Go's text/template that talhelper's URL templates use ({@code imageFactory.installerURLTmpl} and
 * {@code ISOURLTmpl}): text, {@code {{.Field}}}, {@code {{if COND}}…{{else if COND}}…{{else}}…{{end}}} where COND
 * is {@code .Field}, {@code not .Field}, {@code and .A .B …} or {@code or .A .B …}, and the {@code {{-}}/{@code -}}}
 * space trimming. Truth is Go's: false, 0, "" and nil are false.
 *
 * <p>Anything else (pipelines, sprig functions, variables) is refused when the template is parsed, naming the
 * action: a URL rendered approximately would put a wrong installer image into every config.
 */
public final class GoTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{(-\\s)?(.*?)(\\s-)?}}", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("\\.([A-Za-z_][A-Za-z0-9_]*)");

    private sealed interface Part permits Text, Field, If {}

    private record Text(String text) implements Part {}

    private record Field(String name) implements Part {}

    private record Condition(String operator, List<String> fields) {}

    private record If(Condition condition, List<Part> then, List<Part> otherwise) implements Part {}

    private final List<Part> parts;

    private GoTemplate(List<Part> parts) {
        this.parts = parts;
    }

    /**
     * Parses {@code template}, whose fields must all be in {@code fields}.
     *
     * @throws IllegalArgumentException naming the first action this subset does not evaluate, an unknown field,
     *     or an unbalanced if/end
     */
    public static GoTemplate parse(String template, Set<String> fields) {
        List<String> tokens = new ArrayList<>();
        Matcher m = ACTION.matcher(template);
        int at = 0;
        boolean trimNext = false;
        while (m.find()) {
            String text = template.substring(at, m.start());
            if (trimNext) {
                text = text.stripLeading();
            }
            if (m.group(1) != null) {
                text = text.stripTrailing();
            }
            tokens.add(text);
            tokens.add(null); // marks that the next token is an action
            tokens.add(m.group(2).strip());
            trimNext = m.group(3) != null;
            at = m.end();
        }
        String rest = template.substring(at);
        if (rest.contains("{{")) {
            throw new IllegalArgumentException("unclosed action at '" + rest.substring(rest.indexOf("{{")) + "'");
        }
        tokens.add(trimNext ? rest.stripLeading() : rest);
        Cursor cursor = new Cursor(tokens, fields);
        List<Part> parts = cursor.sequence();
        if (cursor.pending != null) {
            throw new IllegalArgumentException("{{" + cursor.pending + "}} without a matching {{if}}");
        }
        return new GoTemplate(parts);
    }

    /** The text for {@code data} (every field the template names must be a key). */
    public String render(Map<String, ?> data) {
        StringBuilder out = new StringBuilder();
        render(parts, data, out);
        return out.toString();
    }

    private static void render(List<Part> parts, Map<String, ?> data, StringBuilder out) {
        for (Part part : parts) {
            if (part instanceof Text t) {
                out.append(t.text());
            } else if (part instanceof Field f) {
                Object value = data.get(f.name());
                out.append(value == null ? "<no value>" : value);
            } else if (part instanceof If i) {
                render(holds(i.condition(), data) ? i.then() : i.otherwise(), data, out);
            }
        }
    }

    private static boolean holds(Condition c, Map<String, ?> data) {
        List<Boolean> values = c.fields().stream().map(f -> truthy(data.get(f))).toList();
        return switch (c.operator()) {
            case "not" -> !values.get(0);
            case "and" -> values.stream().allMatch(v -> v);
            case "or" -> values.stream().anyMatch(v -> v);
            default -> values.get(0);
        };
    }

    /** Go's truth for a template value. */
    private static boolean truthy(Object value) {
        if (value == null) {
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
        return !value.toString().isEmpty();
    }

    /** Walks text, null, action, text, null, action, …, text. */
    private static final class Cursor {
        private final List<String> tokens;
        private final Set<String> fields;
        private int next;
        /** The {{else…}} or {{end}} that ended the last sequence; null at the end of the template. */
        private String pending;

        Cursor(List<String> tokens, Set<String> fields) {
            this.tokens = tokens;
            this.fields = fields;
        }

        List<Part> sequence() {
            List<Part> out = new ArrayList<>();
            pending = null;
            while (next < tokens.size()) {
                String text = tokens.get(next++);
                if (!text.isEmpty()) {
                    out.add(new Text(text));
                }
                if (next >= tokens.size()) {
                    break;
                }
                next++; // the action marker
                String action = tokens.get(next++);
                if (action.equals("end") || action.equals("else") || action.startsWith("else if ")) {
                    pending = action;
                    return out;
                }
                if (action.startsWith("if ")) {
                    out.add(conditional(action.substring(3).strip()));
                } else if (FIELD.matcher(action).matches()) {
                    out.add(new Field(field(action)));
                } else {
                    throw new IllegalArgumentException("{{" + action + "}} is not supported (only .Field, if, else, end,"
                            + " not, and, or are)");
                }
            }
            return out;
        }

        private If conditional(String condition) {
            Condition c = condition(condition);
            List<Part> then = sequence();
            if (pending == null) {
                throw new IllegalArgumentException("{{if " + condition + "}} has no {{end}}");
            }
            List<Part> otherwise = List.of();
            if (pending.startsWith("else if ")) {
                otherwise = List.of(conditional(pending.substring("else if ".length()).strip()));
                return new If(c, then, otherwise);
            }
            if (pending.equals("else")) {
                otherwise = sequence();
                if (!"end".equals(pending)) {
                    throw new IllegalArgumentException("{{if " + condition + "}}…{{else}} has no {{end}}");
                }
            }
            pending = null;
            return new If(c, then, otherwise);
        }

        private Condition condition(String text) {
            String[] words = text.split("\\s+");
            String operator = words[0].startsWith(".") ? "" : words[0];
            List<String> names = new ArrayList<>();
            for (int i = operator.isEmpty() ? 0 : 1; i < words.length; i++) {
                names.add(field(words[i]));
            }
            boolean arity = switch (operator) {
                case "" -> names.size() == 1;
                case "not" -> names.size() == 1;
                case "and", "or" -> names.size() >= 2;
                default -> throw new IllegalArgumentException("{{if " + text + "}}: '" + operator + "' is not supported"
                        + " (only not, and, or are)");
            };
            if (!arity) {
                throw new IllegalArgumentException("{{if " + text + "}}: wrong number of arguments");
            }
            return new Condition(operator, names);
        }

        private String field(String word) {
            Matcher m = FIELD.matcher(word);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + word + "' is not supported (only fields like .ID are)");
            }
            if (!fields.contains(m.group(1))) {
                throw new IllegalArgumentException("no field ." + m.group(1) + " (there are ." + String.join(", .", fields.stream().sorted().toList()) + ")");
            }
            return m.group(1);
        }
    }
}
