package dev.talosrehearsal.testing;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalEnv;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code fixtures/homelab} cluster as tests use it: its names, its tailnet, and its talconfigs rendered by the
 * real generator. Rendering is cached per JVM because every simulator test starts from the same configs.
 *
 * <p>The one home for the fixture's facts in tests; {@link BootedHomelab} boots its node models and
 * {@link SimulatedHomelab} starts it as a whole simulated cluster with the applier pointed at it.
 */
public final class Homelab {
    public static final Path DIR = Fixtures.ROOT.resolve("homelab");
    public static final String TAILNET = "tailnet-4d89.ts.net";
    /** The Tailscale service the after-migration control planes serve the Kubernetes API as. */
    public static final String API_SERVICE = "bastion-k8s." + TAILNET;
    public static final String M0 = "talos-master-0";
    public static final String M1 = "talos-master-1";
    public static final String M2 = "talos-master-2";
    public static final String W0 = "talos-worker-gpu-0";
    public static final String W1 = "talos-worker-gpu-1";
    public static final List<String> ALL = List.of(M0, M1, M2, W0, W1);

    private static final Map<String, TalConfig> TALCONFIGS = new HashMap<>();
    private static final Map<String, RenderedCluster> RENDERED = new HashMap<>();
    private static SecretsBundle secrets;

    private Homelab() {}

    public static synchronized SecretsBundle secrets() {
        if (secrets == null) {
            secrets = SecretsFile.read(DIR.resolve("talsecret.yaml"));
        }
        return secrets;
    }

    public static Inventory inventory() {
        return Inventory.read(DIR.resolve("inventory.yaml"));
    }

    /** {@code DIR/<variant>/talconfig.yaml} ("before", "after", "after-as-written") loaded with the fixture's talenv. */
    public static synchronized TalConfig talconfig(String variant) {
        return TALCONFIGS.computeIfAbsent(variant, v -> load(DIR.resolve(v).resolve("talconfig.yaml")));
    }

    /** Any talconfig (a test's edited copy, say) loaded with the fixture's talenv. */
    public static TalConfig load(Path talconfig) {
        return new TalConfigLoader(TalEnv.read(DIR.resolve("talenv.yaml"))).load(talconfig);
    }

    public static synchronized RenderedCluster rendered(String variant) {
        return RENDERED.computeIfAbsent(variant, v -> new ClusterRenderer().render(talconfig(v), secrets()));
    }

    public static RenderedCluster render(Path talconfig) {
        return new ClusterRenderer().render(load(talconfig), secrets());
    }

    public static MachineConfig before(String node) {
        return rendered("before").node(node).orElseThrow().config();
    }

    public static MachineConfig after(String node) {
        return rendered("after").node(node).orElseThrow().config();
    }

    /** The Talos API of every node, booted on {@code DIR/<variant>}, without a Kubernetes API or tailnet. */
    public static SimulatedTalosNodes startTalosApi(String variant) {
        return startTalosApi(DIR.resolve(variant).resolve("talconfig.yaml"));
    }

    public static SimulatedTalosNodes startTalosApi(Path talconfig) {
        return SimulatedTalosNodes.start(spec(render(talconfig), load(talconfig), null));
    }

    /** The production Talos client, configured by {@code cluster}'s talosconfig as an operator's would be. */
    public static dev.talosrehearsal.talos.TalosClient client(SimulatedTalosNodes cluster) {
        return dev.talosrehearsal.talos.TalosClient.connect(dev.talosrehearsal.talos.TalosConfig.parse(cluster.talosconfig(), "talosconfig", null));
    }

    /** What the simulator needs to boot the fixture on {@code rendered}, with the given faults (null: none). */
    public static SimulatedTalosNodes.Spec spec(RenderedCluster rendered, TalConfig talconfig, FaultsFile faults) {
        return new SimulatedTalosNodes.Spec(rendered, talconfig.talosVersion(), inventory(), secrets(), faults,
                NodeTimings.DEFAULT, new SimClock());
    }
}
