package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a clusterconfig directory: one machine config per node, talosconfig, and .gitignore.
 *
 * <p>All or nothing (see {@link #write}): a failure (a full disk) leaves no new directory and an existing one as
 * it was, mode included, and the message says exactly what, if anything, was left.
 */
public final class ClusterConfigWriter {
    public static final String TALOSCONFIG = "talosconfig";
    public static final String GITIGNORE = ".gitignore";

    private ClusterConfigWriter() {}

    /** What would be written: file name → content, in writing order. */
    public static Map<String, String> files(RenderedCluster cluster, String talosconfig, Path outDir) {
        Map<String, String> files = new LinkedHashMap<>();
        for (RenderedNode node : cluster.nodes()) {
            files.put(cluster.fileName(node), node.config().toYaml());
        }
        files.put(TALOSCONFIG, talosconfig);
        files.put(GITIGNORE, gitignore(cluster, outDir.resolve(GITIGNORE)));
        return files;
    }

    /**
     * What was written, and a sentence when an existing directory's permissions were tightened to 0700 afterwards
     * (it holds private keys), null when they were not changed.
     */
    public record Written(List<Path> files, String tightened) {}

    /**
     * Writes the files, all or nothing. A new directory is written in full as a hidden sibling and renamed into place,
     * so a failure leaves no directory behind; in an existing one every file is written beside its target and renamed
     * over it only once all are on disk, and the directory's mode is tightened only after that.
     */
    public static Written write(Map<String, String> files, Path outDir) {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new InputException(outDir.toString(), 0, "output path exists and is not a directory");
        }
        return Files.isDirectory(outDir) ? intoExisting(files, outDir) : intoNew(files, outDir);
    }

    private static Written intoNew(Map<String, String> files, Path outDir) {
        Path parent = outDir.toAbsolutePath().getParent();
        List<Path> madeParents = missingAncestors(parent);
        Path staging = null;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, "." + outDir.getFileName() + ".");
            AtomicFiles.setPermissions(staging, AtomicFiles.PRIVATE_DIR);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = Files.createFile(staging.resolve(f.getKey()));
                AtomicFiles.setPermissions(file, AtomicFiles.PRIVATE_FILE);
                Files.writeString(file, f.getValue(), StandardCharsets.UTF_8);
            }
            AtomicFiles.moveAtomically(staging, outDir);
            staging = null;
            return new Written(files.keySet().stream().map(outDir::resolve).toList(), null);
        } catch (IOException e) {
            List<Path> left = new ArrayList<>();
            if (staging != null && !deleteTree(staging)) {
                left.add(staging);
            }
            for (int i = madeParents.size() - 1; i >= 0; i--) { // deepest first: each is empty once its child is gone
                if (!delete(madeParents.get(i))) {
                    left.add(madeParents.get(i));
                }
            }
            throw new InputException(outDir.toString(), 0, "cannot write output: " + reason(e)
                    + (left.isEmpty() ? " (nothing was written: the directory was not created)"
                            : " (the directory was not created, but these could not be removed: " + join(left) + ")"));
        }
    }

    private static Written intoExisting(Map<String, String> files, Path outDir) {
        List<Path[]> staged = new ArrayList<>();
        List<Path> replaced = new ArrayList<>();
        try {
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path target = outDir.resolve(f.getKey());
                Path tmp = Files.createTempFile(outDir, "." + f.getKey() + ".", ".tmp");
                staged.add(new Path[] {tmp, target});
                AtomicFiles.setPermissions(tmp, AtomicFiles.PRIVATE_FILE);
                Files.writeString(tmp, f.getValue(), StandardCharsets.UTF_8);
            }
            for (Path[] pair : staged) {
                AtomicFiles.moveAtomically(pair[0], pair[1]);
                replaced.add(pair[1]);
            }
            staged.clear();
        } catch (IOException e) {
            List<Path> left = new ArrayList<>();
            for (Path[] pair : staged) {
                if (!replaced.contains(pair[1]) && !delete(pair[0])) {
                    left.add(pair[0]);
                }
            }
            String what = replaced.isEmpty() ? "no file in the directory was changed" : "only these were replaced: " + join(replaced);
            throw new InputException(outDir.toString(), 0, "cannot write output: " + reason(e) + " (" + what
                    + (left.isEmpty() ? "" : "; temporary files left: " + join(left)) + ")");
        }
        return new Written(replaced, tighten(outDir));
    }

    /** After a successful write only: the directory holds private keys, so owner-only, said when it changes. */
    private static String tighten(Path dir) {
        try {
            Set<PosixFilePermission> before = Files.getPosixFilePermissions(dir);
            if (before.equals(AtomicFiles.PRIVATE_DIR)) {
                return null;
            }
            AtomicFiles.setPermissions(dir, AtomicFiles.PRIVATE_DIR);
            return "permissions of " + dir + " tightened to rwx------ (were " + PosixFilePermissions.toString(before)
                    + "): it holds private keys";
        } catch (UnsupportedOperationException | IOException e) {
            return null; // no POSIX permissions here (Windows): ACLs govern, nothing was changed
        }
    }

    private static List<Path> missingAncestors(Path dir) {
        List<Path> missing = new ArrayList<>();
        for (Path p = dir; p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        return missing;
    }

    private static boolean deleteTree(Path dir) {
        try (var entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes a file or an empty directory; false when it is still there. */
    private static boolean delete(Path path) {
        try {
            Files.deleteIfExists(path);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String reason(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e instanceof java.nio.file.FileSystemException fs
                && fs.getReason() != null ? fs.getReason() : e.getMessage();
    }

    private static String join(List<Path> paths) {
        return String.join(", ", paths.stream().map(Path::toString).toList());
    }

    /** talhelper appends missing entries to an existing .gitignore and keeps the rest. */
    private static String gitignore(RenderedCluster cluster, Path existing) {
        StringBuilder out = new StringBuilder();
        List<String> present = new ArrayList<>();
        if (Files.isRegularFile(existing)) {
            try {
                String text = Files.readString(existing, StandardCharsets.UTF_8);
                out.append(text);
                if (!text.isEmpty() && !text.endsWith("\n")) {
                    out.append('\n');
                }
                present.addAll(text.lines().map(String::trim).toList());
            } catch (IOException e) {
                throw new InputException(existing.toString(), 0, "cannot read: " + e.getMessage());
            }
        }
        List<String> wanted = new ArrayList<>();
        cluster.nodes().forEach(n -> wanted.add(cluster.fileName(n)));
        wanted.add(TALOSCONFIG);
        for (String line : wanted) {
            if (!present.contains(line) && !present.contains("*.yaml") && !present.contains("*")) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
