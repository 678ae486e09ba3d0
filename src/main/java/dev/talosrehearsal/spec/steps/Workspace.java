package dev.talosrehearsal.spec.steps;

import dev.talosrehearsal.common.DirectoryTrees;
import dev.talosrehearsal.rehearsal.RehearsalDirectory;
import dev.talosrehearsal.rehearsal.ScenarioSettings;
import dev.talosrehearsal.spec.CommandRun;
import io.cucumber.java.After;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * One scenario's scratch directory: a copy of the rehearsal directory the run is about (made on first use, so
 * scenarios can change files without touching the user's), and the last command run in it.
 */
public final class Workspace {
    private Path root;
    private CommandRun lastRun;

    public Path root() {
        if (root == null) {
            try {
                root = Files.createTempDirectory("talos-rehearsal-scenario");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            copy(ScenarioSettings.cluster(), root, ScenarioSettings.skip());
        }
        return root;
    }

    /** Copies the rehearsal directory, leaving out version control and the reports this run is writing into it. */
    private static void copy(Path source, Path into, Optional<Path> skip) {
        if (!RehearsalDirectory.isRehearsalDirectory(source)) {
            throw new IllegalStateException(source.toAbsolutePath() + " is not a rehearsal directory (no before/talconfig.yaml or before/ machine configs)");
        }
        Path absolute = source.toAbsolutePath().normalize();
        try {
            DirectoryTrees.copy(absolute, into,
                    relative -> relative.startsWith(".git") || skip.map(absolute.resolve(relative)::startsWith).orElse(false),
                    StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + ": " + e.getMessage(), e);
        }
    }

    public Path path(String relative) {
        return root().resolve(relative);
    }

    /** The path as the scenario speaks of it (relative to the workspace). */
    public String relative(String text) {
        return text.replace(root().toString() + "/", "");
    }

    /** {@code -e talenv.yaml} when the rehearsal directory has one (init writes it only when given one). */
    public String[] talenvOption() {
        return Files.exists(path("talenv.yaml")) ? new String[] {"-e", path("talenv.yaml").toString()} : new String[0];
    }

    public CommandRun run(String... args) {
        lastRun = CommandRun.of(args);
        return lastRun;
    }

    public CommandRun lastRun() {
        return lastRun;
    }

    @After
    public void cleanUp() {
        if (root != null) {
            try {
                DirectoryTrees.delete(root);
            } catch (UncheckedIOException e) {
                // scratch space of one scenario: what cannot be removed is left to the OS
            }
        }
    }
}
