package dev.talosrehearsal.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Directory trees as a whole: copying one (a rehearsal directory into a scenario's scratch space, a talconfig with its
 * patch files), and removing one with everything in it (scratch space, key material that must not outlive its use).
 */
public final class DirectoryTrees {
    private DirectoryTrees() {}

    /**
     * Copies everything below {@code from} into {@code to} (made as needed), leaving out each path {@code leaveOut}
     * accepts — given relative to {@code from} — and everything below it.
     */
    public static void copy(Path from, Path to, Predicate<Path> leaveOut, CopyOption... options) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path relative = from.relativize(p);
                if (!relative.toString().isEmpty() && leaveOut.test(relative)) {
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.exists(target.getParent())) {
                    Files.copy(p, target, options);
                }
            }
        }
    }

    /** Deletes {@code dir} and everything below it, deepest first; nothing to do when it does not exist. */
    public static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
