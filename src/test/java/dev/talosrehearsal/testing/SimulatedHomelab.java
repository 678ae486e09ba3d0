package dev.talosrehearsal.testing;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.rehearsal.SimulatedTarget;
import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.Planner;
import dev.talosrehearsal.rollout.RolloutListener;
import dev.talosrehearsal.rollout.RolloutPlan;
import dev.talosrehearsal.rollout.RolloutTarget;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.talos.TalosClient;
import java.util.List;

/**
 * The homelab started as a whole simulated cluster (Talos API, embedded Kubernetes API, tailnet) on its "before"
 * configs, with the real applier wired to it through {@link SimulatedTarget}, as {@code rehearse} wires it.
 */
public final class SimulatedHomelab implements AutoCloseable {
    public static final RenderedCluster BEFORE = Homelab.rendered("before");
    public static final RenderedCluster AFTER = Homelab.rendered("after");

    public final SimulatedCluster cluster;
    public final RolloutTarget target;
    public final TalosClient talos;
    public final ClusterView kube;

    /** With the fixture's inventory and no faults. */
    public SimulatedHomelab() {
        this(Homelab.inventory(), null);
    }

    public SimulatedHomelab(Inventory inventory, FaultsFile faults) {
        cluster = SimulatedCluster.start(new SimulatedTalosNodes.Spec(BEFORE, Homelab.talconfig("before").talosVersion(),
                inventory, Homelab.secrets(), faults, NodeTimings.DEFAULT, new SimClock()),
                "embedded", Homelab.TAILNET);
        target = SimulatedTarget.of(cluster, Homelab.TAILNET);
        talos = target.talos();
        kube = target.kube();
    }

    public RolloutPlan plan(RenderedCluster from, RenderedCluster to) {
        return new Planner().plan(from, to, new Planner.Options(1, List.of(), Homelab.TAILNET));
    }

    public Applier applier(Applier.Settings settings, RolloutListener listener) {
        return target.applier(settings, listener, BEFORE.controlPlaneTargets());
    }

    /** The node's InternalIP as the Kubernetes API shows it, once the node mirror has caught up. */
    public String nodeIp(String host) {
        cluster.sync();
        return kube.node(host).orElseThrow().internalIPs().get(0);
    }

    @Override
    public void close() {
        target.close();
        cluster.close();
    }
}
