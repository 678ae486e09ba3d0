package dev.talosrehearsal.sim.node;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node's services and their event history, as machined's service runner keeps them. Not
 * thread-safe: the owning {@link SimulatedNode} guards it.
 */
final class ServiceTable {
    /** Talos keeps a bounded history per service; the model keeps this many events. */
    static final int EVENT_HISTORY = 50;

    static final class Service {
        final String id;
        String state = "Initialized";
        boolean healthy;
        boolean unknown = true;
        String lastMessage = "";
        Instant lastChange;
        final List<ServiceInfo.Event> events = new ArrayList<>();
        /** Bumped on every (re)start, so a restart's completion task can tell it is stale. */
        long generation;

        Service(String id) {
            this.id = id;
        }

        ServiceInfo info() {
            return new ServiceInfo(id, state, healthy, unknown, lastMessage, lastChange, events);
        }
    }

    private final Map<String, Service> services = new TreeMap<>();

    Service get(String id) {
        return services.get(id);
    }

    boolean has(String id) {
        return services.containsKey(id);
    }

    boolean running(String id) {
        Service s = services.get(id);
        return s != null && "Running".equals(s.state);
    }

    Service create(String id) {
        Service s = new Service(id);
        services.put(id, s);
        return s;
    }

    void remove(String id) {
        services.remove(id);
    }

    void clear() {
        services.clear();
    }

    List<String> ids() {
        return List.copyOf(services.keySet());
    }

    /** Records a state change as Talos does: an event {msg, state, ts}. */
    void transition(Service s, Instant at, String state, String message) {
        s.state = state;
        s.events.add(new ServiceInfo.Event(message, state, at));
        if (s.events.size() > EVENT_HISTORY) {
            s.events.remove(0);
        }
    }

    /** Sets health; the last message and change time move only when health or message changes. */
    void health(Service s, Instant at, boolean healthy, boolean unknown, String message) {
        if (s.healthy != healthy || s.unknown != unknown || !s.lastMessage.equals(message)) {
            s.healthy = healthy;
            s.unknown = unknown;
            s.lastMessage = message;
            s.lastChange = at;
        }
    }

    List<ServiceInfo> snapshot() {
        return services.values().stream().map(Service::info).toList();
    }
}
