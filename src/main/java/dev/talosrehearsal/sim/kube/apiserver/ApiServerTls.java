package dev.talosrehearsal.sim.kube.apiserver;

import dev.talosrehearsal.common.Pem;
import dev.talosrehearsal.machineconfig.secrets.KubernetesCertificates;
import dev.talosrehearsal.machineconfig.secrets.OsCertificates.Issued;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import java.util.Base64;
import java.util.List;

/**
 * The embedded API's TLS, from the cluster's own Kubernetes CA, as a real cluster's: a serving certificate for the
 * loopback address it listens on, and the admin client certificate its kubeconfig carries ({@code talosctl kubeconfig}'s
 * {@code O=system:masters}). Clients that use the written kubeconfig — kubectl, {@code apply} and {@code verify}
 * against {@code sim up}, a user's checks — then check the server's certificate against the CA and present a client
 * certificate, as against a real API server; the server asks for it and checks it against the same CA.
 */
public record ApiServerTls(String caPem, String servingCertificatePem, String servingKeyPem, String clientCertificatePem,
        String clientKeyPem) {
    /** Names the serving certificate carries: the loopback address the kubeconfig names, and localhost. */
    static final List<String> NAMES = List.of("127.0.0.1", "localhost");

    public static ApiServerTls of(SecretsBundle secrets) {
        Issued serving = KubernetesCertificates.apiServer(secrets, NAMES);
        Issued client = KubernetesCertificates.adminClient(secrets);
        return new ApiServerTls(Pem.writeCertificate(secrets.k8s().certificate()), Pem.writeCertificate(serving.certificate()),
                Pem.encode(Pem.PRIVATE_KEY, serving.privateKey().getEncoded()), Pem.writeCertificate(client.certificate()),
                Pem.writePrivateKey(client.privateKey()));
    }

    /** The kubeconfig's {@code cluster:} and {@code user:} TLS fields, base64 as kubeconfigs carry them. */
    public String kubeconfigCluster() {
        return "certificate-authority-data: " + base64(caPem);
    }

    public String kubeconfigUser() {
        return "{client-certificate-data: " + base64(clientCertificatePem) + ", client-key-data: " + base64(clientKeyPem) + "}";
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "ApiServerTls[keys=<redacted>]";
    }
}
