package dev.talosrehearsal.rollout;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalEnv;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.rehearsal.SimulatedTarget;
import java.nio.file.Path;
import java.util.List;

/**
 * The seed's homelab, simulated, with the real applier wired to it exactly as the CLI wires it to a
 * real cluster — except its clock, which is the simulated cluster's.
 */
final class SimulatedHomelab implements AutoCloseable {
    static final Path HOMELAB = Path.of("fixtures/homelab");
    static final String TAILNET = "tailnet-4d89.ts.net";
    static final SecretsBundle SECRETS = SecretsFile.read(HOMELAB.resolve("talsecret.yaml"));
    static final TalConfig BEFORE_TALCONFIG = load("before");
    static final RenderedCluster BEFORE = new ClusterRenderer().render(BEFORE_TALCONFIG, SECRETS);
    static final RenderedCluster AFTER = new ClusterRenderer().render(load("after"), SECRETS);

    final SimulatedCluster cluster;
    final RolloutTarget target;
    final TalosClient talos;
    final ClusterView kube;

    SimulatedHomelab(Inventory inventory, FaultsFile faults) {
        cluster = SimulatedCluster.start(new SimulatedTalosNodes.Spec(BEFORE, BEFORE_TALCONFIG.talosVersion(), inventory, SECRETS,
                faults, NodeTimings.DEFAULT, new SimClock()), "embedded", TAILNET);
        target = SimulatedTarget.of(cluster, TAILNET);
        talos = target.talos();
        kube = target.kube();
    }

    SimulatedHomelab() {
        this(Inventory.read(HOMELAB.resolve("inventory.yaml")), null);
    }

    static TalConfig load(String variant) {
        return new TalConfigLoader(TalEnv.read(HOMELAB.resolve("talenv.yaml"))).load(HOMELAB.resolve(variant + "/talconfig.yaml"));
    }

    RolloutPlan plan(RenderedCluster from, RenderedCluster to) {
        return new Planner().plan(from, to, new Planner.Options(1, List.of(), TAILNET));
    }


    Applier applier(Applier.Settings settings, RolloutListener listener) {
        return target.applier(settings, listener, BEFORE.controlPlaneTargets());
    }

    String nodeIp(String host) {
        cluster.sync();
        return kube.node(host).orElseThrow().internalIPs().get(0);
    }

    @Override
    public void close() {
        target.close();
        cluster.close();
    }
}
