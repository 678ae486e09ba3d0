package dev.talosrehearsal.testing;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.rehearsal.SimulatedTarget;
import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.EventWriter;
import dev.talosrehearsal.rollout.Journal;
import dev.talosrehearsal.rollout.JournalPlans;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The homelab started as a whole simulated cluster (Talos API, embedded Kubernetes API, tailnet) on its "before"
 * configs, with the real applier wired to it through {@link SimulatedTarget}, as {@code rehearse} wires it. The
 * journals a test writes through it are closed with it (each holds its directory's lock until then): a test field
 * {@code @AutoClose SimulatedHomelab homelab} needs no teardown of its own.
 */
public final class SimulatedHomelab implements AutoCloseable {
    public static final RenderedCluster BEFORE = Homelab.rendered("before");
    public static final RenderedCluster AFTER = Homelab.rendered("after");

    public final SimulatedCluster cluster;
    public final RolloutTarget target;
    public final TalosClient talos;
    public final ClusterView kube;
    private final List<Journal> journals = new ArrayList<>();

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

    /** A journal for {@code plan} in {@code dir}, as {@code apply} creates it; closed with the homelab. */
    public Journal journal(Path dir, RolloutPlan plan, Applier.Settings settings) {
        return journal(dir, plan, settings, EventWriter.DIRECT);
    }

    /** The same, writing its events through {@code writer} (a disk that fills up). */
    public Journal journal(Path dir, RolloutPlan plan, Applier.Settings settings, EventWriter writer) {
        return closedWithThis(Journal.create(dir, JournalPlans.manifest(plan, settings, 1, Homelab.TAILNET), plan.nodeChanges(), writer));
    }

    /** {@code journal} (one the test opened itself) is closed with the homelab. */
    public Journal closedWithThis(Journal journal) {
        journals.add(journal);
        return journal;
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
        journals.forEach(Journal::close);
        target.close();
        cluster.close();
    }
}
