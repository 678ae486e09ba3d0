package dev.talosrehearsal.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a bad-input case breaks a scratch copy of a fixture: the vocabulary of the bad-input tables
 * ({@code GenconfigBadInputTest}, {@code BadInputCorpusTest}). Paths are relative to the workspace.
 */
@FunctionalInterface
public interface Breakage {
    void apply(Path workspace) throws IOException;

    /** This breakage, then {@code next}. */
    default Breakage and(Breakage next) {
        return ws -> {
            apply(ws);
            next.apply(ws);
        };
    }

    /** Replaces the first occurrence of {@code original}, which must be there (so a fixture edit cannot silently void a case). */
    static Breakage replace(String file, String original, String replacement) {
        return ws -> {
            Path path = ws.resolve(file);
            String text = Files.readString(path, StandardCharsets.UTF_8);
            assertThat(text).as(file).contains(original);
            Files.writeString(path, text.replaceFirst(Pattern.quote(original), Matcher.quoteReplacement(replacement)));
        };
    }

    static Breakage replaceEvery(String file, String original, String replacement) {
        return ws -> {
            Path path = ws.resolve(file);
            String text = Files.readString(path, StandardCharsets.UTF_8);
            assertThat(text).as(file).contains(original);
            Files.writeString(path, text.replace(original, replacement));
        };
    }

    static Breakage append(String file, String text) {
        return ws -> Files.writeString(ws.resolve(file), Files.readString(ws.resolve(file)) + text);
    }

    static Breakage write(String file, String text) {
        return ws -> {
            Files.createDirectories(ws.resolve(file).getParent());
            Files.writeString(ws.resolve(file), text);
        };
    }

    static Breakage writeBytes(String file, byte[] bytes) {
        return ws -> {
            Files.createDirectories(ws.resolve(file).getParent());
            Files.write(ws.resolve(file), bytes);
        };
    }

    /** Puts {@code bytes} in front of the line that starts with {@code lineStart}. */
    static Breakage insertBytes(String file, String lineStart, byte[] bytes) {
        return ws -> {
            Path path = ws.resolve(file);
            byte[] text = Files.readAllBytes(path);
            int at = new String(text, StandardCharsets.ISO_8859_1).indexOf("\n" + lineStart) + 1;
            assertThat(at).as("%s has a line starting with %s", file, lineStart).isPositive();
            byte[] out = new byte[text.length + bytes.length];
            System.arraycopy(text, 0, out, 0, at);
            System.arraycopy(bytes, 0, out, at, bytes.length);
            System.arraycopy(text, at, out, at + bytes.length, text.length - at);
            Files.write(path, out);
        };
    }

    static Breakage delete(String file) {
        return ws -> Files.delete(ws.resolve(file));
    }

    /** Replaces a file by a directory of the same name. */
    static Breakage directoryInstead(String file) {
        return ws -> {
            Files.deleteIfExists(ws.resolve(file));
            Files.createDirectories(ws.resolve(file));
        };
    }

    /** Nothing: the arguments alone are the bad input. */
    static Breakage none() {
        return ws -> { };
    }
}
