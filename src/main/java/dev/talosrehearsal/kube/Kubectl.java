package dev.talosrehearsal.kube;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real kubectl binary, run with a given kubeconfig (and nothing from the user's environment:
 * no KUBECONFIG, no ~/.kube cache): the checks a rehearsal directory declares (checks.yaml), the spec steps that
 * query the cluster, and tests, which skip with {@link #MISSING} as the reason where it is absent.
 */
public final class Kubectl {
    public static final String MISSING = "no kubectl on PATH: the kubectl checks need the real binary";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private Kubectl() {}

    /** kubectl on PATH, if any. */
    public static Optional<Path> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** What one kubectl run printed. */
    public record Result(int exitCode, String stdout, String stderr) {
        public List<String> lines() {
            return stdout.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Runs {@code kubectl --kubeconfig <kubeconfig> <args>} with a scratch HOME (its discovery cache) next to the kubeconfig. */
    public static Result run(Path kubeconfig, String... args) {
        try (Running running = start(kubeconfig, args)) {
            if (!running.process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish within " + TIMEOUT);
            }
            return running.result();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A kubectl that runs until stopped ({@code get -w}); what it printed so far can be read at any time. */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final Path out;
        private final Path err;

        private Running(Process process, Path out, Path err) {
            this.process = process;
            this.out = out;
            this.err = err;
        }

        public String stdout() {
            try {
                return Files.readString(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Stops kubectl and returns everything it printed (its exit code is the signal's). */
        public Result stop() {
            process.destroy();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return result();
        }

        private Result result() {
            try {
                return new Result(process.exitValue(), stdout(), Files.readString(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Kills kubectl if it still runs and removes its output files. */
        @Override
        public void close() {
            process.destroyForcibly();
            try {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Starts {@code kubectl --kubeconfig <kubeconfig> <args>} in the background, as {@link #run} runs it. */
    public static Running start(Path kubeconfig, String... args) {
        Path binary = find().orElseThrow(() -> new IllegalStateException(MISSING));
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--kubeconfig=" + kubeconfig.toAbsolutePath()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        Path home = kubeconfig.toAbsolutePath().getParent().resolve("kubectl-home");
        try {
            Files.createDirectories(home);
            pb.environment().remove("KUBECONFIG");
            pb.environment().put("HOME", home.toString());
            Path out = Files.createTempFile(home, "stdout", ".txt");
            Path err = Files.createTempFile(home, "stderr", ".txt");
            pb.redirectOutput(out.toFile()).redirectError(err.toFile());
            return new Running(pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A kubectl table as rows of header → cell, sliced at the header's column starts (cells such as
     * {@code Talos (v1.11.5)} contain single spaces; kubectl pads columns with at least three).
     */
    public static List<Map<String, String>> table(String stdout) {
        List<String> lines = stdout.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return List.of();
        }
        String header = lines.get(0);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\S+").matcher(header);
        while (m.find()) {
            starts.add(m.start());
            names.add(m.group());
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < starts.size(); i++) {
                int from = Math.min(starts.get(i), line.length());
                int to = i + 1 < starts.size() ? Math.min(starts.get(i + 1), line.length()) : line.length();
                row.put(names.get(i), line.substring(from, to).trim());
            }
            rows.add(row);
        }
        return rows;
    }
}
