package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.Pem;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Certificates signed by a cluster's OS CA, as Talos issues them: a node's apid server certificate
 * (Ed25519, serverAuth, the node's names and addresses) and client certificates whose Organization is
 * the Talos role ({@code os:admin}, {@code os:operator}, {@code os:reader}).
 *
 * <p>Used by the simulated cluster to speak mutual TLS with the cluster's own CA, so the real client is
 * exercised exactly as against Talos. Keys are fresh and random; nothing here needs to be reproducible.
 */
public final class OsCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VALIDITY = Duration.ofDays(365);

    /** A certificate and its private key. */
    public record Issued(X509Certificate certificate, PrivateKey privateKey) {
        @Override
        public String toString() {
            return "Issued[" + certificate.getSubjectX500Principal() + ", key=<redacted>]";
        }
    }

    private OsCertificates() {}

    /** apid's server certificate for a node reachable at {@code addresses} (IPs) and {@code dnsNames}. */
    public static Issued server(SecretsBundle bundle, String hostname, List<String> addresses, List<String> dnsNames) {
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        for (String address : addresses) {
            try {
                names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(InetAddress.getByName(address).getAddress())));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("not an IP address: " + address, e);
            }
        }
        return issue(bundle, new X500Name("CN=" + hostname), KeyPurposeId.id_kp_serverAuth, names);
    }

    /** A client certificate for the Talos role {@code role} (the certificate's Organization). */
    public static Issued client(SecretsBundle bundle, String role) {
        return issue(bundle, X509Names.organizations(role), KeyPurposeId.id_kp_clientAuth, List.of());
    }

    private static Issued issue(SecretsBundle bundle, X500Name subject, KeyPurposeId purpose, List<GeneralName> names) {
        X509Certificate ca = bundle.os().certificate();
        PrivateKey caKey = bundle.os().privateKey();
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            if (!names.isEmpty()) {
                extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            Instant now = Instant.now();
            X500Name issuer = X500Name.getInstance(ca.getSubjectX500Principal().getEncoded());
            byte[] der = CertificateSigner.sign(issuer, new BigInteger(127, RANDOM), now.minus(Duration.ofMinutes(5)),
                    now.plus(VALIDITY), subject, Pem.ed25519PublicKeyInfo(seed), extensions.generate(), caKey, "Ed25519", null);
            return new Issued(Pem.parseCertificate(der), Pem.ed25519PrivateKey(seed));
        } catch (IOException e) {
            throw new IllegalStateException("cannot issue a certificate from the OS CA", e);
        } finally {
            java.util.Arrays.fill(seed, (byte) 0);
        }
    }
}
