package dev.talosrehearsal.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A new directory written all or nothing: its content goes into a hidden sibling ({@code .NAME.<purpose>-<random>},
 * mode 0700), which is renamed to the target only when complete; {@link #close()} removes the sibling when
 * {@link #commit()} was not reached, so a failure leaves nothing behind. The target must not exist or be empty:
 * an existing non-empty directory is refused, never merged into or overwritten.
 */
public final class StagedDirectory implements AutoCloseable {
    private final Path target;
    private Path staging;

    private StagedDirectory(Path target, Path staging) {
        this.target = target;
        this.staging = staging;
    }

    /**
     * Refuses an existing non-empty {@code target} (bad input naming it, {@code command} saying who refuses) and opens
     * the hidden sibling to write into.
     */
    public static StagedDirectory open(Path target, String command) {
        refuseExisting(target, command);
        Path parent = target.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path staging = Files.createTempDirectory(parent, "." + target.getFileName() + "." + command + "-");
            AtomicFiles.setPermissions(staging, AtomicFiles.PRIVATE_DIR);
            return new StagedDirectory(target, staging);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + target + ": " + e.getMessage(), e);
        }
    }

    /** The hidden sibling itself: write everything below it. */
    public Path root() {
        if (staging == null) {
            throw new IllegalStateException("already committed or closed");
        }
        return staging;
    }

    /** Where to write: a path inside the hidden sibling. */
    public Path resolve(String relative) {
        return root().resolve(relative);
    }

    /** Renames the finished sibling to the target. */
    public void commit() {
        try {
            Files.deleteIfExists(target); // empty (checked at open): the finished directory takes its place
            AtomicFiles.moveAtomically(staging, target);
            staging = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + target + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (staging != null) {
            Path left = staging;
            staging = null;
            DirectoryTrees.delete(left);
        }
    }

    /** Bad input when {@code dir} exists and is not an empty directory: checked before any work, and again at {@link #open}. */
    public static void refuseExisting(Path dir, String command) {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir.toString(), 0, "exists and is not a directory; " + command + " never overwrites");
        }
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new InputException(dir.toString(), 0, "exists and is not empty; " + command + " never overwrites (pick a new directory)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }
}
