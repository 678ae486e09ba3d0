package dev.talosrehearsal.cli;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed's cluster simulated in real time (its services restart in 200 ms), reached as an operator reaches a
 * real one: through a talosconfig and a kubeconfig file, the tailnet name dialled through --resolve.
 */
final class RealTimeHomelab implements AutoCloseable {
    static final Path HOMELAB = Path.of("fixtures/homelab");
    static final String SERVICE = "bastion-k8s.tailnet-4d89.ts.net:6443";
    /**
     * What the tailnet gates dial: the Tailscale service, and each control plane's own name (its tailnet-host gate), as
     * an operator whose resolver does not know MagicDNS would pass them with --resolve.
     */
    static final List<String> TAILNET_NAMES = List.of(SERVICE, "talos-master-0.tailnet-4d89.ts.net:6443",
            "talos-master-1.tailnet-4d89.ts.net:6443", "talos-master-2.tailnet-4d89.ts.net:6443");
    static final String BEFORE = HOMELAB.resolve("before/talconfig.yaml").toString();
    static final String AFTER = HOMELAB.resolve("after/talconfig.yaml").toString();

    final SimulatedCluster cluster;
    final Path talosconfig;
    final Path kubeconfig;
    final List<String> resolve = new ArrayList<>();

    RealTimeHomelab(Path dir) {
        SecretsBundle secrets = SecretsFile.read(HOMELAB.resolve("talsecret.yaml"));
        TalConfig before = new TalConfigLoader(TalEnv.read(HOMELAB.resolve("talenv.yaml"))).load(HOMELAB.resolve("before/talconfig.yaml"));
        RenderedCluster rendered = new ClusterRenderer().render(before, secrets);
        cluster = SimulatedCluster.start(new SimulatedTalosNodes.Spec(rendered, before.talosVersion(), Inventory.read(HOMELAB.resolve("inventory.yaml")),
                secrets, null, new NodeTimings(Duration.ofSeconds(1), Duration.ofMillis(200)), new SimClock()), "embedded", "tailnet-4d89.ts.net");
        cluster.runInRealTime();
        try {
            talosconfig = Files.writeString(dir.resolve("talosconfig"), cluster.talosconfig());
            kubeconfig = cluster.writeKubeconfig(dir.resolve("kubeconfig"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cluster.resolve(TAILNET_NAMES).forEach((name, at) -> resolve.addAll(List.of("--resolve", name + "=" + at)));
    }

    /** {@code args} followed by the options that reach this cluster. */
    String[] access(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--talosconfig", talosconfig.toString(), "--kubeconfig", kubeconfig.toString(),
                "--tailnet", "tailnet-4d89.ts.net", "--gate-timeout", "20"));
        all.addAll(resolve);
        return all.toArray(String[]::new);
    }

    /** {@code args} followed by the secrets and variables files OLD and NEW are rendered with. */
    static String[] inputs(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-s", HOMELAB.resolve("talsecret.yaml").toString(), "-e", HOMELAB.resolve("talenv.yaml").toString()));
        return all.toArray(String[]::new);
    }

    @Override
    public void close() {
        cluster.close();
    }
}
