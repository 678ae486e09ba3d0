package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.rollout.RolloutClock;
import dev.talosrehearsal.rollout.RolloutTarget;
import dev.talosrehearsal.rollout.TailnetProbe;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** How the rollout commands reach a cluster: Talos API, Kubernetes API, tailnet. */
final class ClusterAccessOptions {
    @Option(names = "--talosconfig", paramLabel = "FILE", description = "talosconfig (default: $TALOSCONFIG, else ~/.talos/config).")
    Path talosconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "talosconfig context (default: its current one).")
    String context;

    // no -e here: next to talhelper's options, -e is the env file
    @Option(names = "--endpoints", paramLabel = "ENDPOINT", description = "Talos API endpoint (default: all of the context's, load-balanced as talosctl does).")
    String endpoint;

    @Option(names = "--kubeconfig", required = true, paramLabel = "FILE", description = "kubeconfig of the cluster.")
    Path kubeconfig;

    @Option(names = "--tailnet", paramLabel = "SUFFIX",
            description = "The tailnet's MagicDNS suffix (e.g. tailnet-4d89.ts.net): gates control planes on the Kubernetes API through the Tailscale service name.")
    String tailnet;

    @Option(names = "--resolve", paramLabel = "NAME:PORT=HOST:PORT",
            description = "Dial NAME:PORT at HOST:PORT instead (like curl --resolve), e.g. through a port-forward. Repeatable.")
    List<String> resolve = List.of();

    @Option(names = "--gate-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "How long each gate may take to pass (default: ${DEFAULT-VALUE} s).")
    long gateTimeoutSeconds;

    TalosConfig.Context talosContext() {
        return TalosConfig.read(TalosConfig.locate(talosconfig, System.getenv()), context);
    }

    TalosClient talosClient(TalosConfig.Context ctx) {
        try {
            return TalosClient.connect(ctx, endpoint != null ? List.of(endpoint) : ctx.endpoints(), TalosClient.Timeouts.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }

    /** The real cluster these options name, as the applier and the verifier reach it (wall clock). */
    RolloutTarget target(TalosConfig.Context ctx) {
        TailnetProbe probe = tailnetProbe();
        TalosClient talos = talosClient(ctx);
        try {
            return new RolloutTarget(talos, ClusterView.fromKubeconfig(kubeconfig), probe, RolloutClock.system(), tailnet);
        } catch (RuntimeException e) {
            talos.close();
            throw e;
        }
    }

    private TailnetProbe tailnetProbe() {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : resolve) {
            int eq = entry.indexOf('=');
            if (eq < 1 || !entry.substring(0, eq).contains(":") || !entry.substring(eq + 1).contains(":")) {
                throw new InputException("--resolve " + entry + ": expected NAME:PORT=HOST:PORT");
            }
            map.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return TailnetProbe.withOverrides(map);
    }

    Duration gateTimeout() {
        return Duration.ofSeconds(gateTimeoutSeconds);
    }
}
