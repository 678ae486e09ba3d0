package dev.talosrehearsal.rehearsal;

import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.rollout.Verifier;
import dev.talosrehearsal.sim.SimulatedCluster;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How people and their tools reach a running simulated cluster ({@code sim up}, {@code rehearse --keep-running}):
 * a talosconfig (admin credentials, written 0600) and a kubeconfig, the tailnet names and where they answer, and
 * the real {@code apply} of the rehearsal's migration against it, ready to paste.
 */
public record SimulatedClusterAccess(Path talosconfig, Path kubeconfig) {

    /** Writes talosconfig and kubeconfig into {@code work} and prints how to use them. */
    public static SimulatedClusterAccess write(SimulatedCluster cluster, Path work, PrintWriter out) {
        Path talosconfig = work.resolve("talosconfig");
        AtomicFiles.writePrivate(talosconfig, cluster.talosconfig());
        Path kubeconfig = cluster.writeKubeconfig(work.resolve("kubeconfig"));
        out.println();
        out.println("talosconfig: " + talosconfig);
        out.println("kubeconfig:  " + kubeconfig);
        out.println("  kubectl --kubeconfig " + kubeconfig + " get nodes -o wide");
        out.println("  kubectl --kubeconfig " + kubeconfig + " get nodes -w");
        out.println("  bin/talos-rehearsal talos services --talosconfig " + talosconfig);
        for (Map.Entry<String, List<String>> e : cluster.tailnet().advertised().entrySet()) {
            out.println("tailnet " + e.getKey() + " → " + cluster.resolve(e.getKey()) + " (served by " + String.join(", ", e.getValue()) + ")");
        }
        out.flush();
        return new SimulatedClusterAccess(talosconfig, kubeconfig);
    }

    /**
     * Prints the real {@code apply} of {@code inputs}' migration against this cluster: the tailnet names the new
     * configs will serve are resolved to the simulated tailnet's listeners (they answer once a control plane serves them).
     */
    public void printManualApply(SimulatedCluster cluster, RehearsalDirectory inputs, String tailnet, PrintWriter out) {
        List<String> command = new ArrayList<>(List.of("bin/talos-rehearsal", "apply",
                "--from", inputs.beforeSource().toString(),
                "--to", inputs.afterTalconfig().toString(),
                "-s", inputs.secretsFile().toString()));
        if (Files.exists(inputs.envFile())) {
            command.addAll(List.of("-e", inputs.envFile().toString()));
        }
        command.addAll(List.of("--talosconfig", talosconfig.toString(), "--kubeconfig", kubeconfig.toString()));
        if (tailnet != null) {
            command.addAll(List.of("--tailnet", tailnet));
            cluster.resolve(Verifier.tailnetTargets(inputs.afterConfigs(), tailnet))
                    .forEach((name, address) -> command.addAll(List.of("--resolve", name + "=" + address)));
        }
        out.println("Roll " + inputs.afterName() + "/ out on it by hand, from another terminal (and watch with kubectl get nodes -w):");
        out.println("  " + String.join(" ", command));
        out.flush();
    }
}
