package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.testing.FreshJvmRun;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Bundles for tests. Generating a bundle to keep means an RSA-4096 key, which takes 5-24 s in Surefire's C1-only JVMs
 * (C2's BigInteger intrinsics are missing there; in a JFR profile of the whole suite on 2026-12-06, half the CPU
 * samples were six such keys) and about a second where the launcher runs such commands, with C2: tests that need a
 * bundle read a published one, and the one generated bundle comes from {@code gensecret} in a JVM of its own.
 */
public final class TestBundles {
    static final Instant NOW = Instant.parse("2026-01-15T10:20:30.456Z");
    private static final String FIXTURE = "/secrets/test-talsecret.yaml";

    private TestBundles() {}

    /** The published test bundle (src/test/resources/secrets/test-talsecret.yaml): for tests that need a bundle, not its generation. */
    public static SecretsBundle fixture() {
        return Fixture.BUNDLE;
    }

    /**
     * The JVM's one bundle generated to keep, by {@code gensecret} as bin/talos-rehearsal runs it (a JVM of its own,
     * C2 kept, the serial collector), read back from the file it wrote; never change what it holds.
     */
    public static Generated generated() {
        return GeneratedOnce.VALUE;
    }

    /** A generated bundle and the time around its generation (its CAs are valid from a second within it). */
    public record Generated(SecretsBundle bundle, Instant from, Instant to) {}

    /** A bundle of its own, other than the fixture and every cluster's (new CAs), for a test about two bundles differing; it has no RSA key. */
    public static SecretsBundle another() {
        return new SecretsGenerator(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC)).throwaway();
    }

    private static final class Fixture {
        static final SecretsBundle BUNDLE = read();

        private static SecretsBundle read() {
            try (InputStream in = TestBundles.class.getResourceAsStream(FIXTURE)) {
                return SecretsFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), FIXTURE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class GeneratedOnce {
        static final Generated VALUE = gensecret();

        private static Generated gensecret() {
            try {
                Path dir = Files.createTempDirectory("test-bundle");
                Path file = dir.resolve("talsecret.yaml");
                try {
                    Instant from = Instant.now();
                    FreshJvmRun.Result run = FreshJvmRun.generatingABundle("gensecret", "-o", file.toString());
                    Instant to = Instant.now();
                    if (run.exitCode() != 0) {
                        throw new IllegalStateException("gensecret failed: " + run);
                    }
                    return new Generated(SecretsFile.read(file), from, to);
                } finally {
                    Files.deleteIfExists(file);
                    Files.delete(dir);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
