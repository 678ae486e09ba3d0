package dev.talosrehearsal.cli.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command of this program in a new JVM (same java, same class path) and times it from process
 * start to the child's {@value BenchKubeStartupCommand#UP} line, as a user would wait for it: JVM
 * start-up and class loading included. Optionally with the archive {@code bin/talos-rehearsal} uses
 * (the class-data-sharing archive, or from Java 25 on the ahead-of-time cache); then with
 * {@code -Xshare:on} or {@code -XX:AOTMode=on}, so a stale archive fails loudly instead of being
 * measured as if it had been used.
 */
public final class FreshJvm {
    /** The class-data-sharing archive bin/talos-rehearsal trains and maps on Java 17 to 24. */
    public static final String ARCHIVE_NAME = "talos-rehearsal.jsa";
    /** The ahead-of-time cache it trains and maps on Java 25 and later (JEP 483, 514, 515). */
    public static final String AOT_CACHE_NAME = "talos-rehearsal.aot";
    private static final int FIRST_AOT_CACHE_RELEASE = 25;
    private static final int FIRST_UNSAFE_WARNING_RELEASE = 24;
    private static final String QUIET_UNSAFE = "--sun-misc-unsafe-memory-access=allow";
    private static final int TAIL_LINES = 5;

    private final Path java;
    private final List<String> tuning;
    private final String classPath;
    private final String mainClass;
    private final Optional<Path> archive;
    private final String whyNoArchive;

    private FreshJvm(Path java, String classPath, String mainClass, Optional<Path> archive, String whyNoArchive) {
        this.java = java;
        this.tuning = launcherTuning(ManagementFactory.getRuntimeMXBean().getInputArguments());
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
            Path archive = jar.resolveSibling(aheadOfTimeCache() ? AOT_CACHE_NAME : ARCHIVE_NAME);
            return Files.isRegularFile(archive)
                    ? new FreshJvm(java, jar.toString(), mainClass, Optional.of(archive), "")
                    : new FreshJvm(java, jar.toString(), mainClass, Optional.empty(), "no " + archive + " ('mvn package' trains it)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether this JVM, and so the fresh ones, is one bin/talos-rehearsal gives the ahead-of-time cache. */
    private static boolean aheadOfTimeCache() {
        return Runtime.version().feature() >= FIRST_AOT_CACHE_RELEASE;
    }

    /** The settings a bench compares: without the archive, then with it when there is one. */
    List<Optional<Path>> archiveSettings() {
        return archive.isPresent() ? List.of(Optional.empty(), archive) : List.of(Optional.empty());
    }

    /** The line that ends such a bench: which archive "on" was, or why it was not measured. */
    String archiveNote() {
        return archive.map(a -> "archive on: " + a + " (what bin/talos-rehearsal maps)").orElse("archive on: not measured — " + whyNoArchive);
    }

    /**
     * The options bin/talos-rehearsal gave this JVM (JIT, collector, code cache, heap ...), which the fresh JVMs get too,
     * so that they run as a user's command does; not the archive's (each start names its own), agents or logging.
     */
    private static List<String> launcherTuning(List<String> inputArguments) {
        return inputArguments.stream()
                .filter(o -> o.startsWith("-XX:") || o.startsWith("-Xm") || o.startsWith("-Xss") || o.startsWith("--sun-misc-unsafe-memory-access="))
                .filter(o -> !o.startsWith("-XX:SharedArchiveFile") && !o.startsWith("-XX:ArchiveClassesAtExit") && !o.startsWith("-XX:AOT"))
                .toList();
    }

    private List<String> command(Optional<Path> withArchive, String... args) {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        withArchive.ifPresent(a -> command.addAll(aheadOfTimeCache()
                ? List.of("-XX:AOTMode=on", "-XX:AOTCache=" + a, "-Xlog:aot*=off", "-Xlog:cds*=off")
                : List.of("-Xshare:on", "-XX:SharedArchiveFile=" + a, "-Xlog:cds*=off")));
        command.addAll(tuning);
        if (Runtime.version().feature() >= FIRST_UNSAFE_WARNING_RELEASE && !command.contains(QUIET_UNSAFE)) {
            // as bin/talos-rehearsal: no JEP 498 warnings about Netty's and protobuf's sun.misc.Unsafe in the child's output
            command.add(QUIET_UNSAFE);
        }
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Runs {@code args} in a fresh JVM to its end, in {@code directory}: wall time from process start to exit, and the
     * child's peak RSS (its VmHWM, read every few milliseconds while it runs; absent where Linux's /proc is not).
     */
    Run run(Optional<Path> withArchive, Path directory, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(withArchive, args)).directory(directory.toFile()).redirectErrorStream(true);
        long started = System.nanoTime();
        try {
            Process process = builder.start();
            Deque<String> tail = new ArrayDeque<>();
            Thread reader = new Thread(() -> keepTail(process, tail), "fresh-jvm-output");
            reader.setDaemon(true);
            reader.start();
            long peak = -1;
            while (!process.waitFor(5, TimeUnit.MILLISECONDS)) {
                peak = Math.max(peak, PeakRss.of(process.pid()).orElse(-1));
            }
            long wall = System.nanoTime() - started;
            reader.join();
            return new Run(wall, process.exitValue(), peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak), List.copyOf(tail));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Reads the child's output to its end (so it never blocks on a full pipe), keeping the last lines for a failure. */
    private static void keepTail(Process process, Deque<String> tail) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
            }
        } catch (IOException e) {
            // the child is gone; what was read is what there is
        }
    }

    /** One cold start of {@code args}; fails when the child exits before printing its up line. */
    Start start(Optional<Path> withArchive, String... args) {
        ProcessBuilder builder = new ProcessBuilder(command(withArchive, args)).redirectErrorStream(true);
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

    /** Process start → exit, the exit code, the peak RSS, and the last lines of output (for a failure's message). */
    record Run(long wallNanos, int exit, OptionalLong peakRss, List<String> tail) {}

    /** Process start → up, and the child's own split of that time into phases (milliseconds). */
    record Start(long upNanos, Map<String, Long> phases) {
        long phase(String name) {
            return phases.getOrDefault(name, -1L);
        }
    }
}
