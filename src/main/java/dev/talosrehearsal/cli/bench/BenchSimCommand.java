package dev.talosrehearsal.cli.bench;

import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsGenerator;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.rehearsal.SimulatedTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Start-up cost of simulated Talos nodes: node models booted and their mTLS Talos APIs listening. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Time starting N simulated Talos nodes (model + Talos API over mTLS) and one Version call to all of them.")
final class BenchSimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", split = ",", defaultValue = "1,5,100", paramLabel = "N[,N...]",
            description = "Cluster sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        SecretsBundle secrets = new SecretsGenerator().generate();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        out.printf("%-8s %14s %16s %14s %12s%n", "nodes", "start ms", "per node ms", "version ms", "since JVM s");
        for (int n : sizes) {
            Path dir = BenchDirectory.create("");
            Path talconfig = dir.resolve("talconfig.yaml");
            Files.writeString(talconfig, BenchGenconfigCommand.syntheticTalconfig(n));
            TalConfig cluster = new TalConfigLoader(Map.of("TS_AUTHKEY", "tskey-auth-bench")).load(talconfig);
            RenderedCluster rendered = new ClusterRenderer().render(cluster, secrets);
            Map<String, Inventory.Node> nodes = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                String host = "node-" + i;
                nodes.put(host, Inventory.Node.of(host, "100.64." + (i / 250) + "." + (i % 250 + 1), "eth0",
                        "192.168." + (i / 250) + "." + (i % 250 + 1) + "/16"));
            }
            long start = System.nanoTime();
            try (SimulatedTalosNodes sim = SimulatedTalosNodes.start(new SimulatedTalosNodes.Spec(rendered,
                    cluster.talosVersion(), new Inventory(nodes), secrets, null, NodeTimings.DEFAULT, new SimClock()))) {
                long started = System.nanoTime() - start;
                double sinceJvm = (System.currentTimeMillis() - jvmStart) / 1000.0;
                long callStart = System.nanoTime();
                try (TalosClient client = SimulatedTarget.talosClient(sim.talosconfig(), Duration.ofMinutes(1))) {
                    client.version(rendered.talosconfigNodes()).forEach(r -> r.orThrow());
                }
                long call = System.nanoTime() - callStart;
                out.printf("%-8d %14.0f %16.1f %14.0f %12.2f%n", n, started / 1e6, started / 1e6 / n, call / 1e6, sinceJvm);
            }
        }
        return CommandLine.ExitCode.OK;
    }
}
