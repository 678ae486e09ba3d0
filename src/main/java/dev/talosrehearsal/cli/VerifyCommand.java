package dev.talosrehearsal.cli;

import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.rollout.Verifier;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
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
        description = {"Check a running cluster against the config it should run (the seed's verification list): node IPs,"
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
        List<String> controlPlanes = expected.nodes().stream().filter(RenderedNode::controlPlane)
                .map(n -> n.addresses().isEmpty() ? n.hostname() : n.addresses().get(0)).toList();
        TalosConfig.Context ctx = access.talosContext();
        PrintWriter out = spec.commandLine().getOut();
        try (TalosClient talos = access.talosClient(ctx); ClusterView kube = access.clusterView()) {
            List<Verifier.Check> checks = new Verifier(talos, kube, access.tailnetProbe(), controlPlanes, access.tailnet).verify(expected);
            checks.forEach(out::println);
            long failed = checks.stream().filter(c -> !c.passed()).count();
            out.println(failed == 0 ? "all " + checks.size() + " checks passed" : failed + " of " + checks.size() + " checks failed");
            return failed == 0 ? Main.OK : Main.FOUND;
        }
    }
}
