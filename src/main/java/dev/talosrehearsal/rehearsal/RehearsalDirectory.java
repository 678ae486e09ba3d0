package dev.talosrehearsal.rehearsal;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ClusterSide;
import dev.talosrehearsal.machineconfig.NodeNames;
import dev.talosrehearsal.machineconfig.ClusterTailnet;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rehearsal's inputs, read and rendered once: {@code before/} (a talconfig.yaml, or the nodes' machine configs as
 * {@code capture} writes them; {@link ClusterSide}), {@code <after>/talconfig.yaml},
 * {@code talsecret.yaml}, optional {@code talenv.yaml}, {@code inventory.yaml} (the machines' addresses),
 * optional {@code faults.yaml}, optional {@code checks.yaml} (the user's own verification, {@link ChecksFile}) and
 * optional {@code cluster/*.yaml} (Kubernetes objects for the impact scan).
 * The layout is described in {@code docs/commands.md} (the rehearsal directory).
 */
public final class RehearsalDirectory {
    private final Path dir;
    private final String afterName;
    private final Map<String, String> environment;
    private final SecretsBundle secrets;
    private final ClusterSide before;
    private final ClusterSide after;
    private final Inventory inventory;
    private final FaultsFile faults;
    private final ChecksFile checks;

    /** Reads {@code dir} with {@code afterName}/ as the new config; bad input is an {@link InputException} naming the file. */
    public RehearsalDirectory(Path dir, String afterName) {
        if (!Files.isDirectory(dir)) {
            throw new InputException(dir.toString(), 0, "not a directory (expected before/, " + afterName + "/, talsecret.yaml, inventory.yaml)");
        }
        this.dir = dir;
        this.afterName = afterName;
        this.environment = TalConfigLoader.environment(dir.resolve("talenv.yaml"), false);
        this.secrets = SecretsFile.read(required(secretsFile()));
        this.before = ClusterSide.load(beforeSource(), environment, secrets);
        // after/ is the user's new talconfig: lint reads it as written, so it cannot be machine configs
        this.after = ClusterSide.load(required(afterTalconfig()), environment, secrets);
        this.inventory = Inventory.read(required(inventoryFile()));
        Path faultsFile = dir.resolve("faults.yaml");
        this.faults = Files.exists(faultsFile) ? FaultsFile.read(faultsFile, inventory) : null;
        this.checks = ChecksFile.readIn(dir);
        if (!before.clusterName().equals(after.clusterName())) {
            throw new InputException(afterTalconfig().toString(), 0,
                    "cluster '" + after.clusterName() + "' is not before/'s cluster '" + before.clusterName() + "'");
        }
        requireDistinctNodeNames(before);
        requireSameNodes();
    }

    /**
     * A migration keeps its nodes: one that only after/ lists, or only before/, is bad input at its entry (adding or
     * removing nodes is not a config rollout; the planner would refuse it later, without a line).
     */
    private void requireSameNodes() {
        // the side the user edits first: after/'s extra node when before/ is a talconfig too; before/'s running node
        // that after/ misses when before/ was captured from the cluster
        boolean captured = before.machineConfigs();
        if (!captured) {
            requireInBefore();
        }
        for (var node : before.rendered().nodes()) {
            if (after.rendered().node(node.hostname()).isEmpty()) {
                throw new InputException(captured ? afterTalconfig().toString() : before.source().toString(),
                        captured ? 0 : lineOf(before, node.hostname()), (captured ? "before/ holds the running node '" : "node '")
                                + node.hostname() + (captured ? "', which this talconfig does not list" : "' is not in " + afterName + "/")
                                + ": a migration keeps its nodes (name each as its hostname; remove a node from the cluster before rehearsing)");
            }
        }
        if (captured) {
            requireInBefore();
        }
    }

    private void requireInBefore() {
        for (var node : after.rendered().nodes()) {
            if (before.rendered().node(node.hostname()).isEmpty()) {
                throw new InputException(afterTalconfig().toString(), lineOf(after, node.hostname()), "node '" + node.hostname()
                        + "' is not in before/: a migration keeps its nodes (add a node with talosctl apply-config --insecure, then capture again)");
            }
        }
    }

    /** The line of a node's hostname in a side's talconfig.yaml; 0 for machine configs. */
    private static int lineOf(ClusterSide side, String hostname) {
        return side.talconfig().flatMap(t -> t.node(hostname).map(n -> t.sources().lineOf(n.pointer() + "/hostname"))).orElse(0);
    }

    /**
     * Two nodes that register as one Kubernetes Node ({@link NodeNames}) cannot run side by side in the simulated
     * cluster, any more than their kubelets can share a Node in a real one: bad input, at the second node's entry.
     */
    private static void requireDistinctNodeNames(ClusterSide side) {
        // the first collision is the one reported: a bad input error is one line
        for (Map.Entry<String, List<String>> collision : NodeNames.collisions(side.rendered()).entrySet()) {
            String second = collision.getValue().get(1);
            throw new InputException(side.source().toString(), lineOf(side, second), "hostname '" + second + "' registers as the same Kubernetes Node '"
                    + collision.getKey() + "' as '" + collision.getValue().get(0) + "' (Talos names the Node after the hostname's first label,"
                    + " lower-cased): their kubelets would share one Node, which a cluster cannot run; make the hostnames differ before the"
                    + " first dot, or set machine.kubelet.registerWithFQDN");
        }
    }

    private static Path required(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file.toString(), 0, "file not found");
        }
        return file;
    }

    public Path dir() {
        return dir;
    }

    /** The name of the subdirectory that holds the new config ({@code after} unless the user picked another). */
    public String afterName() {
        return afterName;
    }

    /** {@code before/talconfig.yaml}, or {@code before/} itself when it holds the nodes' machine configs ({@link ClusterSide#locate}). */
    public Path beforeSource() {
        return ClusterSide.locate(dir.resolve("before"));
    }

    /** Whether {@code dir} is a rehearsal directory: its before/ holds a talconfig.yaml or machine configs. */
    public static boolean isRehearsalDirectory(Path dir) {
        return ClusterSide.isSide(dir.resolve("before"));
    }

    public Path afterTalconfig() {
        return dir.resolve(afterName).resolve("talconfig.yaml");
    }

    public Path secretsFile() {
        return dir.resolve("talsecret.yaml");
    }

    /** {@code talenv.yaml}; it may not exist. */
    public Path envFile() {
        return dir.resolve("talenv.yaml");
    }

    public Path inventoryFile() {
        return dir.resolve("inventory.yaml");
    }

    /** {@code cluster/}: Kubernetes objects to load into the simulated cluster; it may not exist. */
    public Path clusterObjects() {
        return dir.resolve("cluster");
    }

    /** The variables talconfig.yaml is substituted with (talenv.yaml over the process environment). */
    public Map<String, String> environment() {
        return environment;
    }

    public SecretsBundle secrets() {
        return secrets;
    }

    /** before/, as a talconfig or as machine configs. */
    public ClusterSide before() {
        return before;
    }

    public ClusterSide after() {
        return after;
    }

    public String clusterName() {
        return before.clusterName();
    }

    public RenderedCluster beforeConfigs() {
        return before.rendered();
    }

    public RenderedCluster afterConfigs() {
        return after.rendered();
    }

    /**
     * The Talos release the simulated nodes run before the migration: before/'s (its talosVersion, or its configs'
     * installer image tag), else after/'s when machine configs do not say.
     */
    public TalosVersion beforeVersion() {
        return before.version().orElseGet(() -> after.version().orElseThrow());
    }

    public Inventory inventory() {
        return inventory;
    }

    /** The user's own checks ({@code checks.yaml}); {@link ChecksFile#NONE} when the directory has none. */
    public ChecksFile checks() {
        return checks;
    }

    /** The simulated Talos nodes of this directory, booted on before/ with its faults, on {@code clock}. */
    public SimulatedTalosNodes.Spec beforeSpec(NodeTimings timings, SimClock clock) {
        return new SimulatedTalosNodes.Spec(beforeConfigs(), beforeVersion(), inventory, secrets, faults, timings, clock);
    }

    /**
     * The tailnet's MagicDNS suffix: {@code explicit} (--tailnet), else the one after/'s or before/'s configs name
     * ({@link ClusterTailnet}); null when no node runs the tailscale extension, so there is no tailnet to gate on.
     * Never invented: a cluster on Tailscale whose configs name no tailnet is bad input, naming the flag to pass.
     */
    public String tailnetSuffix(String explicit) {
        if (explicit != null) {
            return explicit;
        }
        List<RenderedCluster> both = List.of(afterConfigs(), beforeConfigs());
        Optional<String> named = ClusterTailnet.suffix(both);
        if (named.isPresent()) {
            return named.get();
        }
        if (ClusterTailnet.usesTailscale(both)) {
            throw new InputException(afterTalconfig().toString(), 0, "the nodes run the tailscale extension but no config names"
                    + " the tailnet (no *.ts.net certSAN, serve-config Web name or TS_CERT_DOMAIN): pass --tailnet <your-tailnet>.ts.net");
        }
        return null;
    }
}
