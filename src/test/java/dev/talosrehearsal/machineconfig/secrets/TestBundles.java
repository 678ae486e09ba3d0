package dev.talosrehearsal.machineconfig.secrets;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Bundles for tests. Generating one means an RSA-4096 key, which takes 5-14 s in Surefire's C1-only JVM (C2's
 * BigInteger intrinsics are missing there), so tests that only read a bundle share one per JVM.
 */
public final class TestBundles {
    static final Instant NOW = Instant.parse("2026-01-15T10:20:30.456Z");

    private TestBundles() {}

    /** The JVM's one bundle, generated at {@link #NOW} on first use; never change what it holds. */
    public static SecretsBundle shared() {
        return Shared.BUNDLE;
    }

    /** A bundle of its own, for a test about two bundles differing. */
    public static SecretsBundle fresh() {
        return new SecretsGenerator(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC)).generate();
    }

    private static final class Shared {
        static final SecretsBundle BUNDLE = fresh();
    }
}
