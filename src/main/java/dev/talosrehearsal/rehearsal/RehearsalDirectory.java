package dev.talosrehearsal.rehearsal;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.ClusterTailnet;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A rehearsal's inputs, read and rendered once: {@code before/talconfig.yaml}, {@code <after>/talconfig.yaml},
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
    private final TalConfig before;
    private final TalConfig after;
    private final RenderedCluster beforeConfigs;
    private final RenderedCluster afterConfigs;
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
        TalConfigLoader loader = new TalConfigLoader(environment);
        this.before = loader.load(required(beforeTalconfig()));
        this.after = loader.load(required(afterTalconfig()));
        this.secrets = SecretsFile.read(required(secretsFile()));
        ClusterRenderer renderer = new ClusterRenderer();
        this.beforeConfigs = renderer.render(before, secrets);
        this.afterConfigs = renderer.render(after, secrets);
        this.inventory = Inventory.read(required(inventoryFile()));
        Path faultsFile = dir.resolve("faults.yaml");
        this.faults = Files.exists(faultsFile) ? FaultsFile.read(faultsFile, inventory) : null;
        this.checks = ChecksFile.readIn(dir);
        if (!before.clusterName().equals(after.clusterName())) {
            throw new InputException(afterTalconfig().toString(), 0,
                    "cluster '" + after.clusterName() + "' is not before/'s cluster '" + before.clusterName() + "'");
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

    public Path beforeTalconfig() {
        return dir.resolve("before").resolve("talconfig.yaml");
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

    public TalConfig before() {
        return before;
    }

    public TalConfig after() {
        return after;
    }

    public String clusterName() {
        return before.clusterName();
    }

    public RenderedCluster beforeConfigs() {
        return beforeConfigs;
    }

    public RenderedCluster afterConfigs() {
        return afterConfigs;
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
        return new SimulatedTalosNodes.Spec(beforeConfigs, before.talosVersion(), inventory, secrets, faults, timings, clock);
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
        List<RenderedCluster> both = List.of(afterConfigs, beforeConfigs);
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
