package dev.talosrehearsal.cli;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsGenerator;
import dev.talosrehearsal.sim.kube.EmbeddedKubernetes;
import dev.talosrehearsal.sim.kube.NodeMirror;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.sim.node.SimulatedEtcd;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Start-up of the embedded Kubernetes API with N simulated nodes mirrored into it (node models booted, no Talos APIs). */
@Command(name = "kube", mixinStandardHelpOptions = true,
        description = "Time bringing up the embedded Kubernetes API with N simulated Nodes (each run in this JVM; the first includes class loading).")
final class BenchKubeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", split = ",", defaultValue = "5,100,1000", paramLabel = "N[,N...]", description = "Cluster sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        long prepStart = System.nanoTime();
        SecretsBundle secrets = new SecretsGenerator().generate();
        long prepNanos = System.nanoTime() - prepStart;
        out.printf("%-8s %12s %14s %16s %22s%n", "nodes", "api ms", "nodes ms", "per node ms", "JVM start → up s (*)");
        for (int n : sizes) {
            prepStart = System.nanoTime();
            Path file = Files.createTempFile("talos-rehearsal-bench", ".yaml");
            Files.writeString(file, BenchGenconfigCommand.syntheticTalconfig(n));
            TalConfig config = new TalConfigLoader(Map.of("TS_AUTHKEY", "tskey-auth-bench")).load(file);
            RenderedCluster rendered = new ClusterRenderer().render(config, secrets);
            SimClock clock = new SimClock();
            SimulatedEtcd etcd = new SimulatedEtcd();
            List<SimulatedNode> nodes = new ArrayList<>();
            int i = 0;
            for (RenderedNode r : rendered.nodes()) {
                Inventory.Node machine = Inventory.Node.of(r.hostname(), "100.64." + (i / 250) + "." + (i % 250 + 1), "eth0",
                        "192.168." + (i / 250) + "." + (i % 250 + 1) + "/16");
                SimulatedNode node = new SimulatedNode(r.hostname(), config.talosVersion(), machine, r.controlPlane() ? etcd : null, clock);
                node.boot(r.config());
                nodes.add(node);
                i++;
            }
            prepNanos += System.nanoTime() - prepStart;
            long start = System.nanoTime();
            try (EmbeddedKubernetes api = new EmbeddedKubernetes()) {
                api.start();
                api.client().namespaces().list();
                long apiUp = System.nanoTime();
                NodeMirror mirror = new NodeMirror(api.client(), nodes, clock);
                mirror.start();
                long done = System.nanoTime();
                double uptime = ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0 - prepNanos / 1e9;
                out.printf("%-8d %12.0f %14.0f %16.2f %22.2f%n", n, (apiUp - start) / 1e6, (done - apiUp) / 1e6,
                        (done - apiUp) / 1e6 / n, uptime);
                out.flush();
                mirror.stop();
            }
            Files.deleteIfExists(file);
        }
        out.println("(*) JVM uptime when the Nodes are up, minus the time spent preparing configs (secrets, rendering, models)");
        return Main.OK;
    }
}
