package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.rollout.RolloutTarget;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.rollout.TalosReach;
import dev.talosrehearsal.rollout.Verifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check a running cluster against the config it should run: node IPs,"
                + " etcd members and peer URLs, nodes sharing a subnet, services, the API through the Tailscale service name.",
                "One PASS/FAIL line per check. Exit code 0: all passed; 1: something failed."})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "NEW", description = "talconfig.yaml or clusterconfig directory the cluster should run.")
    Path to;

    @Mixin
    ClusterInputOptions inputs;

    @Mixin
    ClusterAccessOptions access;

    @Override
    public Integer call() {
        RenderedCluster expected = new RolloutInputs(inputs).load(to);
        PrintWriter out = spec.commandLine().getOut();
        try (RolloutTarget target = access.target(access.talosContext())) {
            requireAnswers(target, expected);
            List<Verifier.Check> checks = target.verifier(expected.controlPlaneTargets()).verify(expected);
            checks.forEach(out::println);
            long failed = checks.stream().filter(c -> !c.passed()).count();
            out.println(failed == 0 ? "all " + checks.size() + " checks passed" : failed + " of " + checks.size() + " checks failed");
            return failed == 0 ? Main.OK : Main.FOUND;
        }
    }

    /**
     * An endpoint or credentials that do not answer at all, or an endpoint through which none of the nodes answers
     * (another cluster's talosconfig), are bad input, one line, as for apply's pre-flight: not a verification list in
     * which every check fails with the same connection error.
     */
    private static void requireAnswers(RolloutTarget target, RenderedCluster expected) {
        List<TalosReach.Target> targets = expected.nodes().stream()
                .map(n -> new TalosReach.Target(n.hostname(), n.reachedAt())).toList();
        TalosReach.of(target.talos(), targets).noneAnswered().ifPresent(line -> {
            throw new InputException(line);
        });
    }
}
