package dev.talosrehearsal.sim.kube;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

/**
 * The kubelet's heartbeat: one Lease per Node in {@code kube-node-lease}, renewed every
 * {@value #RENEW_SECONDS} s while the node is up, as the kubelet does. A cluster with a node lifecycle
 * controller (k3s, an existing cluster) marks a Node Unknown when its Lease is older than the grace
 * period (40 s by default) and its status has not changed either; without these heartbeats every
 * simulated Node would go Unknown 40 s into a rehearsal.
 *
 * <p>Renewals follow the <em>wall</em> clock, not the simulated one: it is the real controller's clock
 * that judges them. A node that is down renews nothing, as its kubelet would not. Each Lease is owned
 * by its Node (the garbage collector removes it with the Node) and carries
 * {@link KubernetesBackend#SIMULATED_LABEL}, so clean-up finds it either way.
 */
final class NodeLeases {
    static final String NAMESPACE = "kube-node-lease";
    static final int RENEW_SECONDS = 10;
    static final int DURATION_SECONDS = 40;

    private final KubernetesClient client;
    private final Clock wall;
    private final Map<String, Instant> renewed = new HashMap<>();

    NodeLeases(KubernetesClient client, Clock wall) {
        this.client = client;
        this.wall = wall;
    }

    /** Creates (or takes over, after an earlier run) the Lease of {@code node}, renewed now. */
    void create(Node node) {
        Instant now = wall.instant();
        Lease lease = SimulatedObjects.labelled(new LeaseBuilder()
                .withNewMetadata().withName(node.getMetadata().getName()).withNamespace(NAMESPACE)
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Node")
                            .withName(node.getMetadata().getName()).withUid(node.getMetadata().getUid()).build())
                .endMetadata()
                .withNewSpec().withHolderIdentity(node.getMetadata().getName()).withLeaseDurationSeconds(DURATION_SECONDS)
                    .withRenewTime(microTime(now)).endSpec()
                .build());
        client.leases().inNamespace(NAMESPACE).resource(lease).createOr(NonDeletingOperation::update);
        renewed.put(node.getMetadata().getName(), now);
    }

    /** Renews the Lease of a node that is up when its last renewal is {@value #RENEW_SECONDS} s old; true if it wrote. */
    boolean renewIfDue(String name, boolean up) {
        Instant now = wall.instant();
        Instant last = renewed.get(name);
        if (!up || last == null || Duration.between(last, now).getSeconds() < RENEW_SECONDS) {
            return false;
        }
        client.leases().inNamespace(NAMESPACE).withName(name)
                .edit(lease -> new LeaseBuilder(lease).editSpec().withRenewTime(microTime(now)).endSpec().build());
        renewed.put(name, now);
        return true;
    }

    void delete(String name) {
        try {
            client.leases().inNamespace(NAMESPACE).withName(name).delete();
        } catch (KubernetesClientException e) {
            // already gone with its Node, or the API server is
        }
        renewed.remove(name);
    }

    /** Kubernetes MicroTime: microseconds, UTC. */
    private static ZonedDateTime microTime(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atZone(ZoneOffset.UTC);
    }
}
