package dev.talosrehearsal.sim.kube;

import dev.talosrehearsal.kube.ApiServerObjects;
import dev.talosrehearsal.machineconfig.ApiServerPort;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.network.AddressConfig;
import dev.talosrehearsal.network.ServiceIps;
import dev.talosrehearsal.sim.node.SimulatedNode;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code kubernetes} Service of the {@code default} namespace, with its Endpoints and EndpointSlice, as the control
 * planes' kube-apiservers keep them, on an API server that has none of its own (the embedded one; k3s and an existing
 * cluster keep theirs, and it is never touched there). What a user's {@code checks.yaml} reads with
 * {@code kubectl get endpoints kubernetes} is then what a real cluster shows after the same migration.
 *
 * <ul>
 *   <li>The Service: ClusterIP the first address of the first service subnet (the API server allocates it to itself),
 *       port 443 ({@code https}) to the API server's port (6443 unless {@link ApiServerPort} says otherwise).</li>
 *   <li>The endpoints: every control plane whose kube-apiserver runs, at the address it advertises. Talos starts
 *       kube-apiserver with {@code --advertise-address=$(POD_IP)} (v1.13.9
 *       internal/app/machined/pkg/controllers/k8s/control_plane.go, control_plane_static_pod.go): a static pod on the
 *       host network has the node IP the kubelet held when the pod started, so the address follows the node IP from
 *       one boot to the next, not while the node runs. An API server that stops (a reboot) removes itself on its way
 *       down (the lease endpoint reconciler); one without a node IP never started (its kubelet cannot run).
 *       Whether a running API server is restarted when only its node's IP changes depends on its static pod (the
 *       kubelet recreates it when Talos re-renders it, e.g. for new certificate SANs); the simulator takes the address
 *       at boot only, the cautious reading: a check that needs the new address passes once the node has rebooted, as
 *       the applier's control planes do.</li>
 * </ul>
 * Written at the {@link NodeMirror}'s sync points, and only when the endpoints changed.
 */
final class KubernetesServiceMirror {
    private static final String NAME = ApiServerObjects.SERVICE;
    private static final String NAMESPACE = ApiServerObjects.NAMESPACE;

    private final KubernetesClient client;
    private final List<SimulatedNode> controlPlanes;
    /** Per control plane: the boot its API server started in, and the address it advertises since. */
    private record Started(String bootId, String address) {}

    private final Map<String, Started> started = new HashMap<>();
    private List<String> written;

    KubernetesServiceMirror(KubernetesClient client, List<SimulatedNode> nodes) {
        this.client = client;
        this.controlPlanes = nodes.stream().filter(SimulatedNode::controlPlane).toList();
    }

    void start() {
        if (controlPlanes.isEmpty()) {
            return;
        }
        MachineConfig config = controlPlanes.get(0).activeConfig();
        String subnet = ConfigSetting.SERVICE_SUBNETS.strings(config).stream().findFirst().orElse(AddressConfig.DEFAULT_SERVICE_SUBNETS.get(0));
        Service service = new ServiceBuilder().withNewMetadata().withName(NAME).withNamespace(NAMESPACE)
                .addToLabels("component", "apiserver").addToLabels("provider", "kubernetes").endMetadata()
                .withNewSpec().withType("ClusterIP").withSessionAffinity("None")
                .withClusterIP(ServiceIps.first(subnet).orElse(null))
                .addNewPort().withName("https").withProtocol("TCP").withPort(443).withTargetPort(new IntOrString(ApiServerPort.of(config))).endPort()
                .endSpec().build();
        client.services().inNamespace(NAMESPACE).resource(service).createOr(existing -> existing.update());
        sync();
    }

    /** Writes the Endpoints and the EndpointSlice when the set of running API servers or an address changed. */
    void sync() {
        if (controlPlanes.isEmpty()) {
            return;
        }
        List<String> addresses = controlPlanes.stream().map(this::advertisedAddress).flatMap(Optional::stream).sorted().toList();
        if (addresses.equals(written)) {
            return;
        }
        int port = ApiServerPort.of(controlPlanes.get(0).activeConfig());
        Endpoints endpoints = new EndpointsBuilder().withNewMetadata().withName(NAME).withNamespace(NAMESPACE).endMetadata()
                .addNewSubset().withAddresses(addresses.stream().map(ip -> new EndpointAddressBuilder().withIp(ip).build()).toList())
                .withPorts(new EndpointPortBuilder().withName("https").withPort(port).withProtocol("TCP").build()).endSubset()
                .build();
        if (addresses.isEmpty()) {
            endpoints.setSubsets(List.of()); // no API server runs: an Endpoints without subsets, as the reconciler leaves it
        }
        client.endpoints().inNamespace(NAMESPACE).resource(endpoints).createOr(existing -> existing.update());
        EndpointSlice slice = new EndpointSliceBuilder().withNewMetadata().withName(NAME).withNamespace(NAMESPACE)
                .addToLabels("kubernetes.io/service-name", NAME).endMetadata()
                .withAddressType(addresses.stream().anyMatch(a -> a.contains(":")) ? "IPv6" : "IPv4")
                .withEndpoints(addresses.stream().map(ip -> new EndpointBuilder().withAddresses(ip).withNewConditions().withReady(true)
                        .endConditions().build()).toList())
                .addNewPort().withName("https").withPort(port).withProtocol("TCP").endPort()
                .build();
        client.discovery().v1().endpointSlices().inNamespace(NAMESPACE).resource(slice).createOr(existing -> existing.update());
        written = addresses;
    }

    /** The address {@code node}'s API server advertises now; empty while it does not run. */
    private Optional<String> advertisedAddress(SimulatedNode node) {
        List<String> nodeIps = node.kubeletNodeIps(); // empty while down
        if (nodeIps.isEmpty()) {
            return Optional.empty();
        }
        Started last = started.get(node.hostname());
        if (last == null || !Objects.equals(last.bootId(), node.bootId())) {
            last = new Started(node.bootId(), nodeIps.get(0));
            started.put(node.hostname(), last);
        }
        return Optional.of(last.address());
    }
}
