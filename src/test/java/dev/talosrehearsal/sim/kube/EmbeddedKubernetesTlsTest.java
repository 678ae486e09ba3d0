package dev.talosrehearsal.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.common.Pem;
import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.machineconfig.secrets.KubernetesCertificates;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.testing.Homelab;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Kubernetes API as a simulated cluster serves it: over TLS from the cluster's own Kubernetes CA, with the
 * admin client certificate {@code talosctl kubeconfig} would hand out in the kubeconfig it writes. Whoever uses that
 * kubeconfig — kubectl, {@code apply} and {@code verify} against {@code sim up}, a user's checks — takes the path a real
 * cluster's kubeconfig takes: the server's certificate checked against the CA, a client certificate presented.
 */
class EmbeddedKubernetesTlsTest {
    @TempDir
    Path dir;
    SecretsBundle secrets = Homelab.secrets();
    EmbeddedKubernetes kube;

    @BeforeEach
    void start() {
        kube = new EmbeddedKubernetes("v1.34.1");
        kube.useClusterCertificates(secrets);
        kube.start();
    }

    @AfterEach
    void stop() {
        kube.close();
    }

    @Test
    void theKubeconfigCarriesTheClustersCaAndAnAdminCertificateAndWorksAsARealClustersDoes() throws IOException {
        Path kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"));

        Config config = Config.fromKubeconfig(Files.readString(kubeconfig));
        assertThat(config.getMasterUrl()).startsWith("https://127.0.0.1:");
        assertThat(pem(config.getCaCertData())).isEqualTo(secrets.k8s().certificate());
        X509Certificate admin = pem(config.getClientCertData());
        assertThat(admin.getSubjectX500Principal().getName()).contains("CN=admin").contains("O=system:masters");
        assertThat(admin.getIssuerX500Principal()).isEqualTo(secrets.k8s().certificate().getSubjectX500Principal());
        // what ClusterView.fromKubeconfig does with a user's kubeconfig
        try (KubernetesClient client = ClusterView.connect(kubeconfig)) {
            assertThat(client.namespaces().list().getItems()).extracting(Namespace::getMetadata)
                    .extracting(m -> m.getName()).contains("default", "kube-system");
        }
    }

    /** A kubeconfig whose CA is another cluster's is refused at the handshake, as a real API server's certificate would be. */
    @Test
    void aKubeconfigTrustingAnotherCaIsRefused() throws IOException {
        Path kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"));
        String ours = Base64.getEncoder().encodeToString(Pem.writeCertificate(secrets.k8s().certificate()).getBytes(StandardCharsets.US_ASCII));
        String other = Base64.getEncoder().encodeToString(Pem.writeCertificate(KubernetesCertificates.selfSignedCa("other").certificate())
                .getBytes(StandardCharsets.US_ASCII));
        Path otherCa = Files.writeString(dir.resolve("other-ca"), Files.readString(kubeconfig).replace(ours, other));

        try (KubernetesClient client = ClusterView.connect(otherCa)) {
            assertThatThrownBy(() -> client.namespaces().list()).isInstanceOf(KubernetesClientException.class)
                    .hasStackTraceContaining("PKIX path");
        }
    }

    /** The simulator's own hops stay on plain HTTP: the tailnet's API servers end the client's TLS themselves. */
    @Test
    void theSimulatorsOwnHopsStayOnPlainHttp() {
        assertThat(kube.url()).startsWith("https://");
        assertThat(kube.apiUrl().getScheme()).isEqualTo("http");
        assertThat(kube.client().getConfiguration().getMasterUrl()).startsWith("http://");
    }

    private static X509Certificate pem(String base64) {
        return Pem.readCertificate(new String(Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII));
    }
}
