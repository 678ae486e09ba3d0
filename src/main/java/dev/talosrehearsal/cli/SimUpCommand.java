package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.sim.SimulatedCluster;
import java.io.PrintWriter;
import dev.talosrehearsal.rollout.Verifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /** Where a running simulated cluster is reached. */
    record Access(Path talosconfig, Path kubeconfig) {}

    /** Writes talosconfig and kubeconfig into {@code work} and says how to use them. */
    static Access printAccess(SimulatedCluster cluster, Path work, PrintWriter out) {
        Path talosconfig = work.resolve("talosconfig");
        AtomicFiles.writePrivate(talosconfig, cluster.talosconfig());
        Path kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"));
        out.println();
        out.println("talosconfig: " + talosconfig);
        out.println("kubeconfig:  " + kubeconfig);
        out.println("  kubectl --kubeconfig " + kubeconfig + " get nodes -o wide");
        out.println("  kubectl --kubeconfig " + kubeconfig + " get nodes -w");
        out.println("  bin/talos-rehearsal talos services --talosconfig " + talosconfig);
        for (Map.Entry<String, java.util.List<String>> e : cluster.tailnet().advertised().entrySet()) {
            String target = e.getKey();
            Map<String, String> resolved = cluster.resolve(java.util.List.of(target));
            out.println("tailnet " + target + " → " + resolved.get(target) + " (served by " + String.join(", ", e.getValue()) + ")");
        }
        out.flush();
        return new Access(talosconfig, kubeconfig);
    }

    /**
     * The real {@code apply} of DIR's migration against this cluster, ready to paste: the tailnet names
     * the new configs will serve are resolved to the simulated tailnet's listeners (they answer once a
     * control plane serves them).
     */
    static void printApplyByHand(SimulatedCluster cluster, RehearsalDir inputs, String tailnet, Access access, PrintWriter out) {
        List<String> command = new ArrayList<>(List.of("bin/talos-rehearsal", "apply",
                "--from", inputs.dir.resolve("before/talconfig.yaml").toString(),
                "--to", inputs.dir.resolve(inputs.afterName).resolve("talconfig.yaml").toString(),
                "-s", inputs.dir.resolve("talsecret.yaml").toString()));
        if (Files.exists(inputs.dir.resolve("talenv.yaml"))) {
            command.addAll(List.of("-e", inputs.dir.resolve("talenv.yaml").toString()));
        }
        command.addAll(List.of("--talosconfig", access.talosconfig().toString(), "--kubeconfig", access.kubeconfig().toString(),
                "--tailnet", tailnet));
        List<String> targets = Verifier.tailnetTargets(inputs.afterConfigs, tailnet);
        cluster.resolve(targets).forEach((name, address) -> command.addAll(List.of("--resolve", name + "=" + address)));
        out.println("Roll " + inputs.afterName + "/ out on it by hand, from another terminal (and watch with kubectl get nodes -w):");
        out.println("  " + String.join(" ", command));
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
            try (WorkDir work = WorkDir.create(null); SimulatedCluster cluster = rehearsal.startCluster()) {
                cluster.runInRealTime();
                out.println("simulated cluster " + inputs.before.clusterName() + " is up, running " + dir.resolve("before"));
                Access access = printAccess(cluster, work.path(), out);
                printApplyByHand(cluster, inputs, inputs.tailnetSuffix(tailnet), access, out);
                out.println("Press Ctrl-C to stop it.");
                out.flush();
                Thread.currentThread().join();
                return Main.OK;
            }
        }
    }
}
