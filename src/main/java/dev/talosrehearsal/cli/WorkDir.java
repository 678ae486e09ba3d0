package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.DirectoryTrees;
import dev.talosrehearsal.common.InputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a rehearsal or a running simulated cluster keeps its files: journals (with machine configs),
 * a talosconfig with an admin key signed by the cluster's CA, a kubeconfig. With the user's own
 * secrets those are keys to the real cluster, so a temporary one is 0700 and removed when the command
 * ends — also on Ctrl-C; one the user asked for ({@code --work DIR}) is kept, and said where.
 */
final class WorkDir implements AutoCloseable {
    private final Path path;
    /** Not final: a temporary directory is kept after all when printed commands refer to it ({@link #keep}). */
    private boolean temporary;
    /** Ctrl-C skips close(): for a temporary directory this hook removes the files then. */
    private final Thread onExit;

    private WorkDir(Path path, boolean temporary) {
        this.path = path;
        this.temporary = temporary;
        this.onExit = new Thread(this::deleteIfTemporary, "talos-rehearsal-work-dir-cleanup");
        if (temporary) {
            Runtime.getRuntime().addShutdownHook(onExit);
        }
    }

    /** How a temporary work directory's name starts (distinct from the simulator's own temporary directories). */
    static final String TEMPORARY_PREFIX = "talos-rehearsal-work-";

    /** A new directory inside {@code parent} (created if missing, kept), or a temporary one when {@code parent} is null. */
    static WorkDir create(Path parent) {
        try {
            if (parent == null) {
                return new WorkDir(Files.createTempDirectory(TEMPORARY_PREFIX), true);
            }
            Files.createDirectories(parent);
            return new WorkDir(Files.createTempDirectory(parent, "rehearsal-"), false);
        } catch (IOException e) {
            throw new InputException(parent == null ? System.getProperty("java.io.tmpdir") : parent.toString(), 0,
                    "cannot create a work directory: " + e.getMessage());
        }
    }

    Path path() {
        return path;
    }

    synchronized boolean kept() {
        return !temporary;
    }

    /**
     * Keeps a temporary directory after all: manual steps were printed that name files in it (a journal's
     * before.yaml, {@code rollback --journal}), and a printed command must not point at a path that is gone once
     * the process has ended.
     */
    synchronized void keep() {
        if (temporary) {
            temporary = false;
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook runs, but finds the directory no longer temporary
            }
        }
    }

    /** Removes a temporary directory with everything in it; keeps one inside {@code --work DIR}. */
    @Override
    public void close() {
        boolean wasTemporary = !kept();
        deleteIfTemporary();
        if (wasTemporary) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // the JVM is shutting down already: the hook has run or runs anyway
            }
        }
    }

    private synchronized void deleteIfTemporary() {
        if (temporary) {
            try {
                DirectoryTrees.delete(path);
            } catch (UncheckedIOException e) {
                // best effort: whatever is left is 0700 and only readable by this user
            }
        }
    }
}
