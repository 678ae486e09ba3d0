package dev.talosrehearsal.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A Then step that waits for an outcome: it passes once the outcome holds, and a failure says what never held. */
class EventuallyTest {
    @Test
    void passesOnceTheOutcomeHolds() {
        AtomicInteger tries = new AtomicInteger();
        Eventually.holds(() -> assertThat(tries.incrementAndGet()).isGreaterThan(2), Duration.ofSeconds(5));
        assertThat(tries).hasValue(3);
    }

    /** spec prints a failure's first line: AssertJ's messages start on a new line, which left that line empty. */
    @Test
    void theFailureSaysOnItsFirstLineWhatNeverHeld() {
        assertThatThrownBy(() -> Eventually.holds(() -> assertThat(List.of()).as("Nodes [k8s-1] among []").hasSize(1), Duration.ZERO))
                .isInstanceOf(AssertionError.class)
                .satisfies(e -> assertThat(e.getMessage().lines().findFirst().orElseThrow())
                        .isEqualTo("still not true after 0 s: [Nodes [k8s-1] among []] "));
    }
}
