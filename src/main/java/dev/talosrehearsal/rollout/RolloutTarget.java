package dev.talosrehearsal.rollout;

import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.talos.TalosClient;
import java.util.List;

/**
 * A cluster as the applier and the verifier reach it: its Talos API, its Kubernetes API, the tailnet
 * it serves the API on, and the clock a rollout waits by. Whether these doors lead to a real cluster
 * or to a simulated one is decided by whoever builds the target (the {@code cli} for a real cluster,
 * {@code rehearsal.SimulatedTarget} for a simulated one); nothing behind this class can tell.
 *
 * <p>Owns the Talos client and the Kubernetes view: closing the target closes both.
 *
 * @param tailnetSuffix the tailnet's MagicDNS suffix ({@code example.ts.net}), or null when the cluster is
 *                      not reached through a tailnet (then no gate dials one)
 */
public record RolloutTarget(TalosClient talos, ClusterView kube, TailnetProbe tailnet, RolloutClock clock, String tailnetSuffix)
        implements AutoCloseable {

    /** The applier for this target; {@code controlPlanes} are the control planes' Talos API addresses (etcd quorum is read there). */
    public Applier applier(Applier.Settings settings, RolloutListener listener, List<String> controlPlanes) {
        return new Applier(talos, kube, tailnet, clock, listener, settings, controlPlanes, tailnetSuffix);
    }

    /** The post-migration checks for this target. */
    public Verifier verifier(List<String> controlPlanes) {
        return new Verifier(talos, kube, tailnet, controlPlanes, tailnetSuffix);
    }

    @Override
    public void close() {
        try (TalosClient t = talos; ClusterView k = kube) {
            // closes both, the Kubernetes view first, even when one of them fails
        }
    }
}
