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
        description = "Time starting N simulated Talos nodes (models + the endpoints' Talos APIs over mTLS) and one Version call to each"
                + " node through the endpoints; per size: wall time (render + start + calls), its ratio to the previous size, peak RSS.")
final class BenchSimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", split = ",", defaultValue = "1,5,100", paramLabel = "N[,N...]",
            description = "Cluster sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.println(BenchMachine.describe());
        SecretsBundle secrets = new SecretsGenerator().throwaway();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        out.printf("%-8s %10s %12s %12s %11s %10s %12s %12s%n", "nodes", "wall s", "× previous", "peak RSS", "start ms",
                "per node ms", "version ms", "since JVM s");
        Growth growth = new Growth();
        for (int n : sizes) {
            PeakRss.reset();
            long wallStart = System.nanoTime();
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
                double wall = (System.nanoTime() - wallStart) / 1e9;
                out.printf("%-8d %10.1f %12s %12s %11.0f %10.1f %12.0f %12.2f%n", n, wall, growth.next(wall), PeakRss.format(PeakRss.bytes()),
                        started / 1e6, started / 1e6 / n, call / 1e6, sinceJvm);
                out.flush();
            }
        }
        return CommandLine.ExitCode.OK;
    }
}
