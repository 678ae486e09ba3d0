package dev.talosrehearsal.cli;

import dev.talosrehearsal.capture.CaptureFailure;
import dev.talosrehearsal.capture.CapturedNode;
import dev.talosrehearsal.capture.RehearsalCapture;
import dev.talosrehearsal.talos.TalosConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Capture a running cluster, read-only, into a rehearsal directory that is its twin: each node's running machine"
                + " config as before/ (0600), the secrets bundle they hold as talsecret.yaml (0600), each node's addresses as"
                + " inventory.yaml, and with --kubeconfig the objects the impact scan reads as cluster/ (Secrets never read).",
                "Then copy your new talconfig into DIR/after/ and run: talos-rehearsal rehearse DIR.",
                "Exit code 0: captured; 1: a node did not answer (named; nothing written); 2: bad input (nothing written)."})
final class CaptureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The rehearsal directory to make (must not exist, or be empty).")
    Path dir;

    @Option(names = "--talosconfig", paramLabel = "FILE",
            description = "talosconfig with an os:admin certificate (default: $TALOSCONFIG, else ~/.talos/config).")
    Path talosconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "Context to use (default: the file's current context).")
    String context;

    @Option(names = {"-e", "--endpoints"}, paramLabel = "ENDPOINT", description = "Endpoint to connect to (default: the context's).")
    String endpoint;

    @Option(names = {"-n", "--nodes"}, split = ",", paramLabel = "NODE",
            description = "Nodes to capture (default: the context's nodes, else every member cluster discovery lists).")
    List<String> nodes;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The cluster's kubeconfig: also capture cluster/ (read-only).")
    Path kubeconfig;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15", description = "Deadline per call (default: ${DEFAULT-VALUE} s).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        TalosConfig.Context ctx = TalosConfig.read(TalosConfig.locate(talosconfig, System.getenv()), context);
        List<String> endpoints = endpoint != null ? List.of(endpoint) : ctx.endpoints();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RehearsalCapture.Captured captured;
        try {
            captured = RehearsalCapture.capture(new RehearsalCapture.Request(dir, ctx, endpoints, nodes, kubeconfig,
                    Duration.ofSeconds(timeoutSeconds)), Clock.systemUTC());
        } catch (CaptureFailure e) {
            err.println("capture failed, nothing written: " + e.getMessage());
            return Main.FOUND;
        }
        List<CapturedNode> all = captured.nodes();
        long controlPlanes = all.stream().filter(CapturedNode::controlPlane).count();
        out.printf("captured cluster %s through %s: %d nodes (%s), %d control plane%s%n", captured.clusterName(), captured.endpoint(),
                all.size(), all.stream().map(CapturedNode::hostname).collect(Collectors.joining(", ")), controlPlanes, controlPlanes == 1 ? "" : "s");
        out.printf("  before/: %d running machine configs (mode 0600: they hold the cluster's keys)%n", all.size());
        out.printf("  talsecret.yaml: the secrets bundle %s's config holds (mode 0600)%n", captured.secretsFrom());
        out.printf("  inventory.yaml: each node's addresses, as its resource API reported them, and its image's extension services%n");
        if (kubeconfig == null) {
            out.println("  cluster/: not captured (no --kubeconfig)");
        } else {
            out.printf("  cluster/: %d objects in %d files, the kinds the impact scan reads (Secrets are never read)%n",
                    captured.objectCount(), captured.objectFiles());
            captured.notServed().forEach(k -> out.println("  cluster/: not served by this cluster, not captured: " + k));
        }
        captured.warnings().forEach(w -> out.println("warning: " + w));
        out.printf("next: copy your new talconfig.yaml (and its patch files) into %s, then run: %s%n",
                dir.resolve("after"), captured.rehearseCommand());
        return Main.OK;
    }
}
