package dev.talosrehearsal.sim.node;

import java.time.Instant;
import java.util.List;

/**
 * A service as {@code ServiceList} reports it (docs/talos-behaviour.md#talos-api-apid): state is one of Talos's strings
 * (Initialized, Starting, Preparing, Waiting, Running, Stopping, Finished, Failed, Skipped, Unknown).
 */
public record ServiceInfo(String id, String state, boolean healthy, boolean unknown, String lastMessage, Instant lastChange,
                          List<Event> events) {
    public ServiceInfo {
        events = List.copyOf(events);
    }

    /** {@code ServiceEvent { msg, state, ts }}. */
    public record Event(String msg, String state, Instant ts) {}

    public boolean running() {
        return "Running".equals(state);
    }
}
