package dev.talosrehearsal.cli.bench;

import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.sim.kube.EmbeddedKubernetes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * One cold start, run by {@code bench kube} in a fresh JVM: read DIR/talconfig.yaml and
 * DIR/talsecret.yaml, render and boot the node models, start the embedded Kubernetes API, mirror the
 * Nodes into it, then print one line of phase timings and exit. The parent times the whole process
 * from its own clock; this line only splits that time into phases.
 */
@Command(name = "kube-startup", hidden = true, mixinStandardHelpOptions = true,
        description = "(used by 'bench kube') one cold start of the embedded Kubernetes API with the Nodes of DIR")
final class BenchKubeStartupCommand implements Callable<Integer> {
    /** The line the parent waits for; what follows it is {@code key=value} pairs in milliseconds. */
    static final String UP = "up";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Holds talconfig.yaml and talsecret.yaml.")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        long start = System.nanoTime();
        BenchKubeNodes models = BenchKubeNodes.boot(dir.resolve("talconfig.yaml"), SecretsFile.read(dir.resolve("talsecret.yaml")));
        long modelsUp = System.nanoTime();
        try (EmbeddedKubernetes api = new EmbeddedKubernetes()) {
            BenchKubeNodes.Up up = models.bringUp(api);
            out.printf("%s configs=%d api=%d nodes=%d%n", UP, (modelsUp - start) / 1_000_000, up.apiNanos() / 1_000_000,
                    up.nodesNanos() / 1_000_000);
            out.flush();
            up.mirror().stop();
        }
        return CommandLine.ExitCode.OK;
    }
}
