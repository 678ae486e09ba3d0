package dev.talosrehearsal.cli.bench;

/**
 * The heap a size really needs: what is still in use after a full collection, taken while the cluster is up. Beside
 * peak RSS it tells the collector's appetite from the tool's: G1 on a 24 GiB machine let a 1,000-node rollout's heap
 * grow to 0.75 GiB around a live set of about 100 MiB (docs/benchmarks.md).
 */
final class LiveHeap {
    private LiveHeap() {}

    /** {@code 97 MiB}: the used heap after {@link System#gc()} (a full collection unless the JVM was told to ignore it). */
    static String afterFullGc() {
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        return String.format("%d MiB", (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024));
    }
}
