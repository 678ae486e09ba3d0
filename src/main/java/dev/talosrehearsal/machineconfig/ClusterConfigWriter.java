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

/**
 * Writes a clusterconfig directory: one machine config per node, talosconfig, and .gitignore.
 *
 * <p>All or nothing: every file is first written in full to a temporary file beside its target
 * (0600, in a 0700 directory), and only when all of them are on disk are they renamed into place.
 * A failure before that leaves the directory exactly as it was.
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

    /** Writes the files; returns the paths written. */
    public static List<Path> write(Map<String, String> files, Path outDir) {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new InputException(outDir.toString(), 0, "output path exists and is not a directory");
        }
        List<Path[]> staged = new ArrayList<>();
        try {
            AtomicFiles.createPrivateDirectory(outDir);
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path target = outDir.resolve(f.getKey());
                Path tmp = Files.createTempFile(outDir, "." + f.getKey() + ".", ".tmp");
                staged.add(new Path[] {tmp, target});
                AtomicFiles.setPermissions(tmp, AtomicFiles.PRIVATE_FILE);
                Files.writeString(tmp, f.getValue(), StandardCharsets.UTF_8);
            }
            List<Path> written = new ArrayList<>();
            for (Path[] pair : staged) {
                AtomicFiles.moveAtomically(pair[0], pair[1]);
                written.add(pair[1]);
            }
            staged.clear();
            return written;
        } catch (IOException e) {
            throw new InputException(outDir.toString(), 0, "cannot write output: " + e.getMessage()
                    + " (nothing in the directory was changed)");
        } finally {
            for (Path[] pair : staged) {
                try {
                    Files.deleteIfExists(pair[0]);
                } catch (IOException ignored) {
                    // a leftover ".name.tmp" is harmless
                }
            }
        }
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
