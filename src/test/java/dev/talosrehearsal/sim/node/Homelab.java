package dev.talosrehearsal.sim.node;

import dev.talosrehearsal.inventory.Inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalEnv;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed's homelab cluster rendered by the real generator (before and after the migration),
 * and a simulated cluster booted on it. Rendering is done once per JVM.
 */
final class Homelab {
    static final Path DIR = Path.of("fixtures/homelab");
    static final String M0 = "talos-master-0";
    static final String M1 = "talos-master-1";
    static final String M2 = "talos-master-2";
    static final String W0 = "talos-worker-gpu-0";
    static final String W1 = "talos-worker-gpu-1";
    static final List<String> ALL = List.of(M0, M1, M2, W0, W1);

    private static RenderedCluster before;
    private static RenderedCluster after;

    private Homelab() {}

    static synchronized MachineConfig before(String node) {
        if (before == null) {
            before = render("before");
        }
        return before.node(node).orElseThrow().config();
    }

    static synchronized MachineConfig after(String node) {
        if (after == null) {
            after = render("after");
        }
        return after.node(node).orElseThrow().config();
    }

    private static RenderedCluster render(String which) {
        var cfg = new TalConfigLoader(TalEnv.read(DIR.resolve("talenv.yaml"))).load(DIR.resolve(which).resolve("talconfig.yaml"));
        return new ClusterRenderer().render(cfg, SecretsFile.read(DIR.resolve("talsecret.yaml")));
    }

    static Inventory inventory() {
        return Inventory.read(DIR.resolve("inventory.yaml"));
    }

    static byte[] bytes(MachineConfig config) {
        return config.toYaml().getBytes(StandardCharsets.UTF_8);
    }

    /** A copy of {@code config} with the v1alpha1 value at {@code pointer} (parent maps must exist) set; null removes it. */
    static MachineConfig with(MachineConfig config, String pointer, JsonNode value) {
        List<ObjectNode> docs = new ArrayList<>();
        for (ObjectNode d : config.documents()) {
            docs.add(d.deepCopy());
        }
        ObjectNode v1 = docs.stream().filter(d -> !d.has("kind")).findFirst().orElseThrow();
        int slash = pointer.lastIndexOf('/');
        ObjectNode parent = (ObjectNode) v1.at(pointer.substring(0, slash));
        if (value == null) {
            parent.remove(pointer.substring(slash + 1));
        } else {
            parent.set(pointer.substring(slash + 1), value);
        }
        return new MachineConfig(docs);
    }

    /** A copy without the ExtensionServiceConfig documents. */
    static MachineConfig withoutExtensions(MachineConfig config) {
        return new MachineConfig(config.documents().stream().filter(d -> !d.has("kind")).toList());
    }

    /** Five booted nodes on the "before" configs. */
    static final class Cluster {
        final SimClock clock = new SimClock();
        final SimulatedEtcd etcd = new SimulatedEtcd();
        final Map<String, SimulatedNode> nodes = new LinkedHashMap<>();

        Cluster() {
            this(TalosVersion.parse("v1.11.5"));
        }

        Cluster(TalosVersion version) {
            Inventory inventory = inventory();
            for (String name : ALL) {
                boolean cp = name.startsWith("talos-master");
                SimulatedNode node = new SimulatedNode(name, version, inventory.node(name).orElseThrow(), cp ? etcd : null, clock,
                        NodeTimings.DEFAULT, new NodeFaults());
                node.boot(before(name));
                nodes.put(name, node);
            }
        }

        SimulatedNode node(String name) {
            return nodes.get(name);
        }
    }
}
