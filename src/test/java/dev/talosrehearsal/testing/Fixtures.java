package dev.talosrehearsal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** The project's fixtures ({@code fixtures/<name>}), copied into a scratch directory so tests can change them. */
public final class Fixtures {
    public static final Path ROOT = Path.of("fixtures");

    private Fixtures() {}

    public static Path copy(String name, Path into) {
        Path source = ROOT.resolve(name);
        if (!Files.isDirectory(source)) {
            throw new IllegalArgumentException("no fixture " + source.toAbsolutePath());
        }
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = into.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into;
    }

    /** The sibling {@code shared/} folder of the developers' machines, or null on a user's clone. */
    public static Path shared() {
        Path shared = Path.of(System.getProperty("talos.rehearsal.shared", "../shared"));
        return Files.isDirectory(shared.resolve("reference")) ? shared : null;
    }
}
