package dev.talosrehearsal.sim.kube;

import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.sim.node.NodeFaults;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.sim.node.SimulatedEtcd;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalEnv;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The seed's five node models booted on the rendered "before" configs (no Talos API servers: the mirror reads the models). */
public final class SimHomelab {
    static final Path DIR = Path.of("fixtures/homelab");
    private static final Map<String, TalConfig> TALCONFIGS = new HashMap<>();
    private static final Map<String, RenderedCluster> RENDERED = new HashMap<>();

    public final SimClock clock = new SimClock();
    public final List<SimulatedNode> nodes = new ArrayList<>();

    public SimHomelab() {
        SimulatedEtcd etcd = new SimulatedEtcd();
        Inventory inventory = Inventory.read(DIR.resolve("inventory.yaml"));
        RenderedCluster cluster = rendered("before");
        for (RenderedCluster.RenderedNode r : cluster.nodes()) {
            SimulatedNode node = new SimulatedNode(r.hostname(), talconfig("before").talosVersion(), inventory.node(r.hostname()).orElseThrow(),
                    r.controlPlane() ? etcd : null, clock, NodeTimings.DEFAULT, new NodeFaults());
            node.boot(r.config());
            nodes.add(node);
        }
    }

    public SimulatedNode node(String hostname) {
        return nodes.stream().filter(n -> n.hostname().equals(hostname)).findFirst().orElseThrow();
    }

    static synchronized TalConfig talconfig(String variant) {
        return TALCONFIGS.computeIfAbsent(variant, v -> new TalConfigLoader(TalEnv.read(DIR.resolve("talenv.yaml")))
                .load(DIR.resolve(v).resolve("talconfig.yaml")));
    }

    public static synchronized RenderedCluster rendered(String variant) {
        return RENDERED.computeIfAbsent(variant, v -> new ClusterRenderer().render(talconfig(v), SecretsFile.read(DIR.resolve("talsecret.yaml"))));
    }
}
