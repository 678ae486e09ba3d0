package dev.talosrehearsal.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * This process's peak resident set size, per size of a benchmark: Linux keeps the high-water mark in
 * {@code /proc/self/status} (VmHWM) and resets it when "5" is written to {@code /proc/self/clear_refs}
 * (proc(5)). Elsewhere both do nothing and the figure is absent.
 */
final class PeakRss {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakRss() {}

    /** Starts a new high-water mark from the current RSS. */
    static void reset() {
        try {
            Files.writeString(CLEAR_REFS, "5", StandardCharsets.US_ASCII);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or not allowed: the peak then covers the whole run so far
        }
    }

    /** The peak RSS since the last reset (or process start), in bytes. */
    static OptionalLong bytes() {
        return highWaterMark(STATUS);
    }

    /** Another process's peak RSS so far (a child's, read while it runs); absent once it is gone. */
    static OptionalLong of(long pid) {
        return highWaterMark(Path.of("/proc", Long.toString(pid), "status"));
    }

    private static OptionalLong highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /** {@code 612 MiB}, or {@code -} when unknown. */
    static String format(OptionalLong bytes) {
        return bytes.isPresent() ? String.format("%d MiB", bytes.getAsLong() / (1024 * 1024)) : "-";
    }
}
