package dev.talosrehearsal.rehearsal;

import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.rollout.RolloutClock;
import dev.talosrehearsal.rollout.RolloutTarget;
import dev.talosrehearsal.rollout.TailnetProbe;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
import java.time.Duration;

/**
 * The one place where the production rollout is pointed at a simulated cluster. The applier and the
 * verifier get the same three doors as on a real cluster (a Talos client built from the cluster's
 * talosconfig over mutual TLS, a Kubernetes view through a client built from the cluster's kubeconfig over TLS
 * as {@code apply --kubeconfig} builds it, a tailnet probe that dials the tailnet's names) and one difference: the
 * clock is the simulated cluster's, so waiting for a gate advances simulated time instead of sleeping. (Reading
 * through the simulator's own client instead hid that the kubeconfig client's own retries kept a pre-flight
 * against an API that does not answer waiting two minutes.)
 */
public final class SimulatedTarget {
    /** Long enough for the slowest simulated reply on a loaded 2-core machine; a real cluster uses the client's defaults. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private SimulatedTarget() {}

    /**
     * A rollout target on {@code cluster}; closing it closes the client and the view, not the cluster.
     *
     * @param tailnetSuffix the MagicDNS suffix the gates dial names under, or null for no tailnet gate
     */
    public static RolloutTarget of(SimulatedCluster cluster, String tailnetSuffix) {
        TalosClient talos = talosClient(cluster.talosconfig());
        try {
            return new RolloutTarget(talos, ClusterView.of(cluster.kubeconfigClient()), new TailnetProbe(cluster::resolve),
                    RolloutClock.of(cluster.clock()::now, wait -> advance(cluster, talos, wait)), tailnetSuffix);
        } catch (RuntimeException e) {
            talos.close();
            throw e;
        }
    }

    /**
     * Lets simulated time pass, then waits (in wall time) until the client is connected to an endpoint that is up.
     * Simulated time runs far ahead of the wall clock, but a client's connections recover in wall time: after a
     * reboot of minutes that took milliseconds, gRPC would still be in its reconnect backoff (a second at least),
     * and a gate would spend its whole simulated timeout failing fast. On a real cluster the poll interval is that
     * wall time, and the client dials again on the next call anyway.
     */
    private static void advance(SimulatedCluster cluster, TalosClient talos, Duration wait) {
        cluster.advance(wait);
        if (cluster.talos().anyEndpointListening()) {
            talos.awaitConnected(RECONNECT_LIMIT);
        }
    }

    /** How long a connection to a listening simulated endpoint may take on a loaded machine before the call just fails. */
    private static final Duration RECONNECT_LIMIT = Duration.ofSeconds(10);

    /** A Talos client for a simulated cluster's talosconfig, through all its endpoints, as talosctl would connect. */
    public static TalosClient talosClient(String talosconfig) {
        return talosClient(talosconfig, CALL_TIMEOUT);
    }

    /** The same with another deadline per call (a fan-out to a thousand simulated nodes takes longer). */
    public static TalosClient talosClient(String talosconfig, Duration callTimeout) {
        TalosConfig.Context ctx = TalosConfig.parse(talosconfig, "talosconfig", null);
        return TalosClient.connect(ctx, ctx.endpoints(), new TalosClient.Timeouts(callTimeout, callTimeout));
    }
}
