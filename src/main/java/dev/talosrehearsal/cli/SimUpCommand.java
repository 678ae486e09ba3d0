package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.sim.SimulatedCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sim up DIR}: a simulated cluster running DIR/before, for people to poke at. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "The simulated cluster.",
        subcommands = {SimUpCommand.Up.class})
final class SimUpCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: up");
    }

    /** Writes talosconfig and kubeconfig into {@code work} and says how to use them. */
    static void printAccess(SimulatedCluster cluster, Path work, PrintWriter out) {
        Path talosconfig = work.resolve("talosconfig");
        AtomicFiles.writePrivate(talosconfig, cluster.talosconfig());
        Path kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"));
        out.println();
        out.println("talosconfig: " + talosconfig);
        out.println("kubeconfig:  " + kubeconfig);
        out.println("  kubectl --kubeconfig " + kubeconfig + " get nodes -o wide");
        out.println("  bin/talos-rehearsal talos services --talosconfig " + talosconfig);
        for (Map.Entry<String, java.util.List<String>> e : cluster.tailnet().advertised().entrySet()) {
            String target = e.getKey();
            Map<String, String> resolved = cluster.resolve(java.util.List.of(target));
            out.println("tailnet " + target + " → " + resolved.get(target) + " (served by " + String.join(", ", e.getValue()) + ")");
        }
        out.flush();
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start a simulated cluster running DIR/before (or DIR itself when it has no before/) and keep it up until Ctrl-C.")
    static final class Up implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "A rehearsal directory (e.g. fixtures/homelab).")
        Path dir;

        @Option(names = "--backend", defaultValue = "embedded", paramLabel = "NAME", description = "embedded, k3s or kubeconfig (default: ${DEFAULT-VALUE}).")
        String backend;

        @Option(names = "--tailnet", paramLabel = "SUFFIX", description = "The tailnet's MagicDNS suffix (default: from a *.ts.net certSAN).")
        String tailnet;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            RehearsalDir inputs = new RehearsalDir(dir, "after");
            Rehearsal rehearsal = new Rehearsal(inputs, backend, inputs.tailnetSuffix(tailnet), false, out);
            try (SimulatedCluster cluster = rehearsal.startCluster()) {
                cluster.runInRealTime();
                out.println("simulated cluster " + inputs.before.clusterName() + " is up, running " + dir.resolve("before"));
                printAccess(cluster, Rehearsal.workDir(), out);
                out.println("Press Ctrl-C to stop it.");
                out.flush();
                Thread.currentThread().join();
                return Main.OK;
            }
        }
    }
}
