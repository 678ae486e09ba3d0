package dev.talosrehearsal.cli.bench;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsGenerator;
import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.Journal;
import dev.talosrehearsal.rollout.JournalPlans;
import dev.talosrehearsal.rollout.Planner;
import dev.talosrehearsal.rollout.RolloutListener;
import dev.talosrehearsal.rollout.RolloutPlan;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.rollout.RolloutTarget;
import dev.talosrehearsal.rehearsal.SimulatedTarget;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.sim.node.NodeTimings;
import dev.talosrehearsal.sim.node.SimClock;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
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

/**
 * Times a whole migration (overlay → LAN: node IPs and etcd peers move subnet) by the real applier on the embedded simulated
 * cluster with zero simulated delays: what is left is the applier's and the simulator's own overhead.
 */
@Command(name = "rollout", mixinStandardHelpOptions = true,
        description = "Time an overlay-to-LAN migration of N nodes (3 control planes, the rest workers) on the embedded simulated cluster;"
                + " per size: wall time (generate + start + migrate), its ratio to the previous size, peak RSS, the heap still live"
                + " with the cluster up.")
final class BenchRolloutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", split = ",", defaultValue = "5,100", paramLabel = "N[,N...]", description = "Cluster sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.println(BenchMachine.describe());
        SecretsBundle secrets = new SecretsGenerator().throwaway();
        out.printf("%-8s %10s %12s %12s %10s %10s %12s %14s %10s%n", "nodes", "wall s", "× previous", "peak RSS", "live heap", "start s",
                "rollout s", "per node ms", "outcome");
        Growth growth = new Growth();
        for (int n : sizes) {
            PeakRss.reset();
            long wallStart = System.nanoTime();
            Path dir = BenchDirectory.create("");
            RenderedCluster before = render(dir.resolve("before.yaml"), talconfig(n, "100.64.0.0/10"), secrets);
            TalConfig afterConfig = load(dir.resolve("after.yaml"), talconfig(n, "192.168.0.0/16"));
            RenderedCluster after = new ClusterRenderer().render(afterConfig, secrets);
            Map<String, Inventory.Node> machines = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                machines.put("node-" + i, Inventory.Node.of("node-" + i, "100.64." + (i / 250) + "." + (i % 250 + 1), "eth0",
                        "192.168." + (i / 250) + "." + (i % 250 + 1) + "/16"));
            }
            long start = System.nanoTime();
            try (SimulatedCluster cluster = SimulatedCluster.start(new SimulatedTalosNodes.Spec(before, afterConfig.talosVersion(),
                    new Inventory(machines), secrets, null, new NodeTimings(Duration.ZERO, Duration.ZERO), new SimClock()), "embedded", "bench.ts.net")) {
                double started = (System.nanoTime() - start) / 1e9;
                RolloutPlan plan = new Planner().plan(before, after, new Planner.Options(1, List.of(), null));
                try (Journal journal = Journal.create(dir.resolve("journal"), JournalPlans.manifest(plan, Applier.Settings.defaults(), 1, null),
                        plan.nodeChanges()); RolloutTarget target = SimulatedTarget.of(cluster, null)) {
                    long rolloutStart = System.nanoTime(); // after the journal's files are written, as before the journal lock
                    RolloutReport report = target.applier(Applier.Settings.defaults(), RolloutListener.NONE, before.controlPlaneTargets()).run(plan, journal);
                    double took = (System.nanoTime() - rolloutStart) / 1e9;
                    double wall = (System.nanoTime() - wallStart) / 1e9;
                    String peak = PeakRss.format(PeakRss.bytes());
                    out.printf("%-8d %10.1f %12s %12s %10s %10.1f %12.1f %14.1f %10s%n", n, wall, growth.next(wall), peak, LiveHeap.afterFullGc(),
                            started, took, took * 1000 / n, report.outcome.id());
                    if (report.failure != null) {
                        out.println("  " + report.failure);
                    }
                    out.flush();
                }
            }
        }
        return CommandLine.ExitCode.OK;
    }


    private static RenderedCluster render(Path file, String text, SecretsBundle secrets) throws IOException {
        return new ClusterRenderer().render(load(file, text), secrets);
    }

    private static TalConfig load(Path file, String text) throws IOException {
        Files.writeString(file, text);
        return new TalConfigLoader(Map.of("TS_AUTHKEY", "tskey-auth-bench")).load(file);
    }

    /** The migration's shape: node IPs and etcd peers pinned to {@code subnet}, tailscale on every node. */
    private static String talconfig(int nodes, String subnet) {
        StringBuilder y = new StringBuilder("clusterName: bench\ntalosVersion: v1.11.5\nkubernetesVersion: v1.34.1\nendpoint: https://192.168.0.1:6443\n");
        y.append("patches:\n  - |-\n    machine:\n      kubelet:\n        nodeIP:\n          validSubnets:\n            - ").append(subnet).append('\n');
        y.append("controlPlane:\n  patches:\n    - |-\n      cluster:\n        etcd:\n          advertisedSubnets:\n            - ").append(subnet).append('\n');
        for (String group : new String[] {"controlPlane", "worker"}) {
            if (group.equals("worker")) {
                y.append("worker:\n");
            }
            y.append("  extensionServices:\n    - name: tailscale\n      environment:\n        - TS_AUTHKEY=${TS_AUTHKEY}\n        - TS_AUTH_ONCE=true\n");
        }
        y.append("nodes:\n");
        for (int i = 0; i < nodes; i++) {
            y.append("  - hostname: node-").append(i).append("\n    ipAddress: 192.168.").append(i / 250).append('.').append(i % 250 + 1)
                    .append("\n    controlPlane: ").append(i < 3).append("\n    installDisk: /dev/sda\n");
        }
        return y.toString();
    }
}
