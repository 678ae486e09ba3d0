package dev.talosrehearsal.machineconfig.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Bundles for tests. Generating a bundle to keep means an RSA-4096 key, which takes 5-14 s in Surefire's C1-only JVM
 * (C2's BigInteger intrinsics are missing there; in a JFR profile of the whole suite on 2026-12-06, half the CPU
 * samples were six such keys), so only the tests of generation generate one, once per JVM.
 */
public final class TestBundles {
    static final Instant NOW = Instant.parse("2026-01-15T10:20:30.456Z");
    private static final String FIXTURE = "/secrets/test-talsecret.yaml";

    private TestBundles() {}

    /** The published test bundle (src/test/resources/secrets/test-talsecret.yaml): for tests that need a bundle, not its generation. */
    public static SecretsBundle fixture() {
        return Fixture.BUNDLE;
    }

    /** The JVM's one bundle generated at {@link #NOW}, for the tests of {@link SecretsGenerator#generate()}; never change what it holds. */
    public static SecretsBundle generated() {
        return Generated.BUNDLE;
    }

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

    private static final class Generated {
        static final SecretsBundle BUNDLE = new SecretsGenerator(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC)).generate();
    }
}
