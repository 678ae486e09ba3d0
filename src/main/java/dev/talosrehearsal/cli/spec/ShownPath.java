package dev.talosrehearsal.cli.spec;

import java.nio.file.Path;

/**
 * A path as {@code spec} prints it: relative to the current directory when it lies below it, as Cucumber names
 * features, else absolute. One rule for every line {@code spec} prints, so a failure, an undefined step and a
 * parse error name the same feature the same way.
 */
public final class ShownPath {

    private ShownPath() {
    }

    public static Path of(Path path) {
        Path absolute = path.toAbsolutePath();
        Path here = Path.of("").toAbsolutePath();
        return absolute.startsWith(here) ? here.relativize(absolute) : absolute;
    }
}
