package dev.talosrehearsal.cli.bench;

import dev.talosrehearsal.common.DirectoryTrees;
import dev.talosrehearsal.machineconfig.ClusterConfigWriter;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsGenerator;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Times the whole generator (load + substitute + render + patch + write) for synthetic clusters
 * shaped like a Tailscale-first homelab: three control planes with the tailscale extension service, the rest
 * workers, group and top-level patches on every node.
 */
@Command(name = "genconfig", mixinStandardHelpOptions = true,
        description = "Time genconfig for synthetic clusters of N nodes; prints the first (cold) run and the best of --runs.")
final class BenchGenconfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", split = ",", defaultValue = "10,100,1000", paramLabel = "N[,N...]",
            description = "Cluster sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--runs", defaultValue = "5", description = "Runs per size after the first (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.println(BenchMachine.describe());
        SecretsBundle secrets = new SecretsGenerator().throwaway(); // not part of what is measured
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        out.printf("%-8s %12s %12s %14s %12s%n", "nodes", "first ms", "best ms", "per node µs", "since JVM s");
        for (int n : sizes) {
            Path dir = BenchDirectory.create("");
            try {
                Path talconfig = dir.resolve("talconfig.yaml");
                Files.writeString(talconfig, syntheticTalconfig(n));
                long first = runOnce(talconfig, secrets, dir.resolve("out"));
                double sinceJvm = (System.currentTimeMillis() - jvmStart) / 1000.0;
                long best = first;
                for (int i = 0; i < runs; i++) {
                    best = Math.min(best, runOnce(talconfig, secrets, dir.resolve("out")));
                }
                out.printf("%-8d %12.1f %12.1f %14.1f %12.2f%n", n, first / 1e6, best / 1e6, best / 1e3 / n, sinceJvm);
            } finally {
                DirectoryTrees.delete(dir);
            }
        }
        Runtime rt = Runtime.getRuntime();
        out.printf("heap used after runs: %.0f MiB%n", (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
        return CommandLine.ExitCode.OK;
    }

    private static long runOnce(Path talconfig, SecretsBundle secrets, Path outDir) {
        long start = System.nanoTime();
        TalConfig cluster = new TalConfigLoader(Map.of("TS_AUTHKEY", "tskey-auth-bench")).load(talconfig);
        RenderedCluster rendered = new ClusterRenderer().render(cluster, secrets);
        String talosconfig = rendered.talosconfigFile(secrets);
        ClusterConfigWriter.write(ClusterConfigWriter.files(rendered, talosconfig, outDir), outDir);
        return System.nanoTime() - start;
    }

    static String syntheticTalconfig(int nodes) {
        StringBuilder y = new StringBuilder();
        y.append("clusterName: bench\ntalosVersion: v1.11.5\nkubernetesVersion: v1.34.1\nendpoint: https://192.168.20.10:6443\n");
        y.append("additionalApiServerCertSans:\n  - bastion-k8s.tailnet-4d89.ts.net\n");
        y.append("patches:\n  - |-\n    machine:\n      kubelet:\n        nodeIP:\n          validSubnets:\n            - 192.168.20.0/24\n");
        y.append("controlPlane:\n  patches:\n    - |-\n      cluster:\n        etcd:\n          advertisedSubnets:\n            - 192.168.20.0/24\n");
        y.append("  extensionServices:\n    - name: tailscale\n      configFiles:\n        - mountPath: /etc/tailscale/serve.json\n");
        y.append("          content: |\n            {\"TCP\": {\"6443\": {\"TCPForward\": \"127.0.0.1:6443\"}}}\n");
        y.append("      environment:\n        - TS_AUTHKEY=${TS_AUTHKEY}\n        - TS_SERVE_CONFIG=/etc/tailscale/serve.json\n");
        y.append("nodes:\n");
        for (int i = 0; i < nodes; i++) {
            boolean cp = i < 3;
            y.append("  - hostname: node-").append(i).append('\n');
            y.append("    ipAddress: 10.").append(i / 65536).append('.').append((i / 256) % 256).append('.').append(i % 256).append('\n');
            y.append("    controlPlane: ").append(cp).append('\n');
            y.append("    installDisk: /dev/sda\n");
            y.append("    nameservers:\n      - 192.168.20.1\n      - 1.1.1.1\n");
        }
        return y.toString();
    }
}
