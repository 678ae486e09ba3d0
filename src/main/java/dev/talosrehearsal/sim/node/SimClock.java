package dev.talosrehearsal.sim.node;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Simulated time for the node model: nothing happens until a test (or the simulator's driver)
 * calls {@link #advance(Duration)}, so a 30 s reboot or a 1 min TRY timeout costs no wall time.
 *
 * <p>Thread-safe: gRPC calls schedule tasks from other threads while a driver advances. Tasks run on
 * the advancing thread, in time order (ties in scheduling order), with {@link #now()} set to their
 * due time; they run <em>without</em> the clock's lock held, because they take node locks and nodes
 * call {@link #schedule} while holding theirs. Only one advance runs at a time.
 */
public final class SimClock {
    /** The default start: a fixed instant so event timestamps in tests are reproducible. */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

    private final Object lock = new Object();
    private final ReentrantLock advancing = new ReentrantLock();
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private Instant now;
    private long sequence;
    /** Started at the wall clock's present ({@link #startingNow()}), not at a fixed instant. */
    private final boolean followsWallClock;

    public SimClock() {
        this(DEFAULT_START);
    }

    public SimClock(Instant start) {
        this(start, false);
    }

    private SimClock(Instant start, boolean followsWallClock) {
        this.now = Objects.requireNonNull(start);
        this.followsWallClock = followsWallClock;
    }

    /**
     * A clock that starts at the wall clock's present second: for a cluster people look at (rehearse, sim up), whose
     * Kubernetes API stamps objects with its own wall clock — a Node's conditions then follow its creationTimestamp in
     * kubectl, instead of preceding it by months, and a kept journal's times are the day it ran.
     */
    public static SimClock startingNow() {
        return new SimClock(wallSecond(), true);
    }

    /**
     * For a clock {@link #startingNow()}: moves time up to the wall clock's present second, when the clock is behind it
     * (a cluster takes a few seconds to start). The simulated cluster calls it before it registers the Nodes, so their
     * conditions are not older than they are. A clock with a fixed start is left alone.
     */
    public void catchUpWithWallClock() {
        catchUpWith(wallSecond());
    }

    /**
     * For a clock {@link #startingNow()}: moves time up to {@code stamp}, a time the Kubernetes API stamped with its wall
     * clock, when the clock is behind it. A Node created in the second after the clock last caught up gets that second as
     * its creationTimestamp; its conditions, which the kubelet posts after it registers, must not be older.
     *
     * @return whether the clock moved (never for a clock with a fixed start)
     */
    public boolean catchUpWith(Instant stamp) {
        if (!followsWallClock) {
            return false;
        }
        Duration behind = Duration.between(now(), stamp);
        if (behind.isNegative() || behind.isZero()) {
            return false;
        }
        advance(behind);
        return true;
    }

    private static Instant wallSecond() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    public Instant now() {
        synchronized (lock) {
            return now;
        }
    }

    /**
     * Runs {@code task} once {@code delay} of simulated time has passed. A zero delay runs at the next
     * advance (even {@code advance(Duration.ZERO)}), never inside this call.
     *
     * @return a handle to cancel the task (a confirmed TRY cancels its revert)
     */
    public Scheduled schedule(Duration delay, Runnable task) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay " + delay);
        }
        synchronized (lock) {
            Task t = new Task(now.plus(delay), sequence++, Objects.requireNonNull(task));
            queue.add(t);
            return t;
        }
    }

    /** Moves time forward by {@code duration}, running every task that falls due on the way. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go backwards: " + duration);
        }
        advancing.lock();
        try {
            Instant target;
            synchronized (lock) {
                target = now.plus(duration);
            }
            while (true) {
                Task next;
                synchronized (lock) {
                    next = queue.peek();
                    if (next == null || next.due.isAfter(target)) {
                        now = target;
                        return;
                    }
                    queue.poll();
                    if (next.due.isAfter(now)) {
                        now = next.due;
                    }
                    if (next.cancelled) {
                        continue;
                    }
                }
                next.task.run();
            }
        } finally {
            advancing.unlock();
        }
    }

    /** Tasks not yet run (cancelled ones excluded); for tests and diagnostics. */
    public int pendingTasks() {
        synchronized (lock) {
            return (int) queue.stream().filter(t -> !t.cancelled).count();
        }
    }

    /** A task waiting for its time. */
    public interface Scheduled {
        /** Prevents the task from running; no effect once it ran. */
        void cancel();

        Instant due();
    }

    private final class Task implements Comparable<Task>, Scheduled {
        final Instant due;
        final long seq;
        final Runnable task;
        volatile boolean cancelled;

        Task(Instant due, long seq, Runnable task) {
            this.due = due;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Task o) {
            int c = due.compareTo(o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        @Override
        public void cancel() {
            synchronized (lock) {
                cancelled = true;
            }
        }

        @Override
        public Instant due() {
            return due;
        }
    }
}
