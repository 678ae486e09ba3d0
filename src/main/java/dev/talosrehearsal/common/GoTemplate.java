package dev.talosrehearsal.common;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Go's text/template (with sprig's string functions) that talhelper users write: text, field paths
 * ({@code {{.ID}}}, {@code {{.MachineConfig.MachineInstall.InstallImage}}}), string and boolean literals, pipelines
 * ({@code {{ .X | contains "secureboot" }}}, the piped value being the last argument, as in Go), the functions in
 * {@link #FUNCTIONS}, {@code {{if PIPELINE}}…{{else if …}}…{{else}}…{{end}}}, and {@code {{-}}/{@code -}}}
 * trimming. Truth is Go's: false, 0, "" and nil are false.
 *
 * <p>Anything else (variables, range, with, other functions) is refused when the template is parsed, naming the
 * action: a value rendered approximately would end up in every config.
 */
public final class GoTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{(-\\s)?(.*?)(\\s-)?}}", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("(\\.[A-Za-z_][A-Za-z0-9_]*)+");
    private static final Pattern TOKEN = Pattern.compile("\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|\\||[^\\s|\"]+)");

    /** Go's builtins and the sprig functions evaluated, with their argument counts. */
    public static final Map<String, Integer> FUNCTIONS = Map.ofEntries(Map.entry("not", 1), Map.entry("and", -2),
            Map.entry("or", -2), Map.entry("contains", 2), Map.entry("hasPrefix", 2), Map.entry("hasSuffix", 2),
            Map.entry("lower", 1), Map.entry("upper", 1), Map.entry("trim", 1), Map.entry("trimPrefix", 2),
            Map.entry("trimSuffix", 2), Map.entry("replace", 3), Map.entry("default", 2), Map.entry("quote", 1));

    /** Where a field path's value comes from; throws IllegalArgumentException for a path the data does not have. */
    public interface Data extends Function<List<String>, Object> {}

    private sealed interface Part permits Text, Output, If {}

    private record Text(String text) implements Part {}

    private record Output(List<Command> pipeline) implements Part {}

    private record If(List<Command> condition, List<Part> then, List<Part> otherwise) implements Part {}

    /** A function with its arguments, or (function null) a single value: a field path or a literal. */
    private record Command(String function, List<Object> args) {}

    private record FieldPath(List<String> names) {}

    private final List<Part> parts;

    private GoTemplate(List<Part> parts) {
        this.parts = parts;
    }

    /**
     * Parses {@code template}; with {@code fields} non-null, every field path must start with one of them.
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
            // keywords with one space after them; string literals inside keep their spaces
            tokens.add(m.group(2).strip().replaceFirst("^else\\s+if\\s+", "else if ").replaceFirst("^if\\s+", "if "));
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

    /** Parses a template whose field paths are checked when it is rendered. */
    public static GoTemplate parse(String template) {
        return parse(template, null);
    }

    /** Whether a string holds a template action (what talhelper templates: pkg/templating IsStringATemplate). */
    public static boolean isTemplate(String text) {
        return text.contains("{{") || text.contains("}}");
    }

    /** The text for {@code data}, a map of top-level fields. */
    public String render(Map<String, ?> data) {
        return render(path -> {
            if (path.size() != 1 || !data.containsKey(path.get(0))) {
                throw new IllegalArgumentException("no field ." + String.join(".", path));
            }
            return data.get(path.get(0));
        });
    }

    /** The text for {@code data}. */
    public String render(Data data) {
        StringBuilder out = new StringBuilder();
        render(parts, data, out);
        return out.toString();
    }

    private static void render(List<Part> parts, Data data, StringBuilder out) {
        for (Part part : parts) {
            if (part instanceof Text t) {
                out.append(t.text());
            } else if (part instanceof Output o) {
                Object value = evaluate(o.pipeline(), data);
                out.append(value == null ? "<no value>" : value);
            } else if (part instanceof If i) {
                render(truthy(evaluate(i.condition(), data)) ? i.then() : i.otherwise(), data, out);
            }
        }
    }

    private static Object evaluate(List<Command> pipeline, Data data) {
        Object value = null;
        for (int i = 0; i < pipeline.size(); i++) {
            Command c = pipeline.get(i);
            List<Object> args = new ArrayList<>();
            c.args().forEach(a -> args.add(a instanceof FieldPath f ? data.apply(f.names()) : a));
            if (i > 0) {
                args.add(value);
            }
            value = c.function() == null ? args.get(0) : apply(c.function(), args);
        }
        return value;
    }

    private static Object apply(String function, List<Object> a) {
        return switch (function) {
            case "not" -> !truthy(a.get(0));
            case "and" -> a.stream().filter(v -> !truthy(v)).findFirst().orElse(a.get(a.size() - 1));
            case "or" -> a.stream().filter(GoTemplate::truthy).findFirst().orElse(a.get(a.size() - 1));
            case "contains" -> text(a.get(1)).contains(text(a.get(0)));
            case "hasPrefix" -> text(a.get(1)).startsWith(text(a.get(0)));
            case "hasSuffix" -> text(a.get(1)).endsWith(text(a.get(0)));
            case "lower" -> text(a.get(0)).toLowerCase(java.util.Locale.ROOT);
            case "upper" -> text(a.get(0)).toUpperCase(java.util.Locale.ROOT);
            case "trim" -> text(a.get(0)).strip();
            case "trimPrefix" -> text(a.get(1)).startsWith(text(a.get(0))) ? text(a.get(1)).substring(text(a.get(0)).length()) : text(a.get(1));
            case "trimSuffix" -> text(a.get(1)).endsWith(text(a.get(0)))
                    ? text(a.get(1)).substring(0, text(a.get(1)).length() - text(a.get(0)).length()) : text(a.get(1));
            case "replace" -> text(a.get(2)).replace(text(a.get(0)), text(a.get(1)));
            case "default" -> truthy(a.get(1)) ? a.get(1) : a.get(0);
            case "quote" -> "\"" + text(a.get(0)) + "\"";
            default -> throw new IllegalStateException(function);
        };
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
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
        if (value instanceof Map<?, ?> map) {
            return !map.isEmpty();
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
                } else {
                    out.add(new Output(pipeline(action)));
                }
            }
            return out;
        }

        private If conditional(String condition) {
            List<Command> c = pipeline(condition);
            List<Part> then = sequence();
            if (pending == null) {
                throw new IllegalArgumentException("{{if " + condition + "}} has no {{end}}");
            }
            if (pending.startsWith("else if ")) {
                return new If(c, then, List.of(conditional(pending.substring("else if ".length()).strip())));
            }
            List<Part> otherwise = List.of();
            if (pending.equals("else")) {
                otherwise = sequence();
                if (!"end".equals(pending)) {
                    throw new IllegalArgumentException("{{if " + condition + "}}…{{else}} has no {{end}}");
                }
            }
            pending = null;
            return new If(c, then, otherwise);
        }

        private List<Command> pipeline(String action) {
            List<List<String>> commands = new ArrayList<>(List.of(new ArrayList<>()));
            Matcher m = TOKEN.matcher(action);
            int at = 0;
            while (at < action.length() && m.find(at) && m.start() == at) {
                String token = m.group(1);
                if (token.equals("|")) {
                    commands.add(new ArrayList<>());
                } else {
                    commands.get(commands.size() - 1).add(token);
                }
                at = m.end();
            }
            List<Command> out = new ArrayList<>();
            for (int i = 0; i < commands.size(); i++) {
                List<String> words = commands.get(i);
                if (words.isEmpty()) {
                    throw new IllegalArgumentException("{{" + action + "}} has an empty command");
                }
                String head = words.get(0);
                if (!FUNCTIONS.containsKey(head)) {
                    if (words.size() != 1 || i > 0) {
                        throw new IllegalArgumentException("{{" + action + "}}: '" + head + "' is not supported (functions: "
                                + String.join(", ", new java.util.TreeSet<>(FUNCTIONS.keySet())) + ")");
                    }
                    out.add(new Command(null, List.of(argument(head, action))));
                    continue;
                }
                List<Object> args = new ArrayList<>();
                for (String word : words.subList(1, words.size())) {
                    args.add(argument(word, action));
                }
                int count = args.size() + (i > 0 ? 1 : 0);
                int arity = FUNCTIONS.get(head);
                if (arity >= 0 ? count != arity : count < -arity) {
                    throw new IllegalArgumentException("{{" + action + "}}: wrong number of arguments for " + head);
                }
                out.add(new Command(head, args));
            }
            return out;
        }

        private Object argument(String word, String action) {
            if (word.startsWith("\"")) {
                return word.substring(1, word.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
            }
            if (word.equals("true") || word.equals("false")) {
                return Boolean.parseBoolean(word);
            }
            if (!FIELD.matcher(word).matches()) {
                throw new IllegalArgumentException("{{" + action + "}}: '" + word + "' is not supported (only fields like .ID,"
                        + " \"strings\" and the functions " + String.join(", ", new java.util.TreeSet<>(FUNCTIONS.keySet())) + " are)");
            }
            List<String> names = List.of(word.substring(1).split("\\."));
            if (fields != null && !fields.contains(names.get(0))) {
                throw new IllegalArgumentException("no field ." + names.get(0) + " (there are ."
                        + String.join(", .", fields.stream().sorted().toList()) + ")");
            }
            return new FieldPath(names);
        }
    }
}
