package dev.talosrehearsal.cli.bench;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.sim.kube.EmbeddedKubernetes;
import dev.talosrehearsal.sim.kube.NodeMirror;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.sim.node.SimulatedEtcd;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The booted node models of {@code bench kube}: the synthetic cluster of {@code bench genconfig}
 * rendered with a secrets bundle, one {@link SimulatedNode} per node with a Tailscale address and a
 * LAN address, control planes sharing one etcd.
 */
record BenchKubeNodes(List<SimulatedNode> nodes, SimClock clock) {

    static BenchKubeNodes boot(Path talconfig, SecretsBundle secrets) {
        TalConfig config = new TalConfigLoader(Map.of("TS_AUTHKEY", "tskey-auth-bench")).load(talconfig);
        RenderedCluster rendered = new ClusterRenderer().render(config, secrets);
        SimClock clock = new SimClock();
        SimulatedEtcd etcd = new SimulatedEtcd();
        List<SimulatedNode> nodes = new ArrayList<>();
        int i = 0;
        for (RenderedNode r : rendered.nodes()) {
            String host = (i / 250) + "." + (i % 250 + 1);
            Inventory.Node machine = Inventory.Node.of(r.hostname(), "100.64." + host, "eth0", "192.168." + host + "/16");
            SimulatedNode node = new SimulatedNode(r.hostname(), config.talosVersion(), machine, r.controlPlane() ? etcd : null, clock);
            node.boot(r.config());
            nodes.add(node);
            i++;
        }
        return new BenchKubeNodes(nodes, clock);
    }

    /** What {@link #bringUp} took, in nanoseconds; the mirror is still running. */
    record Up(long apiNanos, long nodesNanos, NodeMirror mirror) {}

    /** The bring-up both kube benchmarks time: start the API, see it answer, mirror the nodes into it. */
    Up bringUp(EmbeddedKubernetes api) {
        long start = System.nanoTime();
        api.start();
        api.client().namespaces().list();
        long apiUp = System.nanoTime();
        NodeMirror mirror = new NodeMirror(api.client(), nodes, clock);
        mirror.start();
        return new Up(apiUp - start, System.nanoTime() - apiUp, mirror);
    }
}
