package dev.talosrehearsal.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a new JVM with this JVM's java and class path, as a user's shell would: a new
 * process, its own exit, its own standard streams. For what only shows across a process boundary
 * (output lost at {@code System.exit}, per-process file locks, temporary files left behind).
 */
public final class FreshJvmRun {
    private FreshJvmRun() {}

    /**
     * What every child JVM gets before the test's own options: no bytecode verification of the class path (the build's
     * own classes and its pinned dependencies, as in Surefire's forks: pom.xml's argLine). A child that runs a rehearsal
     * spent about a second of its ten CPU seconds verifying classes (docs/benchmarks.md, seventh session); what a test
     * asserts of a child does not depend on it.
     */
    static final List<String> CHILD_JVM_OPTIONS = List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:-BytecodeVerificationRemote");

    /** The command line that starts {@code mainClass} with {@code jvmOptions} and {@code args}. */
    public static ProcessBuilder builder(List<String> jvmOptions, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(CHILD_JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /**
     * Runs the CLI's {@code Main} in a process that may not write any file larger than {@code kib} KiB ({@code ulimit -f}):
     * a write past that fails with EFBIG as one past a full disk fails with ENOSPC — a full file system without root.
     * The JVM ignores SIGXFSZ, so the write returns the error instead of killing the process.
     */
    public static Result mainWithFileSizeLimit(int kib, String... args) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -f " + kib + " && exec \"$@\"", "sh"));
        command.addAll(builder(List.of("-XX:-UsePerfData"), "dev.talosrehearsal.cli.Main", args).command());
        return run(new ProcessBuilder(command), "");
    }

    /** The JVM options bin/talos-rehearsal gives most commands, {@code bench} included (LauncherTuningTest holds it to them). */
    public static final List<String> LAUNCHER_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:ReservedCodeCacheSize=240m", "-XX:+UseSerialGC");

    /**
     * The options it gives a command that generates a secrets bundle to keep ({@code gensecret}, {@code init} without
     * {@code -s}, {@code --new-secrets}): C2 kept, for the RSA-4096 key (about a second, against 5-24 s C1 only).
     */
    public static final List<String> LAUNCHER_OPTIONS_GENERATING_A_BUNDLE = List.of("-XX:+UseSerialGC");

    /** Runs a command that generates a secrets bundle to keep as bin/talos-rehearsal runs it. */
    public static Result generatingABundle(String... args) {
        return main(LAUNCHER_OPTIONS_GENERATING_A_BUNDLE, args);
    }

    /** Runs the CLI's {@code Main} to its end with nothing on stdin; stdout kept as bytes (counted exactly), stderr as text. */
    public static Result main(List<String> jvmOptions, String... args) {
        return main(jvmOptions, "", args);
    }

    /** The same, with {@code stdin} typed in (an answer to a question). */
    public static Result main(List<String> jvmOptions, String stdin, String... args) {
        return run(builder(jvmOptions, "dev.talosrehearsal.cli.Main", args), stdin);
    }

    private static Result run(ProcessBuilder builder, String stdin) {
        try {
            Process process = builder.redirectInput(ProcessBuilder.Redirect.PIPE).start();
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            byte[] out = readAll(process.getInputStream());
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("the fresh JVM did not end within 120 s");
            }
            return new Result(process.exitValue(), out, new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            in.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Result(int exitCode, byte[] out, String err) {
        public String outText() {
            return new String(out, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ", " + out.length + " bytes on stdout\n--- stderr\n" + err;
        }
    }
}
