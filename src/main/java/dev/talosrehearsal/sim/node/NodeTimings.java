package dev.talosrehearsal.sim.node;

import java.time.Duration;

/**
 * How long simulated things take. Small defaults: rehearsals care about order and overlap, not
 * about real durations.
 *
 * @param reboot         from reboot start until the node answers again, booted on its persisted config
 * @param serviceRestart a service (kubelet, etcd, ext-*) stopping and coming back
 */
public record NodeTimings(Duration reboot, Duration serviceRestart) {
    public static final NodeTimings DEFAULT = new NodeTimings(Duration.ofSeconds(30), Duration.ofSeconds(2));

    public NodeTimings {
        if (reboot.isNegative() || serviceRestart.isNegative()) {
            throw new IllegalArgumentException("negative timing");
        }
    }
}
