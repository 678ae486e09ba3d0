package dev.talosrehearsal.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader sees either the old content or the new, never half of it: the
 * bytes go to a temporary file in the same directory, which is then renamed over the target.
 */
public final class AtomicFiles {
    /** rw------- : for anything holding keys or tokens. */
    public static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    /** rwx------ : directories holding private files. */
    public static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");

    private AtomicFiles() {}

    /** Writes {@code content} to {@code target} atomically, readable and writable by the owner only. */
    public static void writePrivate(Path target, String content) {
        writePrivate(target, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code content} to {@code target} atomically, readable and writable by the owner only. */
    public static void writePrivate(Path target, byte[] content) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            setPermissions(tmp, PRIVATE_FILE);
            Files.write(tmp, content);
            moveAtomically(tmp, target);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Renames {@code from} to {@code to}, replacing {@code to}; atomic where the file system allows it. */
    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Sets POSIX permissions where the file system has them (silently skipped elsewhere). */
    public static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): permissions are governed by ACLs there.
        }
    }

    /** Creates a directory with owner-only permissions, or tightens an existing one. */
    public static void createPrivateDirectory(Path dir) throws IOException {
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw new IOException(dir + " exists and is not a directory", e);
        }
        setPermissions(dir, PRIVATE_DIR);
    }

    static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort: a stray temporary file is harmless and named as such
        }
    }
}
