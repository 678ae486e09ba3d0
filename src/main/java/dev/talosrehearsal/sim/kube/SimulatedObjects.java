package dev.talosrehearsal.sim.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.Map;

/**
 * The rule for clusters the simulator does not own (k3s shared between tests, any kubeconfig):
 * everything it creates carries {@link KubernetesBackend#SIMULATED_LABEL}{@code =true}, and clean-up
 * deletes exactly what carries it.
 */
public final class SimulatedObjects {
    private SimulatedObjects() {}

    /** {@code object} with the simulated label added (in place), for creating it. */
    public static <T extends HasMetadata> T labelled(T object) {
        Map<String, String> labels = object.getMetadata().getLabels() == null ? new HashMap<>()
                : new HashMap<>(object.getMetadata().getLabels());
        labels.put(KubernetesBackend.SIMULATED_LABEL, "true");
        object.getMetadata().setLabels(labels);
        return object;
    }

    /**
     * Deletes every labelled object of the kinds the simulator creates (nodes, namespaces,
     * services, config maps, network policies, node leases, and what {@link ClusterObjects} loads: endpoints, endpoint
     * slices, ingresses, secrets), in every namespace. Custom resources (Cilium policies) are left to the
     * cluster's owner.
     */
    public static void deleteAll(KubernetesClient client) {
        String label = KubernetesBackend.SIMULATED_LABEL;
        try {
            client.network().v1().networkPolicies().inAnyNamespace().withLabel(label, "true").delete();
            client.configMaps().inAnyNamespace().withLabel(label, "true").delete();
            client.network().v1().ingresses().inAnyNamespace().withLabel(label, "true").delete();
            client.discovery().v1().endpointSlices().inAnyNamespace().withLabel(label, "true").delete();
            client.endpoints().inAnyNamespace().withLabel(label, "true").delete();
            client.secrets().inAnyNamespace().withLabel(label, "true").delete();
            client.services().inAnyNamespace().withLabel(label, "true").delete();
            client.leases().inAnyNamespace().withLabel(label, "true").delete();
            client.nodes().withLabel(label, "true").delete();
            client.namespaces().withLabel(label, "true").delete();
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("could not remove the simulator's objects (label " + label + "=true): "
                    + e.getMessage(), e);
        }
    }
}
