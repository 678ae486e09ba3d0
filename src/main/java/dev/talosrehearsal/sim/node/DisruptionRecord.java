package dev.talosrehearsal.sim.node;

import java.util.ArrayList;
import java.util.List;

/**
 * When one node was disrupted (rebooting, kubelet or etcd restarting, faults): the intervals the
 * "never two control planes disrupted at once" check reads.
 *
 * <p>Not thread-safe on purpose: it belongs to one {@link SimulatedNode} and is only called under
 * that node's lock, so it shares the node's single lock instead of adding a second one.
 */
final class DisruptionRecord {
    private final String node;
    private final SimClock clock;
    private final List<Disruption> disruptions = new ArrayList<>();

    DisruptionRecord(String node, SimClock clock) {
        this.node = node;
        this.clock = clock;
    }

    /** Starts an interval of {@code kind} now, unless one is already ongoing. */
    void open(Disruption.Kind kind) {
        boolean open = disruptions.stream().anyMatch(d -> d.kind() == kind && d.ongoing());
        if (!open) {
            disruptions.add(new Disruption(node, kind, clock.now(), null));
        }
    }

    /** Ends the ongoing interval of {@code kind} now, if any. */
    void close(Disruption.Kind kind) {
        for (int i = 0; i < disruptions.size(); i++) {
            Disruption d = disruptions.get(i);
            if (d.kind() == kind && d.ongoing()) {
                disruptions.set(i, new Disruption(d.node(), d.kind(), d.start(), clock.now()));
            }
        }
    }

    /** A reboot ends every service-level disruption: the reboot's own interval covers what follows. */
    void closeAll() {
        for (Disruption.Kind kind : Disruption.Kind.values()) {
            close(kind);
        }
    }

    /** A fault's interval follows the fault: open while it is active, closed when it is lifted. */
    void follow(Disruption.Kind kind, boolean active) {
        if (active) {
            open(kind);
        } else {
            close(kind);
        }
    }

    List<Disruption> snapshot() {
        return List.copyOf(disruptions);
    }
}
