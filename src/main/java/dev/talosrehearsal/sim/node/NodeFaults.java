package dev.talosrehearsal.sim.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Faults injected into one simulated node, settable from code or from {@code faults.yaml}
 * ({@link FaultsFile}).
 *
 * <p>The node model applies {@link #neverReturnsFromReboot}, {@link #etcdUnhealthy} and
 * {@link #kubeletCrashloop}; the gRPC layer consults {@link #takeGrpcError(String)} and
 * {@link #latency(String)} before it calls the model, because those are properties of the wire,
 * not of machined. Listeners (the node) hear about every change so state derived from a fault
 * (etcd health, readiness) follows at once.
 */
public final class NodeFaults {
    /** Matches every method in a fault's {@code method}. */
    public static final String ANY_METHOD = "*";

    private volatile boolean neverReturnsFromReboot;
    private volatile boolean etcdUnhealthy;
    private volatile boolean kubeletCrashloop;
    private volatile boolean bootsPreviousConfig;
    private volatile boolean applyAnswerTimesOut;
    private volatile boolean tailnetCutOff;
    /** Reboots still to ignore (fault rebootIgnored); {@link #EVERY} for all of them. */
    private int rebootsIgnored;
    private static final int EVERY = Integer.MAX_VALUE;
    private final List<CountedError> grpcErrors = new ArrayList<>();
    private final List<Latency> latencies = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /**
     * A gRPC error answered instead of calling the model.
     *
     * @param method Talos method name ({@code ApplyConfiguration}) or {@code *}
     * @param times  how many calls fail; null = every call
     */
    public record GrpcError(String method, ApiCode code, String message, Integer times) {
        public GrpcError {
            Objects.requireNonNull(method);
            Objects.requireNonNull(code);
            message = message == null ? "" : message;
            if (times != null && times < 1) {
                throw new IllegalArgumentException("times must be at least 1");
            }
        }
    }

    /** Extra delay before the model answers {@code method} (or every method: {@code *}). */
    public record Latency(String method, Duration delay) {
        public Latency {
            Objects.requireNonNull(method);
            Objects.requireNonNull(delay);
        }
    }

    public boolean neverReturnsFromReboot() {
        return neverReturnsFromReboot;
    }

    public NodeFaults neverReturnsFromReboot(boolean value) {
        neverReturnsFromReboot = value;
        changed();
        return this;
    }

    public boolean etcdUnhealthy() {
        return etcdUnhealthy;
    }

    public NodeFaults etcdUnhealthy(boolean value) {
        etcdUnhealthy = value;
        changed();
        return this;
    }

    public boolean kubeletCrashloop() {
        return kubeletCrashloop;
    }

    public NodeFaults kubeletCrashloop(boolean value) {
        kubeletCrashloop = value;
        changed();
        return this;
    }

    /**
     * The node ignores reboots: Reboot is answered (with an actor ID) and an apply that needs a reboot succeeds, but the
     * reboot sequence never starts and the node runs on, with the same boot ID. What a real node does when machined's
     * sequencer is locked: machined answers Reboot before it runs the sequence in the background
     * (internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go, {@code Reboot}), and a sequence that cannot
     * take the lock fails with runtime.ErrLocked, which is only logged (v1alpha1_controller.go, {@code Run}).
     *
     * @param times how many reboots to ignore; null: every one
     */
    public synchronized NodeFaults rebootIgnored(Integer times) {
        if (times != null && times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        // no change listeners: nothing derived follows from it, the node asks at its next reboot (and calling the node
        // from here, under this lock, would invert the order in which the node takes its lock and then this one)
        rebootsIgnored = times == null || rebootsIgnored == EVERY ? EVERY : rebootsIgnored + times;
        return this;
    }

    /** Reboots left to ignore ({@link Integer#MAX_VALUE}: every one). */
    public synchronized int rebootsIgnored() {
        return rebootsIgnored;
    }

    /** Whether the reboot asked for now is ignored; counts it against the fault's times. */
    public synchronized boolean takeIgnoredReboot() {
        if (rebootsIgnored == 0) {
            return false;
        }
        if (rebootsIgnored != EVERY) {
            rebootsIgnored--;
        }
        return true;
    }

    public NodeFaults grpcError(GrpcError error) {
        synchronized (grpcErrors) {
            grpcErrors.add(new CountedError(error));
        }
        return this;
    }

    public NodeFaults latency(Latency latency) {
        latencies.add(latency);
        return this;
    }

    /**
     * The error the next call of {@code method} must fail with, if any; counts the call against the
     * fault's {@code times} (a fault with times: 1 fails one call, then is gone).
     */
    public Optional<NodeApiException> takeGrpcError(String method) {
        synchronized (grpcErrors) {
            for (var it = grpcErrors.iterator(); it.hasNext(); ) {
                CountedError counted = it.next();
                GrpcError e = counted.error;
                if (!matches(e.method(), method)) {
                    continue;
                }
                if (counted.remaining != null && --counted.remaining == 0) {
                    it.remove();
                }
                return Optional.of(new NodeApiException(e.code(), e.message()));
            }
            return Optional.empty();
        }
    }

    /** Sum of the latencies that apply to {@code method}. */
    public Duration latency(String method) {
        return latencies.stream().filter(l -> matches(l.method(), method)).map(Latency::delay).reduce(Duration.ZERO, Duration::plus);
    }

    public List<GrpcError> grpcErrors() {
        synchronized (grpcErrors) {
            return grpcErrors.stream().map(c -> new GrpcError(c.error.method(), c.error.code(), c.error.message(), c.remaining)).toList();
        }
    }

    public List<Latency> latencies() {
        return List.copyOf(latencies);
    }

    /**
     * The node's next reboot boots the config persisted before its last apply, as if that write never reached its
     * disk; once.
     */
    public NodeFaults bootsPreviousConfig(boolean value) {
        bootsPreviousConfig = value;
        changed();
        return this;
    }

    public boolean bootsPreviousConfig() {
        return bootsPreviousConfig;
    }

    /** True once if the fault is set (and clears it): the reboot that consumes it. */
    boolean takeBootsPreviousConfig() {
        boolean was = bootsPreviousConfig;
        bootsPreviousConfig = false;
        return was;
    }

    /**
     * The node's next apply (not a dry run) takes effect, but its answer never reaches the client: the call ends in
     * DEADLINE_EXCEEDED, as a client's deadline running out mid-call does; once.
     */
    public NodeFaults applyAnswerTimesOut(boolean value) {
        applyAnswerTimesOut = value;
        return this;
    }

    public boolean applyAnswerTimesOut() {
        return applyAnswerTimesOut;
    }

    /** True once if the fault is set (and clears it): the apply whose answer is lost. */
    public boolean takeApplyAnswerTimesOut() {
        boolean was = applyAnswerTimesOut;
        applyAnswerTimesOut = false;
        return was;
    }

    /**
     * The node's tailscaled runs but is cut off from the tailnet (no coordination server, no DERP relay, no direct path):
     * no peer reaches what it serves. Its LAN and its Talos API are not affected.
     */
    public NodeFaults tailnetCutOff(boolean value) {
        tailnetCutOff = value;
        return this;
    }

    public boolean tailnetCutOff() {
        return tailnetCutOff;
    }

    /** Merges another set of faults into this one (the same node listed twice in faults.yaml). */
    public NodeFaults add(NodeFaults other) {
        if (other.neverReturnsFromReboot) {
            neverReturnsFromReboot = true;
        }
        if (other.etcdUnhealthy) {
            etcdUnhealthy = true;
        }
        if (other.kubeletCrashloop) {
            kubeletCrashloop = true;
        }
        if (other.rebootsIgnored() > 0) {
            rebootIgnored(other.rebootsIgnored() == EVERY ? null : other.rebootsIgnored());
        }
        if (other.bootsPreviousConfig) {
            bootsPreviousConfig = true;
        }
        if (other.applyAnswerTimesOut) {
            applyAnswerTimesOut = true;
        }
        if (other.tailnetCutOff) {
            tailnetCutOff = true;
        }
        other.grpcErrors().forEach(this::grpcError);
        other.latencies.forEach(this::latency);
        changed();
        return this;
    }

    /** Called after every change of a model-applied fault. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    private void changed() {
        listeners.forEach(Runnable::run);
    }

    private static boolean matches(String pattern, String method) {
        return ANY_METHOD.equals(pattern) || pattern.equals(method);
    }

    /** A GrpcError with a mutable remaining count, kept private so records stay values. */
    private static final class CountedError {
        Integer remaining;
        final GrpcError error;

        CountedError(GrpcError error) {
            this.error = error;
            this.remaining = error.times();
        }
    }
}
