package dev.talosrehearsal.spec;

import java.time.Duration;

/**
 * Asserts an outcome that can lag (Kubernetes Node objects, services after a reboot): the assertion is retried
 * every 50 ms until it holds or the wall-time limit passes, then its last failure is thrown. Steps never sleep
 * for a fixed time; the simulated clock makes most outcomes immediate.
 */
public final class Eventually {
    /** How long a Then step waits for an eventual outcome (wall time). */
    public static final Duration LIMIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);

    /** An assertion that may throw anything. */
    @FunctionalInterface
    public interface Assertion {
        void check() throws Exception;
    }

    private Eventually() {}

    public static void holds(Assertion assertion) {
        holds(assertion, LIMIT);
    }

    static void holds(Assertion assertion, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                assertion.check();
                return;
            } catch (AssertionError | Exception e) {
                if (System.nanoTime() > deadline) {
                    // AssertJ's messages start on a new line: stripped, the one-line summary shows what was not true
                    String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
                    throw new AssertionError("still not true after " + limit.toSeconds() + " s: " + why, e);
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }

    /** Waits until {@code condition} is true, failing with {@code what} after the limit. */
    public static void until(String what, java.util.function.BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + limit.toSeconds() + " s");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
