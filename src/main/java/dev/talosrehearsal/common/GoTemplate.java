package dev.talosrehearsal.common;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of Go's text/template (with sprig's string functions) that talhelper users write: text, field paths
 * ({@code {{.ID}}}, {@code {{.MachineConfig.MachineInstall.InstallImage}}}), string, integer and boolean literals,
 * pipelines ({@code {{ .X | contains "secureboot" }}}, the piped value being the last argument, as in Go), the
 * functions in {@link GoTemplateFunctions}, {@code {{if}}…{{else if}}…{{else}}…{{end}}}, {@code {{range}}} with or
 * without {@code $index, $element :=} and with {@code {{else}}}, variables ({@code {{$x := …}}}, {@code $x},
 * {@code $} for the top), {@code {{/* comments *}/}} and {@code {{-}}/{@code -}}} trimming. Truth, comparison and
 * printing are Go's (GoTemplateFunctions).
 *
 * <p>Anything else ({@code with}, {@code define}, {@code template}, other functions) is refused when the template is
 * parsed, naming the action: a value rendered approximately would end up in every config.
 */
public final class GoTemplate {
    private static final Pattern ACTION = Pattern.compile("\\{\\{(-\\s)?(.*?)(\\s-)?}}", Pattern.DOTALL);
    private static final Pattern FIELD = Pattern.compile("(\\.[A-Za-z_][A-Za-z0-9_]*)+");
    private static final Pattern VARIABLE = Pattern.compile("(\\$[A-Za-z0-9_]*)((?:\\.[A-Za-z_][A-Za-z0-9_]*)*)");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern TOKEN = Pattern.compile("\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|\\||[^\\s|\"]+)");
    private static final Pattern RANGE = Pattern.compile("range\\s+(?:(\\$[A-Za-z0-9_]+)\\s*(?:,\\s*(\\$[A-Za-z0-9_]+)\\s*)?:=\\s*)?(.+)",
            Pattern.DOTALL);
    private static final Pattern ASSIGN = Pattern.compile("(\\$[A-Za-z0-9_]+)\\s*(:?=)\\s*(.+)", Pattern.DOTALL);

    /** Go's builtins and the sprig functions evaluated, with their argument counts (negative: at least). */
    public static final Map<String, Integer> FUNCTIONS = GoTemplateFunctions.ARITY;

    /** Where a field path's value comes from; throws IllegalArgumentException for a path the data does not have. */
    public interface Data extends Function<List<String>, Object> {}

    private sealed interface Part permits Text, Output, If, Range, Assign, Located {}

    /** An action with the line of the template it starts on, so that its errors name that line. */
    private record Located(int line, Part part) implements Part {}

    /**
     * A template that cannot be parsed or rendered, with the line (of the template, from 1) of the action at fault: a
     * patch's error then names the line of the file it is on.
     */
    public static final class TemplateError extends IllegalArgumentException {
        private final int line;

        TemplateError(int line, String message) {
            super(message);
            this.line = line;
        }

        /** The template's line, from 1. */
        public int line() {
            return line;
        }

        /** {@code e} with the line of the action it came from, unless it names an inner (more precise) one already. */
        static TemplateError at(int line, IllegalArgumentException e) {
            return e instanceof TemplateError located ? located : new TemplateError(line, e.getMessage());
        }
    }

    private record Text(String text) implements Part {}

    private record Output(List<Command> pipeline) implements Part {}

    private record If(List<Command> condition, List<Part> then, List<Part> otherwise) implements Part {}

    /** {@code {{range $key, $element := over}}body{{else}}otherwise{{end}}}; either variable may be null. */
    private record Range(String key, String element, List<Command> over, List<Part> body, List<Part> otherwise) implements Part {}

    /** {@code {{$name := pipeline}}} (declare) or {@code {{$name = pipeline}}} (assign). */
    private record Assign(String name, List<Command> pipeline) implements Part {}

    /** A function with its arguments, or (function null) a single value: a field path, a variable or a literal. */
    private record Command(String function, List<Object> args) {}

    /** A field path from dot; no names: dot itself. */
    private record FieldPath(List<String> names) {}

    /** A variable, with the field path after it ({@code $.MachineConfig}, {@code $node.Hostname}). */
    private record Variable(String name, List<String> names) {}

    /**
     * A Go struct as data: its fields by Go name. Templates read its fields and range over lists of them; printing a
     * whole struct is refused (Go prints {@code {…}} or a pointer, never what a config wants).
     */
    public static final class Struct extends java.util.LinkedHashMap<String, Object> {
        private final String type;

        public Struct(String type) {
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    /**
     * A nil pointer as data ({@code type} as Go names it, {@code *v1alpha1.NetworkConfig}): it prints as Go prints it,
     * {@code <nil>}, is false, and reading a field through it is Go's error.
     */
    public record Nil(String type) {
        @Override
        public String toString() {
            return "<nil>";
        }
    }

    /** Dot at the top of the template: the data itself, reached through {@link Data}. */
    private static final Object TOP = new Object();

    private final List<Part> parts;

    private GoTemplate(List<Part> parts) {
        this.parts = parts;
    }

    /**
     * Parses {@code template}; with {@code fields} non-null, every field path from the top must start with one of
     * them.
     *
     * @throws IllegalArgumentException naming the first action this subset does not evaluate, an unknown field or
     *     variable, or an unbalanced if/range/end
     */
    public static GoTemplate parse(String template, Set<String> fields) {
        List<String> tokens = new ArrayList<>();
        List<Integer> lines = new ArrayList<>(); // per token: the line an action starts on; 0 for text and markers
        Matcher m = ACTION.matcher(template);
        int line = 1;
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
            line += (int) template.substring(at, m.start()).chars().filter(c -> c == '\n').count();
            tokens.add(text);
            tokens.add(null); // marks that the next token is an action
            lines.add(0);
            lines.add(0);
            lines.add(line);
            // keywords with one space after them; string literals inside keep their spaces
            tokens.add(m.group(2).strip().replaceFirst("^else\\s+if\\s+", "else if ").replaceFirst("^if\\s+", "if "));
            trimNext = m.group(3) != null;
            line += (int) m.group().chars().filter(c -> c == '\n').count();
            at = m.end();
        }
        String rest = template.substring(at);
        if (rest.contains("{{")) {
            throw new TemplateError(line + (int) rest.substring(0, rest.indexOf("{{")).chars().filter(c -> c == '\n').count(),
                    "unclosed action at '" + rest.substring(rest.indexOf("{{")) + "'");
        }
        tokens.add(trimNext ? rest.stripLeading() : rest);
        lines.add(0);
        Cursor cursor = new Cursor(tokens, lines, fields);
        List<Part> parts = cursor.sequence();
        if (cursor.pending != null) {
            throw new TemplateError(cursor.pendingLine, "{{" + cursor.pending + "}} without a matching {{if}} or {{range}}");
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
        Map<String, Object> variables = new HashMap<>();
        variables.put("$", TOP);
        render(parts, new Scope(data, TOP, variables), out);
        return out.toString();
    }

    /** What the actions of one control structure see: the data, dot, and the variables declared so far. */
    private record Scope(Data data, Object dot, Map<String, Object> variables) {
        Scope inner(Object newDot) {
            return new Scope(data, newDot, new HashMap<>(variables));
        }
    }

    private static void render(List<Part> parts, Scope scope, StringBuilder out) {
        for (Part part : parts) {
            if (part instanceof Located l) {
                try {
                    render(List.of(l.part()), scope, out);
                } catch (IllegalArgumentException e) {
                    throw TemplateError.at(l.line(), e);
                }
            } else if (part instanceof Text t) {
                out.append(t.text());
            } else if (part instanceof Output o) {
                Object value = evaluate(o.pipeline(), scope);
                if (value == TOP || value instanceof Struct) {
                    throw new IllegalArgumentException("a template prints strings, numbers, flags, lists and maps, not a whole "
                            + (value instanceof Struct s ? s.type() : "config") + " section: name one of its fields");
                }
                out.append(GoTemplateFunctions.print(value));
            } else if (part instanceof If i) {
                render(GoTemplateFunctions.truthy(evaluate(i.condition(), scope)) ? i.then() : i.otherwise(), scope.inner(scope.dot()), out);
            } else if (part instanceof Range r) {
                range(r, scope, out);
            } else if (part instanceof Assign a) {
                scope.variables().put(a.name(), evaluate(a.pipeline(), scope));
            }
        }
    }

    /** Go's range: a list in order, a map in key order; nothing (no value, an empty list) runs the else branch. */
    private static void range(Range r, Scope scope, StringBuilder out) {
        Object over = evaluate(r.over(), scope);
        Map<Object, Object> items = new java.util.LinkedHashMap<>();
        if (over instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                items.put((long) i, list.get(i));
            }
        } else if (over instanceof Map<?, ?> map) {
            items.putAll(new TreeMap<>(map));
        } else if (over != null && !"".equals(over)) {
            throw new IllegalArgumentException("range can't iterate over " + GoTemplateFunctions.print(over));
        }
        if (items.isEmpty()) {
            render(r.otherwise(), scope.inner(scope.dot()), out);
            return;
        }
        items.forEach((key, element) -> {
            Scope inner = scope.inner(element);
            if (r.key() != null && r.element() != null) {
                inner.variables().put(r.key(), key);
                inner.variables().put(r.element(), element);
            } else if (r.key() != null) {
                inner.variables().put(r.key(), element);
            }
            render(r.body(), inner, out);
        });
    }

    private static Object evaluate(List<Command> pipeline, Scope scope) {
        Object value = null;
        for (int i = 0; i < pipeline.size(); i++) {
            Command c = pipeline.get(i);
            List<Object> args = new ArrayList<>();
            for (Object a : c.args()) {
                args.add(value(a, scope));
            }
            if (i > 0) {
                args.add(value);
            }
            value = c.function() == null ? args.get(0) : GoTemplateFunctions.apply(c.function(), args);
        }
        return value;
    }

    private static Object value(Object argument, Scope scope) {
        if (argument instanceof FieldPath f) {
            return field(scope.dot(), f.names(), scope.data(), ".");
        }
        if (argument instanceof Variable v) {
            return field(scope.variables().get(v.name()), v.names(), scope.data(), v.name() + ".");
        }
        return argument;
    }

    /** {@code names} from {@code base}: from the top through {@link Data}, inside a map by key, else Go's error. */
    private static Object field(Object base, List<String> names, Data data, String from) {
        if (names.isEmpty()) {
            return base;
        }
        if (base == TOP) {
            return data.apply(names);
        }
        Object value = base;
        for (String name : names) {
            if (value instanceof Nil nil) {
                throw new IllegalArgumentException("nil pointer evaluating " + nil.type() + "." + name + " (" + from + String.join(".", names) + ")");
            }
            if (!(value instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException("can't evaluate field " + name + " in type " + GoTemplateFunctions.kind(value)
                        + " (" + from + String.join(".", names) + ")");
            }
            value = map.get(name);
        }
        return value;
    }

    /** Walks text, null, action, text, null, action, …, text. */
    private static final class Cursor {
        private final List<String> tokens;
        private final List<Integer> lines;
        private final Set<String> fields;
        /** The variables each open control structure has declared: Go refuses an undeclared one at parse time. */
        private final Deque<Set<String>> declared = new ArrayDeque<>();
        private int next;
        /** How many range bodies enclose the action: there dot is an element, not the top. */
        private int rangeDepth;
        /** The {{else…}} or {{end}} that ended the last sequence; null at the end of the template. */
        private String pending;
        private int pendingLine;

        Cursor(List<String> tokens, List<Integer> lines, Set<String> fields) {
            this.tokens = tokens;
            this.lines = lines;
            this.fields = fields;
            declared.push(new HashSet<>(Set.of("$")));
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
                int line = lines.get(next);
                String action = tokens.get(next++);
                if (action.equals("end") || action.equals("else") || action.startsWith("else if ")) {
                    pending = action;
                    pendingLine = line;
                    return out;
                }
                if (action.startsWith("/*") && action.endsWith("*/")) {
                    continue;
                }
                try {
                    out.add(new Located(line, part(action)));
                } catch (IllegalArgumentException e) {
                    throw TemplateError.at(line, e);
                }
            }
            return out;
        }

        /** The part for one action (an if or a range takes the actions up to its end). */
        private Part part(String action) {
            Matcher range = RANGE.matcher(action);
            Matcher assign = ASSIGN.matcher(action);
            if (action.startsWith("if ")) {
                return conditional(action.substring(3).strip());
            } else if (range.matches()) {
                return range(action, range);
            } else if (assign.matches()) {
                List<Command> pipeline = pipeline(assign.group(3));
                if (assign.group(2).equals("=")) {
                    requireDeclared(assign.group(1), action);
                }
                declared.peek().add(assign.group(1));
                return new Assign(assign.group(1), pipeline);
            }
            return new Output(pipeline(action));
        }

        private If conditional(String condition) {
            List<Command> c = pipeline(condition);
            List<Part> then = block(Set.of());
            if (pending == null) {
                throw new IllegalArgumentException("{{if " + condition + "}} has no {{end}}");
            }
            if (pending.startsWith("else if ")) {
                return new If(c, then, List.of(conditional(pending.substring("else if ".length()).strip())));
            }
            List<Part> otherwise = List.of();
            if (pending.equals("else")) {
                otherwise = block(Set.of());
                if (!"end".equals(pending)) {
                    throw new IllegalArgumentException("{{if " + condition + "}}…{{else}} has no {{end}}");
                }
            }
            pending = null;
            return new If(c, then, otherwise);
        }

        private Range range(String action, Matcher m) {
            List<Command> over = pipeline(m.group(3).strip());
            Set<String> variables = new HashSet<>();
            if (m.group(1) != null) {
                variables.add(m.group(1));
            }
            if (m.group(2) != null) {
                variables.add(m.group(2));
            }
            rangeDepth++;
            List<Part> body;
            try {
                body = block(variables);
            } finally {
                rangeDepth--;
            }
            List<Part> otherwise = List.of();
            if ("else".equals(pending)) {
                otherwise = block(Set.of());
            }
            if (!"end".equals(pending)) {
                throw new IllegalArgumentException("{{" + action + "}} has no {{end}}"
                        + (pending != null ? " ({{" + pending + "}} cannot end a range)" : ""));
            }
            pending = null;
            return new Range(m.group(1), m.group(2), over, body, otherwise);
        }

        /** A sequence inside a control structure: variables declared in it end with it, as in Go. */
        private List<Part> block(Set<String> variables) {
            declared.push(new HashSet<>(variables));
            try {
                return sequence();
            } finally {
                declared.pop();
            }
        }

        private void requireDeclared(String variable, String action) {
            if (declared.stream().noneMatch(s -> s.contains(variable))) {
                throw new IllegalArgumentException("{{" + action + "}}: undefined variable \"" + variable + "\"");
            }
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
                                + String.join(", ", new TreeSet<>(FUNCTIONS.keySet())) + ")");
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
            if (INTEGER.matcher(word).matches()) {
                return Long.parseLong(word);
            }
            if (word.equals(".")) {
                return new FieldPath(List.of());
            }
            Matcher variable = VARIABLE.matcher(word);
            if (variable.matches()) {
                requireDeclared(variable.group(1), action);
                List<String> names = variable.group(2).isEmpty() ? List.of() : List.of(variable.group(2).substring(1).split("\\."));
                if (variable.group(1).equals("$")) {
                    checkTopField(names);
                }
                return new Variable(variable.group(1), names);
            }
            if (!FIELD.matcher(word).matches()) {
                throw new IllegalArgumentException("{{" + action + "}}: '" + word + "' is not supported (only fields like .ID,"
                        + " variables, \"strings\", numbers and the functions " + String.join(", ", new TreeSet<>(FUNCTIONS.keySet()))
                        + " are)");
            }
            List<String> names = List.of(word.substring(1).split("\\."));
            if (rangeDepth == 0) {
                checkTopField(names);
            }
            return new FieldPath(names);
        }

        private void checkTopField(List<String> names) {
            if (fields != null && !names.isEmpty() && !fields.contains(names.get(0))) {
                throw new IllegalArgumentException("no field ." + names.get(0) + " (there are ."
                        + String.join(", .", fields.stream().sorted().toList()) + ")");
            }
        }
    }
}
