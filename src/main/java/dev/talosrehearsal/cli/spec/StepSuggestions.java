package dev.talosrehearsal.cli.spec;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The defined steps closest to an undefined one, so a typo or a half-remembered step names what was meant. The step's
 * text is compared with each step pattern by edit distance, after the text's quoted strings become {@code {string}}
 * and its numbers {@code {int}}: "I roll out the "after" config" is one letter from "I roll out the {string} configs".
 */
final class StepSuggestions {
    private StepSuggestions() {}

    static List<String> closest(String stepText, List<String> patterns, int howMany) {
        String shape = shape(stepText);
        return patterns.stream().distinct()
                .sorted(Comparator.comparingInt((String p) -> distance(shape, p.toLowerCase(Locale.ROOT))).thenComparing(p -> p))
                .limit(howMany).toList();
    }

    /** The text as a pattern would spell it. */
    static String shape(String text) {
        return text.replaceAll("\"[^\"]*\"", "{string}").replaceAll("(?<![\\w.])-?\\d+(?![\\w.])", "{int}").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance: insertions, deletions and substitutions, one each. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
