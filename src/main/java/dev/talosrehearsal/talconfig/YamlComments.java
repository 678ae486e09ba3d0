package dev.talosrehearsal.talconfig;

import dev.talosrehearsal.common.InputLimits;
import dev.talosrehearsal.common.YamlNodes;

import dev.talosrehearsal.common.InputException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.scanner.ScannerImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.tokens.CommentToken;
import org.snakeyaml.engine.v2.tokens.Token;

/**
 * Removes YAML comments while keeping every line where it was.
 *
 * <p>talhelper strips comments before substituting variables, so a {@code ${VAR}} in a comment is
 * never an error. The YAML scanner finds the comments: a {@code #} inside a quoted string or a block
 * scalar (a script in {@code machineFiles}) is content, not a comment. Comment text is replaced by
 * nothing and newlines stay, so line numbers in later errors still match the user's file.
 */
final class YamlComments {
    private YamlComments() {}

    static String strip(String text, String file) {
        LoadSettings settings = InputLimits.yamlSettings(file).setParseComments(true).build();
        ScannerImpl scanner = new ScannerImpl(settings, new StreamReader(settings, text));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0; // char index in text up to which output has been copied
        try {
            while (scanner.hasNext()) {
                Token token = scanner.next();
                if (token instanceof CommentToken) {
                    int start = charIndex(text, token.getStartMark().orElseThrow());
                    int end = charIndex(text, token.getEndMark().orElseThrow());
                    // The comment token starts at '#'; keep whatever precedes it on the line.
                    int hash = text.indexOf('#', Math.max(start, copied));
                    if (hash < 0 || hash >= end) {
                        continue;
                    }
                    out.append(text, copied, hash);
                    copied = Math.max(end, hash);
                    // never swallow the line break
                    while (copied > hash && copied <= text.length() && isBreakBefore(text, copied)) {
                        copied--;
                    }
                }
            }
        } catch (YamlEngineException e) {
            throw new InputException(file, YamlNodes.lineOf(e, text), "not valid YAML: " + YamlNodes.problem(e));
        }
        out.append(text, copied, text.length());
        return out.toString();
    }

    private static boolean isBreakBefore(String text, int index) {
        char c = text.charAt(index - 1);
        return c == '\n' || c == '\r';
    }

    /** Marks count code points; Java strings count UTF-16 units. */
    private static int charIndex(String text, Mark mark) {
        return text.offsetByCodePoints(0, Math.min(mark.getIndex(), text.codePointCount(0, text.length())));
    }
}
