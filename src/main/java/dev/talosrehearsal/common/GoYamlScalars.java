package dev.talosrehearsal.common;

import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * The one rule for writing a string as a YAML scalar the way Go's yaml encoder (go-yaml, which Talos and
 * talhelper use) writes it: plain when it reads back as the same string, double-quoted otherwise. Machine
 * configs, talsecret.yaml and talosconfig files all go through it, so they match what the Go tools write.
 */
public final class GoYamlScalars {
    private static final ScalarResolver RESOLVER = new CoreScalarResolver(false);
    /**
     * go-yaml's emitter (emitterc.go, yaml_emitter_analyze_scalar): these characters cannot start a plain scalar;
     * '-', '?' and ':' can, unless a blank or the end follows ("::/0" and "-v" stay plain, "- x" and "-" do not).
     */
    private static final Pattern UNSAFE_START = Pattern.compile("^([,\\[\\]{}#&*!|>'\"%@`\\s]|[-?:](\\s|$)|---|\\.\\.\\.).*", Pattern.DOTALL);

    private GoYamlScalars() {}

    /** A string as a plain scalar when it reads back as the same string, else double-quoted. */
    public static String scalar(String text) {
        boolean plainSafe = !text.isEmpty()
                && !UNSAFE_START.matcher(text).matches()
                && !text.endsWith(" ")
                && !text.contains(": ") && !text.endsWith(":")
                && !text.contains(" #")
                && text.chars().noneMatch(c -> c < 0x20 || c == 0x7f)
                && Tag.STR.equals(RESOLVER.resolve(text, true))
                && !looksLikeYaml11Special(text);
        return plainSafe ? text : quote(text);
    }

    /** go-yaml's isOldBool: the YAML 1.1 booleans in exactly these spellings (not "yEs"). */
    private static final Set<String> OLD_BOOLS = Set.of("y", "Y", "yes", "Yes", "YES", "on", "On", "ON",
            "n", "N", "no", "No", "NO", "off", "Off", "OFF");

    /**
     * The YAML 1.1 octal, float, dot-float and sexagesimal forms. Compiled once: compiling them per scalar
     * (String.matches) was 40% of a 1,000-node rollout's main thread in the profile (docs/benchmarks.md).
     */
    private static final Pattern[] YAML11_NUMBERS = {
            Pattern.compile("[-+]?0[0-7_]+"), Pattern.compile("[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?"),
            Pattern.compile("[-+]?\\.[0-9_]+"), Pattern.compile("[0-9]+(:[0-5]?[0-9])+")};

    /** go-yaml also quotes the YAML 1.1 spellings (yes, off, 0644 …) so older readers agree. */
    private static boolean looksLikeYaml11Special(String text) {
        if (OLD_BOOLS.contains(text)) {
            return true;
        }
        String t = text.toLowerCase();
        for (Pattern p : YAML11_NUMBERS) {
            if (p.matcher(t).matches()) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
