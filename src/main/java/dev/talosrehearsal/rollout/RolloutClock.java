package dev.talosrehearsal.rollout;

import java.time.Duration;
import java.time.Instant;

/**
 * Time as the rollout sees it. Production uses the wall clock; a rehearsal passes the simulated
 * cluster's clock, so waiting for a gate advances simulated time and a rollout runs at full speed.
 */
public interface RolloutClock {
    Instant now();

    void sleep(Duration duration);

    /** A clock from its two halves, e.g. a simulated cluster's: {@code RolloutClock.of(clock::now, cluster::advance)}. */
    static RolloutClock of(java.util.function.Supplier<Instant> now, java.util.function.Consumer<Duration> sleep) {
        return new RolloutClock() {
            @Override
            public Instant now() {
                return now.get();
            }

            @Override
            public void sleep(Duration duration) {
                sleep.accept(duration);
            }
        };
    }

    static RolloutClock system() {
        return new RolloutClock() {
            @Override
            public Instant now() {
                return Instant.now();
            }

            @Override
            public void sleep(Duration duration) {
                try {
                    Thread.sleep(duration.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RolloutInterruptedException();
                }
            }
        };
    }

    /** The operator interrupted the rollout (Ctrl-C): the journal says where it stopped. */
    final class RolloutInterruptedException extends RuntimeException {
        public RolloutInterruptedException() {
            super("interrupted");
        }
    }
}
