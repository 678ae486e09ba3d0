package dev.talosrehearsal.common;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Bad input from the user: a file that does not parse, an unknown key, a CIDR that is not one.
 *
 * <p>The CLI prints {@link #oneLine()} on stderr and exits with code 2. The message must never
 * contain secret material (keys, tokens): callers name the field, not its value.
 */
public class InputException extends RuntimeException {
    private final String file;
    private final int line;

    /**
     * @param file the file the problem is in (as the user named it), or null when there is none
     * @param line 1-based line, or 0 when unknown
     */
    public InputException(String file, int line, String message) {
        super(Objects.requireNonNull(message), null, false, false);
        this.file = file;
        this.line = line;
    }

    public InputException(Path file, int line, String message) {
        this(file == null ? null : file.toString(), line, message);
    }

    public InputException(String message) {
        this((String) null, 0, message);
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    /** {@code file:line: message}, {@code file: message} or just the message. */
    public String oneLine() {
        String where = file == null ? "" : line > 0 ? file + ":" + line + ": " : file + ": ";
        return (where + getMessage()).replace('\n', ' ');
    }

    @Override
    public String toString() {
        return oneLine();
    }
}
