package dev.talosrehearsal.cli.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a command of this program in a new JVM (same java, same class path) and times it from process
 * start to the child's {@value BenchKubeStartupCommand#UP} line, as a user would wait for it: JVM
 * start-up and class loading included. Optionally with the class-data-sharing archive
 * {@code bin/talos-rehearsal} uses; then with {@code -Xshare:on}, so a stale archive fails loudly
 * instead of being measured as if it had been used.
 */
public final class FreshJvm {
    public static final String ARCHIVE_NAME = "talos-rehearsal.jsa";

    private final Path java;
    private final String classPath;
    private final String mainClass;
    private final Optional<Path> archive;
    private final String whyNoArchive;

    private FreshJvm(Path java, String classPath, String mainClass, Optional<Path> archive, String whyNoArchive) {
        this.java = java;
        this.classPath = classPath;
        this.mainClass = mainClass;
        this.archive = archive;
        this.whyNoArchive = whyNoArchive;
    }

    /**
     * The JVM and class path of this process; the archive beside the jar, if this process runs from one.
     *
     * @param mainClass the command line's entry point (handed in, so the benchmarks need not import it)
     */
    static FreshJvm current(String mainClass) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("java.class.path");
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return new FreshJvm(java, classPath, mainClass, Optional.empty(), "not run from target/talos-rehearsal.jar");
        }
        try {
            // The archive records the jar's path as bin/talos-rehearsal spelled it: absolute, symbolic links resolved.
            Path jar = Path.of(classPath).toRealPath();
            Path archive = jar.resolveSibling(ARCHIVE_NAME);
            return Files.isRegularFile(archive)
                    ? new FreshJvm(java, jar.toString(), mainClass, Optional.of(archive), "")
                    : new FreshJvm(java, jar.toString(), mainClass, Optional.empty(), "no " + archive + " ('mvn package' trains it)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Optional<Path> archive() {
        return archive;
    }

    String whyNoArchive() {
        return whyNoArchive;
    }

    /** One cold start of {@code args}; fails when the child exits before printing its up line. */
    Start start(Optional<Path> withArchive, String... args) {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        withArchive.ifPresent(a -> command.addAll(List.of("-Xshare:on", "-XX:SharedArchiveFile=" + a, "-Xlog:cds*=off")));
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        long started = System.nanoTime();
        try {
            Process process = builder.start();
            List<String> output = new ArrayList<>();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(BenchKubeStartupCommand.UP + " ")) {
                        long up = System.nanoTime() - started;
                        lines.transferTo(Writer.nullWriter());
                        process.waitFor();
                        return new Start(up, phases(line));
                    }
                    output.add(line);
                }
            }
            int exit = process.waitFor();
            throw new IllegalStateException("the fresh JVM exited with " + exit + " before it was up"
                    + (withArchive.isPresent() ? " (a stale archive? rebuild with 'mvn package')" : "") + ": " + String.join(" | ", output));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Map<String, Long> phases(String upLine) {
        Map<String, Long> phases = new HashMap<>();
        for (String pair : upLine.substring(BenchKubeStartupCommand.UP.length()).trim().split(" ")) {
            String[] kv = pair.split("=", 2);
            phases.put(kv[0], Long.parseLong(kv[1]));
        }
        return phases;
    }

    static Start median(List<Start> starts) {
        List<Start> sorted = starts.stream().sorted(Comparator.comparingLong(Start::upNanos)).toList();
        return sorted.get(sorted.size() / 2);
    }

    static Start best(List<Start> starts) {
        return starts.stream().min(Comparator.comparingLong(Start::upNanos)).orElseThrow();
    }

    /** Process start → up, and the child's own split of that time into phases (milliseconds). */
    record Start(long upNanos, Map<String, Long> phases) {
        long phase(String name) {
            return phases.getOrDefault(name, -1L);
        }
    }
}
