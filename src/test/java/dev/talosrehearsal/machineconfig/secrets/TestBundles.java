package dev.talosrehearsal.machineconfig.secrets;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Bundles for tests: RSA 4096 takes about a second, so each test class generates once. */
public final class TestBundles {
    static final Instant NOW = Instant.parse("2026-01-15T10:20:30.456Z");

    private TestBundles() {}

    public static SecretsBundle generate() {
        return new SecretsGenerator(new SecureRandom(), Clock.fixed(NOW, ZoneOffset.UTC)).generate();
    }
}
