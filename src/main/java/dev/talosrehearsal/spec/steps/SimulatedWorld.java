package dev.talosrehearsal.spec.steps;

import dev.talosrehearsal.machineconfig.ClusterSide;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.sim.kube.KubernetesBackend;
import dev.talosrehearsal.sim.kube.KubernetesBackends;
import dev.talosrehearsal.sim.kube.NodeMirror;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
import dev.talosrehearsal.machineconfig.ClusterTailnet;
import dev.talosrehearsal.rehearsal.ScenarioSettings;
import io.cucumber.java.After;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** One scenario's simulated cluster (started by a Given step only) and what it was built from. */
public final class SimulatedWorld {
    /** The system property that picks the Kubernetes backend for every scenario ({@code embedded}, the default, or {@code k3s}). */
    public static final String BACKEND_PROPERTY = "talos.rehearsal.backend";
    /** The tailnet the simulator builds for a cluster that runs no Tailscale: nothing is served on it. */
    private static final String NO_TAILNET = "no-tailnet.invalid";

    private final Workspace ws;
    private final Map<String, TalConfig> talconfigs = new HashMap<>();
    private final Map<String, ClusterSide> sides = new HashMap<>();
    private SecretsBundle secrets;
    private SimulatedTalosNodes cluster;
    private String variant;
    private TalosClient client;
    private KubernetesBackend kube;
    private NodeMirror mirror;
    private SimulatedCluster full;
    private Optional<String> tailnet;

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
        return talconfigs.computeIfAbsent(variant, v -> new TalConfigLoader(
                TalConfigLoader.environment(ws.path("talenv.yaml"), false)).load(ws.path(v + "/talconfig.yaml")));
    }

    /**
     * The variant as {@code rehearse} loads a side ({@link ClusterSide}): its talconfig rendered by the real generator,
     * or the machine configs the folder holds (a captured before/).
     */
    public ClusterSide side(String variant) {
        return sides.computeIfAbsent(variant, v -> ClusterSide.load(ClusterSide.locate(ws.path(v)),
                TalConfigLoader.environment(ws.path("talenv.yaml"), false), secrets()));
    }

    /** The variant's configs: rendered by the real generator, or as the folder holds them. */
    public RenderedCluster rendered(String variant) {
        return side(variant).rendered();
    }

    /** The Talos release the variant's nodes run (its talosVersion, or its machine configs' installer tag, else after/'s). */
    private dev.talosrehearsal.talconfig.TalosVersion version(String variant) {
        return side(variant).version().orElseGet(() -> side("after").version().orElseThrow());
    }

    /**
     * The tailnet's MagicDNS suffix as {@code rehearse} finds it: the one the user passed ({@code spec --tailnet}),
     * else the one after/'s or before/'s configs name; empty when no node runs Tailscale.
     */
    public Optional<String> tailnet() {
        if (tailnet == null) {
            Optional<String> explicit = ScenarioSettings.tailnet();
            List<RenderedCluster> both = List.of(rendered("after"), rendered("before"));
            tailnet = explicit.isPresent() ? explicit : ClusterTailnet.suffix(both);
            if (tailnet.isEmpty() && ClusterTailnet.usesTailscale(both)) {
                throw new IllegalStateException("the nodes run the tailscale extension but no config names the tailnet:"
                        + " run spec with --tailnet <your-tailnet>.ts.net");
            }
        }
        return tailnet;
    }

    /** Names the tailnet for this scenario, as {@code spec --tailnet} does for every scenario. */
    public void tailnet(String suffix) {
        if (full != null) {
            throw new IllegalStateException("the tailnet is named before the cluster starts: put this step before \"the simulated cluster is running ...\"");
        }
        tailnet = Optional.of(suffix);
    }

    public void start(String variant) {
        this.variant = variant;
        cluster = SimulatedTalosNodes.start(new SimulatedTalosNodes.Spec(rendered(variant), version(variant),
                Inventory.read(ws.path("inventory.yaml")), secrets(), null, NodeTimings.DEFAULT, new SimClock()));
    }

    /** {@code -Dtalos.rehearsal.backend}, or {@code embedded}. */
    public static String configuredBackend() {
        String value = System.getProperty(BACKEND_PROPERTY, "").trim();
        return value.isEmpty() ? "embedded" : value;
    }

    /**
     * Starts the whole simulated cluster as {@code rehearse} does: Talos nodes on the {@code variant} configs,
     * a Kubernetes API on the configured backend with the node mirror, and the cluster's {@link #tailnet()}.
     *
     * @param faults faults.yaml text, or null
     */
    public SimulatedCluster startFull(String variant, Inventory inventory, String faults) {
        this.variant = variant;
        FaultsFile faultsFile = faults == null ? null : FaultsFile.parse(faults, "faults.yaml");
        full = SimulatedCluster.start(new SimulatedTalosNodes.Spec(rendered(variant), version(variant), inventory, secrets(),
                faultsFile, NodeTimings.DEFAULT, new SimClock()), configuredBackend(), tailnet().orElse(NO_TAILNET));
        cluster = full.talos();
        kube = full.kubernetes();
        return full;
    }

    /** The whole simulated cluster a Given step started with {@link #startFull}. */
    public SimulatedCluster full() {
        if (full == null) {
            throw new IllegalStateException("no simulated cluster with Kubernetes and tailnet: a Given step starts one");
        }
        return full;
    }

    public boolean fullStarted() {
        return full != null;
    }

    public SimulatedTalosNodes cluster() {
        if (cluster == null) {
            throw new IllegalStateException("no simulated cluster: a Given step starts one");
        }
        return cluster;
    }

    /**
     * Starts the cluster's Kubernetes side on {@code backend} (embedded, k3s, kubeconfig) and mirrors
     * every simulated node into it; the embedded API reports the talconfig's kubernetesVersion.
     */
    public void startKubernetes(String backend) {
        // the kubelet image's tag, as SimulatedCluster reads it: a captured before/ has no talconfig
        kube = KubernetesBackends.fromName(backend, ConfigSetting.KUBELET_IMAGE.text(rendered(variant).nodes().get(0).config(), "")
                .replaceAll(".*:v?", ""));
        kube.start();
        mirror = NodeMirror.on(kube, cluster().nodes(), cluster().clock());
        mirror.start();
    }

    public KubernetesBackend kube() {
        if (kube == null) {
            throw new IllegalStateException("no Kubernetes API: a Given step starts one");
        }
        return kube;
    }

    /** Brings the Node objects in line with the node models; steps call it after changing the cluster and before looking. */
    public void syncKubernetes() {
        if (mirror != null) {
            mirror.sync();
        }
        if (full != null) {
            full.sync();
        }
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
        if (full != null) {
            full.close();
            return;
        }
        if (kube != null) {
            kube.stop();
        }
        if (cluster != null) {
            cluster.close();
        }
    }
}
