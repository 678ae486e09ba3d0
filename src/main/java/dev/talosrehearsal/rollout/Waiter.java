package dev.talosrehearsal.rollout;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Polls a check until it passes or its deadline expires, backing off between polls (1 s, 2 s, 4 s … 10 s).
 *
 * <p>Written here rather than taken from a retry library because the rollout's time must be
 * injectable: Failsafe, resilience4j and Awaitility all sleep on the wall clock, and a rehearsal waits
 * on the simulated cluster's clock.
 */
final class Waiter {
    static final Duration FIRST_DELAY = Duration.ofSeconds(1);
    static final Duration MAX_DELAY = Duration.ofSeconds(10);

    private final RolloutClock clock;
    private final StopRequest stop;

    Waiter(RolloutClock clock) {
        this(clock, new StopRequest());
    }

    /** A waiter that stops between polls once {@code stop} is requested (a gate is a safe place to stop). */
    Waiter(RolloutClock clock, StopRequest stop) {
        this.clock = clock;
        this.stop = stop;
    }

    /** Returns the first passing result, or the last failing one when {@code timeout} has passed. */
    GateResult until(Duration timeout, Supplier<GateResult> check) {
        Instant deadline = clock.now().plus(timeout);
        Duration delay = FIRST_DELAY;
        while (true) {
            GateResult result = check.get();
            if (result.passed() || !clock.now().isBefore(deadline)) {
                return result;
            }
            stop.check();
            Duration left = Duration.between(clock.now(), deadline);
            clock.sleep(delay.compareTo(left) < 0 ? delay : left);
            stop.check();
            delay = delay.multipliedBy(2).compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay.multipliedBy(2);
        }
    }
}
