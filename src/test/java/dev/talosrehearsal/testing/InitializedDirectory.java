package dev.talosrehearsal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A rehearsal directory as a user makes one for a cluster of their own: {@code init DIR --from talconfig.yaml -s} the
 * published test bundle, then edits to {@code after/talconfig.yaml}. For tests of clusters that are not the fixtures'.
 */
public final class InitializedDirectory {
    /** The bundle every such directory is made with (published test keys, not a cluster's). */
    public static final String TEST_BUNDLE = "src/test/resources/secrets/test-talsecret.yaml";

    private final Path dir;

    private InitializedDirectory(Path dir) {
        this.dir = dir;
    }

    /** Runs init from {@code talconfig} into {@code dir}; init must succeed. */
    public static InitializedDirectory from(Path talconfig, Path dir) {
        CliRun init = CliRun.of("init", dir.toString(), "--from", talconfig.toString(), "-s", TEST_BUNDLE);
        if (init.exitCode() != 0) {
            throw new AssertionError("init failed\n" + init);
        }
        return new InitializedDirectory(dir);
    }

    /** Writes {@code text} as {@code talconfig.yaml} in {@code sourceDir}, then runs init from it into {@code dir}. */
    public static InitializedDirectory fromText(String text, Path sourceDir, Path dir) {
        try {
            Files.createDirectories(sourceDir);
            return from(Files.writeString(sourceDir.resolve("talconfig.yaml"), text), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return dir;
    }

    /** Replaces the first {@code original} in after/talconfig.yaml, which must hold it. */
    public InitializedDirectory editAfter(String original, String replacement) {
        Path after = dir.resolve("after/talconfig.yaml");
        try {
            String text = Files.readString(after);
            if (!text.contains(original)) {
                throw new AssertionError(after + " does not hold: " + original);
            }
            Files.writeString(after, text.replace(original, replacement));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends {@code yaml} to after/talconfig.yaml (a top-level key it does not have yet). */
    public InitializedDirectory appendToAfter(String yaml) {
        Path after = dir.resolve("after/talconfig.yaml");
        try {
            Files.writeString(after, Files.readString(after) + yaml);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
