package dev.talosrehearsal.testing;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.sim.node.NodeFaults;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.sim.node.SimulatedEtcd;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The homelab's five node models booted on its rendered "before" configs, sharing one etcd and one clock, with no
 * Talos API servers: for tests of the node model and of what reads it (the Kubernetes node mirror).
 */
public final class BootedHomelab {
    public final SimClock clock;
    public final SimulatedEtcd etcd = new SimulatedEtcd();
    public final List<SimulatedNode> nodes = new ArrayList<>();

    /** At the fixture's own Talos version. */
    public BootedHomelab() {
        this(Homelab.talconfig("before").talosVersion());
    }

    /** At the fixture's own Talos version, on {@code clock} (e.g. one {@link SimClock#startingNow()}). */
    public BootedHomelab(SimClock clock) {
        this(Homelab.talconfig("before").talosVersion(), clock);
    }

    public BootedHomelab(TalosVersion version) {
        this(version, new SimClock());
    }

    private BootedHomelab(TalosVersion version, SimClock clock) {
        this.clock = clock;
        Inventory inventory = Homelab.inventory();
        for (RenderedCluster.RenderedNode r : Homelab.rendered("before").nodes()) {
            SimulatedNode node = new SimulatedNode(r.hostname(), version, inventory.node(r.hostname()).orElseThrow(),
                    r.controlPlane() ? etcd : null, clock, NodeTimings.DEFAULT, new NodeFaults());
            node.boot(r.config());
            nodes.add(node);
        }
    }

    public SimulatedNode node(String hostname) {
        return nodes.stream().filter(n -> n.hostname().equals(hostname)).findFirst().orElseThrow();
    }
}
