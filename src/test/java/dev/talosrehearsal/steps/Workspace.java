package dev.talosrehearsal.steps;

import dev.talosrehearsal.common.DirectoryTrees;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import io.cucumber.java.After;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One scenario's scratch directory (a copy of a fixture) and the last command run in it. */
public final class Workspace {
    private Path root;
    private CliRun lastRun;

    public Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("talos-rehearsal-scenario");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    public void copyFixture(String name) {
        Fixtures.copy(name, root());
    }

    public Path path(String relative) {
        return root().resolve(relative);
    }

    /** The path as the scenario speaks of it (relative to the workspace). */
    public String relative(String text) {
        return text.replace(root().toString() + "/", "");
    }

    public CliRun run(String... args) {
        lastRun = CliRun.of(args);
        return lastRun;
    }

    public CliRun lastRun() {
        return lastRun;
    }

    @After
    public void cleanUp() throws IOException {
        if (root != null) {
            try {
                DirectoryTrees.delete(root);
            } catch (UncheckedIOException e) {
                // scratch space of one scenario: what cannot be removed is left to the OS
            }
        }
    }
}
