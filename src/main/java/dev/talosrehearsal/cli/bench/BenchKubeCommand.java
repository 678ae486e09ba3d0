package dev.talosrehearsal.cli.bench;

import dev.talosrehearsal.common.DirectoryTrees;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.machineconfig.secrets.SecretsGenerator;
import dev.talosrehearsal.sim.kube.EmbeddedKubernetes;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Start-up of the embedded Kubernetes API with N simulated Nodes mirrored into it (node models
 * booted, no Talos APIs), measured two ways: several sizes in this JVM (growth per node), and cold
 * starts in fresh JVMs (what a user waits for), with and without the class-data-sharing archive.
 */
@Command(name = "kube", mixinStandardHelpOptions = true,
        description = {"Time bringing up the embedded Kubernetes API with N simulated Nodes:",
                "in this JVM (the first size includes class loading), then in fresh JVMs from process start,",
                "without and with the archive that 'mvn package' trains for bin/talos-rehearsal (target/talos-rehearsal.jsa; on Java 25 and later the ahead-of-time cache target/talos-rehearsal.aot)."})
final class BenchKubeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", split = ",", defaultValue = "5,100,1000", paramLabel = "N[,N...]", description = "Cluster sizes (default: ${DEFAULT-VALUE}).")
    List<Integer> sizes;

    @Option(names = "--fresh-runs", defaultValue = "3", paramLabel = "K",
            description = "Cold starts per size and archive setting, in fresh JVMs; 0 skips them (default: ${DEFAULT-VALUE}).")
    int freshRuns;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        out.println(BenchMachine.describe());
        SecretsBundle secrets = new SecretsGenerator().throwaway();
        Path work = BenchDirectory.create("-kube");
        try {
            SecretsFile.write(work.resolve("talsecret.yaml"), secrets);
            inThisJvm(out, secrets, work);
            if (freshRuns > 0) {
                inFreshJvms(out, work);
            }
        } finally {
            DirectoryTrees.delete(work);
        }
        return CommandLine.ExitCode.OK;
    }

    private void inThisJvm(PrintWriter out, SecretsBundle secrets, Path work) throws IOException {
        out.println("In this JVM (the first size includes class loading; configs rendered beforehand):");
        out.printf("%-8s %12s %14s %16s %14s%n", "nodes", "api ms", "nodes ms", "per node ms", "heap MiB (*)");
        for (int n : sizes) {
            BenchKubeNodes models = BenchKubeNodes.boot(talconfig(work, n), secrets);
            try (EmbeddedKubernetes api = new EmbeddedKubernetes()) {
                BenchKubeNodes.Up up = models.bringUp(api);
                out.printf("%-8d %12.0f %14.0f %16.2f %14.0f%n", n, up.apiNanos() / 1e6, up.nodesNanos() / 1e6,
                        up.nodesNanos() / 1e6 / n, heapAfterGc() / 1048576.0);
                out.flush();
                up.mirror().stop();
            }
        }
    }

    /** Heap in use after a full collection: what the running API, its store and the node models hold. */
    private static long heapAfterGc() {
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void inFreshJvms(PrintWriter out, Path work) throws IOException {
        FreshJvm jvm = FreshJvm.current(spec.root().userObject().getClass().getName());
        out.println("(*) after a full GC, with the API running and the Nodes mirrored (node models and store included)");
        out.println();
        out.printf("In fresh JVMs (median of %d cold starts, best in brackets): process start → API serving the Nodes,%n", freshRuns);
        out.println("everything included: JVM start, reading and rendering talconfig.yaml, booting the node models.");
        out.printf("%-8s %-5s %18s %12s %10s %10s%n", "nodes", "CDS", "start → up s", "configs ms", "api ms", "nodes ms");
        List<Optional<Path>> archives = jvm.archiveSettings();
        for (int n : sizes) {
            Path dir = Files.createDirectories(work.resolve("fresh-" + n));
            Files.copy(work.resolve("talsecret.yaml"), dir.resolve("talsecret.yaml"));
            Files.move(talconfig(work, n), dir.resolve("talconfig.yaml"));
            for (Optional<Path> archive : archives) {
                List<FreshJvm.Start> starts = new ArrayList<>();
                for (int k = 0; k < freshRuns; k++) {
                    starts.add(jvm.start(archive, "bench", "kube-startup", dir.toString()));
                }
                FreshJvm.Start median = FreshJvm.median(starts);
                out.printf("%-8d %-5s %11.2f [%.2f] %12d %10d %10d%n", n, archive.isPresent() ? "on" : "off",
                        median.upNanos() / 1e9, FreshJvm.best(starts).upNanos() / 1e9,
                        median.phase("configs"), median.phase("api"), median.phase("nodes"));
                out.flush();
            }
        }
        out.println(jvm.archiveNote());
    }

    private static Path talconfig(Path work, int nodes) {
        try {
            return Files.writeString(work.resolve("talconfig-" + nodes + ".yaml"), BenchGenconfigCommand.syntheticTalconfig(nodes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
