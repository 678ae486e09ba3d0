package dev.talosrehearsal.steps;

import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.SimulatedTalosCluster;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalEnv;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
import io.cucumber.java.After;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** One scenario's simulated cluster (started by a Given step only) and what it was built from. */
public final class SimulatedWorld {
    private final Workspace ws;
    private final Map<String, TalConfig> talconfigs = new HashMap<>();
    private final Map<String, RenderedCluster> rendered = new HashMap<>();
    private SecretsBundle secrets;
    private SimulatedTalosCluster cluster;
    private TalosClient client;

    public SimulatedWorld(Workspace ws) {
        this.ws = ws;
    }

    public SecretsBundle secrets() {
        if (secrets == null) {
            secrets = SecretsFile.read(ws.path("talsecret.yaml"));
        }
        return secrets;
    }

    public TalConfig talconfig(String variant) {
        return talconfigs.computeIfAbsent(variant, v -> new TalConfigLoader(TalEnv.read(ws.path("talenv.yaml")))
                .load(ws.path(v + "/talconfig.yaml")));
    }

    /** The variant rendered by the real generator. */
    public RenderedCluster rendered(String variant) {
        return rendered.computeIfAbsent(variant, v -> new ClusterRenderer().render(talconfig(v), secrets()));
    }

    public void start(String variant) {
        cluster = SimulatedTalosCluster.start(new SimulatedTalosCluster.Spec(rendered(variant), talconfig(variant).talosVersion(),
                Inventory.read(ws.path("inventory.yaml")), secrets(), null, NodeTimings.DEFAULT, new SimClock()));
    }

    public SimulatedTalosCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("no simulated cluster: a Given step starts one");
        }
        return cluster;
    }

    /** The real Talos client, configured from the simulated cluster's talosconfig. */
    public TalosClient client() {
        if (client == null) {
            TalosConfig.Context context = TalosConfig.parse(cluster().talosconfig(), "talosconfig", null);
            client = TalosClient.connect(context, context.endpoints().get(0), new TalosClient.Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(10)));
        }
        return client;
    }

    @After
    public void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
