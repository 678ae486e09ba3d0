package dev.talosrehearsal.sim.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimClockTest {
    @Test
    void tasksRunInTimeOrderWithNowSetToTheirDueTime() {
        SimClock clock = new SimClock();
        Instant start = clock.now();
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(30), () -> ran.add("b@" + Duration.between(start, clock.now()).toSeconds()));
        clock.schedule(Duration.ofSeconds(10), () -> ran.add("a@" + Duration.between(start, clock.now()).toSeconds()));
        clock.schedule(Duration.ofSeconds(90), () -> ran.add("late"));

        clock.advance(Duration.ofMinutes(1));

        assertThat(ran).containsExactly("a@10", "b@30");
        assertThat(clock.now()).isEqualTo(start.plusSeconds(60));
        assertThat(clock.pendingTasks()).isEqualTo(1);
    }

    @Test
    void aTaskScheduledByATaskRunsInTheSameAdvanceWhenDue() {
        SimClock clock = new SimClock();
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ofSeconds(1), () -> clock.schedule(Duration.ofSeconds(1), () -> ran.add("second")));
        clock.advance(Duration.ofSeconds(5));
        assertThat(ran).containsExactly("second");
    }

    @Test
    void aCancelledTaskNeverRuns() {
        SimClock clock = new SimClock();
        List<String> ran = new ArrayList<>();
        SimClock.Scheduled s = clock.schedule(Duration.ofSeconds(1), () -> ran.add("x"));
        s.cancel();
        clock.advance(Duration.ofSeconds(2));
        assertThat(ran).isEmpty();
    }

    /** A clock for a cluster people look at starts at the present second and catches up with it; a test's clock stays put. */
    @Test
    void aClockStartingNowCatchesUpWithTheWallClockAndAFixedOneDoesNot() throws InterruptedException {
        Instant wall = Instant.now();
        SimClock clock = SimClock.startingNow();
        assertThat(clock.now()).isBetween(wall.truncatedTo(java.time.temporal.ChronoUnit.SECONDS), Instant.now());
        List<String> ran = new ArrayList<>();
        clock.schedule(Duration.ofMillis(500), () -> ran.add("due"));

        Thread.sleep(1_100);
        clock.catchUpWithWallClock();

        assertThat(clock.now()).isAfter(wall.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)).isBeforeOrEqualTo(Instant.now());
        assertThat(ran).containsExactly("due");
        SimClock fixed = new SimClock();
        fixed.catchUpWithWallClock();
        assertThat(fixed.now()).isEqualTo(SimClock.DEFAULT_START);
    }

    /** An API server's stamp moves a clock following the wall clock forward, never back; a test's clock stays put. */
    @Test
    void aClockStartingNowCatchesUpWithAStampAheadOfItOnly() {
        SimClock clock = SimClock.startingNow();
        Instant start = clock.now();

        assertThat(clock.catchUpWith(start.minusSeconds(5))).isFalse();
        assertThat(clock.catchUpWith(start)).isFalse();
        assertThat(clock.now()).isEqualTo(start);
        assertThat(clock.catchUpWith(start.plusSeconds(1))).isTrue();
        assertThat(clock.now()).isEqualTo(start.plusSeconds(1));
        SimClock fixed = new SimClock();
        assertThat(fixed.catchUpWith(SimClock.DEFAULT_START.plusSeconds(60))).isFalse();
        assertThat(fixed.now()).isEqualTo(SimClock.DEFAULT_START);
    }
}
