package dev.talosrehearsal.talconfig;

import dev.talosrehearsal.common.InputException;
import java.util.Map;

/**
 * talhelper's strict environment substitution over a whole file.
 *
 * <p>Supported forms: {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} (unset or empty → default),
 * {@code ${VAR-default}} (unset → default), {@code ${VAR:+alt}}/{@code ${VAR+alt}}, and {@code $$} for a
 * literal {@code $} — which is how {@code $${TS_CERT_DOMAIN}} reaches the output as {@code ${TS_CERT_DOMAIN}}
 * for containerboot to expand. A variable that ends up unset or empty is an error, never an empty
 * string: a silently empty auth key or address is worse than a refusal. Comments are removed first.
 */
public final class EnvSubstitution {
    private final Map<String, String> env;

    public EnvSubstitution(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Substitutes {@code text} (the content of {@code file}); errors name the file and line. */
    public String apply(String text, String file) {
        String stripped = YamlComments.strip(text, file);
        StringBuilder out = new StringBuilder(stripped.length());
        int line = 1;
        int i = 0;
        int n = stripped.length();
        while (i < n) {
            char c = stripped.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (c != '$' || i + 1 >= n) {
                out.append(c);
                i++;
                continue;
            }
            char next = stripped.charAt(i + 1);
            if (next == '$') {
                out.append('$');
                i += 2;
            } else if (next == '{') {
                int close = stripped.indexOf('}', i + 2);
                int newline = stripped.indexOf('\n', i + 2);
                if (close < 0 || (newline >= 0 && newline < close)) {
                    throw new InputException(file, line, "unterminated ${ in variable reference (write $$ for a literal $)");
                }
                out.append(expandBraced(stripped.substring(i + 2, close), file, line));
                i = close + 1;
            } else if (isNameStart(next)) {
                int end = i + 1;
                while (end < n && isNamePart(stripped.charAt(end))) {
                    end++;
                }
                String name = stripped.substring(i + 1, end);
                out.append(require(name, env.get(name), file, line));
                i = end;
            } else {
                out.append(c); // a lone '$' (e.g. "$ 5" or "$1") is literal, as in envsubst
                i++;
            }
        }
        return out.toString();
    }

    private String expandBraced(String expression, String file, int line) {
        int nameEnd = 0;
        while (nameEnd < expression.length() && isNamePart(expression.charAt(nameEnd))) {
            nameEnd++;
        }
        String name = expression.substring(0, nameEnd);
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            throw new InputException(file, line, "bad variable reference ${" + expression + "}");
        }
        String rest = expression.substring(nameEnd);
        String value = env.get(name);
        boolean set = value != null;
        boolean nonEmpty = set && !value.isEmpty();
        if (rest.isEmpty()) {
            return require(name, value, file, line);
        }
        if (rest.startsWith(":-") || rest.startsWith(":=")) {
            return nonEmpty ? value : requireDefault(name, rest.substring(2), file, line);
        }
        if (rest.startsWith("-") || rest.startsWith("=")) {
            return set ? require(name, value, file, line) : requireDefault(name, rest.substring(1), file, line);
        }
        if (rest.startsWith(":+")) {
            return nonEmpty ? rest.substring(2) : "";
        }
        if (rest.startsWith("+")) {
            return set ? rest.substring(1) : "";
        }
        throw new InputException(file, line, "unsupported variable expression ${" + expression + "}");
    }

    private static String requireDefault(String name, String fallback, String file, int line) {
        if (fallback.isEmpty()) {
            throw new InputException(file, line, "variable ${" + name + "} is not set and its default is empty");
        }
        return fallback;
    }

    private static String require(String name, String value, String file, int line) {
        if (value == null) {
            if (name.equals("patch")) {
                throw new InputException(file, line, "variable ${patch} is not set: variables are substituted before"
                        + " patches are read, so write '$$patch: delete' to get '$patch: delete'");
            }
            throw new InputException(file, line, "variable ${" + name + "} is not set"
                    + " (define it in talenv.yaml or the environment, or write $${" + name + "} to keep it literally)");
        }
        if (value.isEmpty()) {
            throw new InputException(file, line, "variable ${" + name + "} is set but empty");
        }
        return value;
    }

    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
