package dev.talosrehearsal.cli.bench;

import dev.talosrehearsal.common.DirectoryTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmarks' scratch directories, {@code talos-rehearsal-bench*} in the temporary directory. Each is removed
 * when the process ends, however it ends (Ctrl-C included), even where a benchmark does not remove it itself
 * (issue 15: every run left one behind per cluster size). They hold generated secrets and journals with configs.
 */
final class BenchDirectory {
    static final String PREFIX = "talos-rehearsal-bench";
    private static final List<Path> CREATED = new ArrayList<>();

    private BenchDirectory() {}

    /** A new directory named {@code talos-rehearsal-bench<suffix>…}, removed at the latest when the process ends. */
    static Path create(String suffix) throws IOException {
        Path dir = Files.createTempDirectory(PREFIX + suffix);
        synchronized (CREATED) {
            if (CREATED.isEmpty()) {
                Runtime.getRuntime().addShutdownHook(new Thread(BenchDirectory::deleteAll, "talos-rehearsal-bench-cleanup"));
            }
            CREATED.add(dir);
        }
        return dir;
    }

    private static void deleteAll() {
        synchronized (CREATED) {
            for (Path dir : CREATED) {
                try {
                    DirectoryTrees.delete(dir);
                } catch (UncheckedIOException e) {
                    // best effort at exit: nothing is left to report it to
                }
            }
        }
    }
}
