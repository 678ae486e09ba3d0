package dev.talosrehearsal.machineconfig.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.machineconfig.secrets.OsCertificates.Issued;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubernetesCertificatesTest {
    private static final SecretsBundle BUNDLE = SecretsFile.read(Path.of("fixtures/homelab/talsecret.yaml"));

    @Test
    void apiServerCertificateIsSignedByTheKubernetesCaWithExactlyTheGivenNames() throws Exception {
        Issued issued = KubernetesCertificates.apiServer(BUNDLE,
                List.of("192.168.20.10", "bastion-k8s.tailnet-4d89.ts.net", "kubernetes", "192.168.20.10", "::1"));
        X509Certificate cert = issued.certificate();

        cert.verify(BUNDLE.k8s().certificate().getPublicKey());
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(BUNDLE.k8s().certificate().getSubjectX500Principal());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=kube-apiserver,O=kube-master");
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(cert.getSubjectAlternativeNames()).extracting(n -> n.get(0) + "=" + n.get(1)).containsExactly(
                "7=192.168.20.10", "2=bastion-k8s.tailnet-4d89.ts.net", "2=kubernetes", "7=0:0:0:0:0:0:0:1");
        assertThat(issued.privateKey().getAlgorithm()).isEqualTo("EC");
    }

    @Test
    void serverCertificateFromAStandAloneCa() throws Exception {
        EncodedCertAndKey ca = KubernetesCertificates.selfSignedCa("tailnet");
        Issued issued = KubernetesCertificates.server(ca, List.of("talos-master-0.tailnet-4d89.ts.net"));
        issued.certificate().verify(ca.certificate().getPublicKey());
        assertThat(issued.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=talos-master-0.tailnet-4d89.ts.net");
        assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }
}
