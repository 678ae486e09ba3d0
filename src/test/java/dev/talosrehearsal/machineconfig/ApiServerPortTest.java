package dev.talosrehearsal.machineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Where Talos reads the kube-apiserver's port (siderolabs/talos pkg/machinery/config/types/k8s/apiserver.go APIPort,
 * types/v1alpha1/v1alpha1_clusterconfig.go LocalAPIServerPort): the KubeAPIServerConfig document when the config has
 * one, else v1alpha1, with 6443 (constants.DefaultControlPlanePort) for what is unset.
 */
class ApiServerPortTest {
    private static final String V1ALPHA1 = "version: v1alpha1\nmachine:\n  type: controlplane\ncluster:\n  clusterName: c\n";

    @Test
    void unsetIs6443() {
        assertThat(ApiServerPort.of(config(V1ALPHA1))).isEqualTo(6443);
    }

    @Test
    void v1alpha1LocalApiServerPortBeforeV114() {
        assertThat(ApiServerPort.of(config(V1ALPHA1 + "  controlPlane:\n    localAPIServerPort: 7443\n"))).isEqualTo(7443);
        // a plain int in Go: 0 is "not set" (LocalAPIServerPort returns the default)
        assertThat(ApiServerPort.of(config(V1ALPHA1 + "  controlPlane:\n    localAPIServerPort: 0\n"))).isEqualTo(6443);
    }

    @Test
    void theKubeApiServerConfigDocumentWinsAtV114AndDefaultsWithoutApiPort() {
        String document = "---\napiVersion: v1alpha1\nkind: KubeAPIServerConfig\n";
        assertThat(ApiServerPort.of(config(V1ALPHA1 + document + "apiPort: 8443\n"))).isEqualTo(8443);
        // v1.14's generator writes the document with apiPort only when a port was asked for (generate/kubernetes.go)
        assertThat(ApiServerPort.of(config(V1ALPHA1 + document + "image: registry.k8s.io/kube-apiserver:v1.35.0\n")))
                .isEqualTo(6443);
    }

    private static MachineConfig config(String yaml) {
        return MachineConfig.parse(yaml, "controlplane.yaml");
    }
}
