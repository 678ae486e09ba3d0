package dev.talosrehearsal.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.testing.BootedHomelab;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesBackendsTest {
    @Test
    void picksABackendByName() {
        assertThat(KubernetesBackends.fromName("embedded")).isInstanceOf(EmbeddedKubernetes.class);
        assertThat(KubernetesBackends.fromName("k3s")).isInstanceOf(K3sKubernetes.class);
        assertThat(KubernetesBackends.fromName("kubeconfig")).isInstanceOf(KubeconfigKubernetes.class);
        assertThatThrownBy(() -> KubernetesBackends.fromName("kind")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use embedded, k3s or kubeconfig");
    }

    @Test
    void theDefaultIsEmbeddedUnlessThePropertySaysOtherwise() {
        String before = System.getProperty(KubernetesBackends.PROPERTY);
        try {
            System.clearProperty(KubernetesBackends.PROPERTY);
            assertThat(KubernetesBackends.fromDefault("v1.33.2").serverVersion()).isEqualTo("v1.33.2");
            System.setProperty(KubernetesBackends.PROPERTY, "k3s");
            assertThat(KubernetesBackends.fromDefault("v1.33.2").name()).isEqualTo("k3s");
        } finally {
            if (before == null) {
                System.clearProperty(KubernetesBackends.PROPERTY);
            } else {
                System.setProperty(KubernetesBackends.PROPERTY, before);
            }
        }
    }

    @Test
    void aMissingKubeconfigMakesTheBackendUnavailable(@TempDir Path dir) {
        KubeconfigKubernetes backend = new KubeconfigKubernetes(dir.resolve("nope"), null);
        assertThatThrownBy(backend::start).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("cannot read " + dir.resolve("nope"));
    }

    @Test
    void theKubeconfigBackendTalksToAnyClusterAndCleansUpOnlyLabelledObjects(@TempDir Path dir) throws Exception {
        try (EmbeddedKubernetes cluster = new EmbeddedKubernetes()) {
            cluster.start();
            Path kubeconfig = cluster.writeKubeconfig(dir.resolve("cluster/kubeconfig"));
            assertThat(Files.getPosixFilePermissions(kubeconfig)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            cluster.client().configMaps().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                    .withNewMetadata().withName("theirs").endMetadata().build()).create();

            KubeconfigKubernetes guest = new KubeconfigKubernetes(kubeconfig, null);
            guest.start();
            assertThat(guest.serverVersion()).isEqualTo(EmbeddedKubernetes.DEFAULT_VERSION);
            guest.client().configMaps().inNamespace("default").resource(SimulatedObjects.labelled(
                    new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName("ours").endMetadata().build()))
                    .create();
            BootedHomelab homelab = new BootedHomelab();
            new NodeMirror(guest.client(), homelab.nodes, homelab.clock).start();
            assertThat(cluster.client().nodes().list().getItems()).hasSize(5);
            guest.stop();

            assertThat(cluster.client().nodes().list().getItems()).isEmpty();
            assertThat(cluster.client().configMaps().inNamespace("default").list().getItems())
                    .extracting(c -> c.getMetadata().getName()).containsExactly("theirs");
            assertThat(cluster.client().namespaces().list().getItems()).hasSize(4);
        }
    }
}
