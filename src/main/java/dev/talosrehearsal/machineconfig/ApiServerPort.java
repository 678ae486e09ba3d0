package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The port a control plane's kube-apiserver listens on, on every address of the host: what a Tailscale
 * {@code TCPForward 127.0.0.1:<port>} must name, what KubePrism and the kubelet's local endpoint dial, and what
 * cluster discovery publishes.
 *
 * <p>Talos reads it from the first KubeAPIServerConfig document's {@code apiPort} when the config has that document
 * (v1.14's generator always writes it, with {@code apiPort} only when a port was asked for), else from v1alpha1
 * {@code cluster.controlPlane.localAPIServerPort}; unset, or 0 in v1alpha1, is 6443 (constants.DefaultControlPlanePort).
 * Sources, siderolabs/talos: pkg/machinery/config/types/k8s/apiserver.go (APIPort), types/v1alpha1/v1alpha1_clusterconfig.go
 * (LocalAPIServerPort) and v1alpha1_k8s_bridge.go; used by internal/app/machined/pkg/controllers/k8s/control_plane.go
 * (LocalPort, the apiserver's {@code secure-port}), k8s/kubeprism_endpoints.go, secrets/kubelet.go and
 * cluster/local_affiliate.go.
 */
public final class ApiServerPort {
    public static final int DEFAULT = 6443;

    private ApiServerPort() {}

    public static int of(MachineConfig config) {
        JsonNode value = ConfigSetting.API_SERVER_PORT.value(config);
        if (!value.canConvertToInt()) {
            return DEFAULT;
        }
        int port = value.asInt();
        // The document's apiPort is a pointer in Go: an explicit 0 is 0. v1alpha1's field is a plain int: 0 is unset.
        boolean inDocument = ConfigSetting.API_SERVER_PORT.document(config).isPresent();
        return port == 0 && !inDocument ? DEFAULT : port;
    }
}
