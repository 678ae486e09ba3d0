package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.Pem;
import dev.talosrehearsal.machineconfig.secrets.OsCertificates.Issued;
import inet.ipaddr.IPAddressString;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Server certificates signed by an ECDSA (or Ed25519) CA: the kube-apiserver's serving certificate
 * signed by the cluster's Kubernetes CA ({@code certs.k8s}), and a stand-alone CA for simulators that
 * need a certificate from "somebody else" (the tailnet's stand-in for Let's Encrypt).
 *
 * <p>Used by the simulated tailnet, so that a client trusting the Kubernetes CA (as a kubeconfig's
 * {@code certificate-authority-data} does) checks the API server's names exactly as kubectl would.
 * Keys are fresh ECDSA P-256 and random; nothing here needs to be reproducible.
 */
public final class KubernetesCertificates {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VALIDITY = Duration.ofDays(365);

    private KubernetesCertificates() {}

    /**
     * The kube-apiserver serving certificate Talos issues from the Kubernetes CA ({@code CN=kube-apiserver},
     * {@code O=kube-master}, serverAuth) carrying exactly {@code sans}: each entry is an IP address SAN
     * when it is an IP literal, a DNS SAN otherwise (duplicates dropped, order kept).
     */
    public static Issued apiServer(SecretsBundle bundle, List<String> sans) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "kube-master").addRDN(BCStyle.CN, "kube-apiserver").build();
        return issue(bundle.k8s().certificate(), bundle.k8s().privateKey(), subject, sans, KeyPurposeId.id_kp_serverAuth);
    }

    /**
     * A client certificate for a cluster administrator from the Kubernetes CA ({@code CN=admin},
     * {@code O=system:masters}, clientAuth), what the admin kubeconfig {@code talosctl kubeconfig} writes carries.
     */
    public static Issued adminClient(SecretsBundle bundle) {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "system:masters").addRDN(BCStyle.CN, "admin").build();
        return issue(bundle.k8s().certificate(), bundle.k8s().privateKey(), subject, List.of(), KeyPurposeId.id_kp_clientAuth);
    }

    /** A serverAuth certificate for {@code sans} ({@code CN=} the first one) signed by {@code ca}. */
    public static Issued server(EncodedCertAndKey ca, List<String> sans) {
        if (sans.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one name");
        }
        return issue(ca.certificate(), ca.privateKey(), new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, sans.get(0)).build(), sans,
                KeyPurposeId.id_kp_serverAuth);
    }

    /** A new self-signed ECDSA P-256 CA with the subject {@code O=<organization>}, valid 10 years. */
    public static EncodedCertAndKey selfSignedCa(String organization) {
        return new CertificateAuthorities(RANDOM).ecdsaP256(X509Names.organizations(organization), Instant.now());
    }

    private static Issued issue(X509Certificate ca, PrivateKey caKey, X500Name subject, List<String> sans, KeyPurposeId purpose) {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK cannot generate ECDSA P-256 keys", e);
        }
        List<GeneralName> names = new ArrayList<>();
        for (String san : new LinkedHashSet<>(sans)) {
            IPAddressString ip = new IPAddressString(san);
            if (ip.isIPAddress()) {
                names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress().getBytes())));
            } else {
                names.add(new GeneralName(GeneralName.dNSName, san));
            }
        }
        String signatureAlgorithm = caKey.getAlgorithm().equals("EC") ? "SHA256withECDSA" : caKey.getAlgorithm();
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
                    now.plus(VALIDITY), subject, SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()),
                    extensions.generate(), caKey, signatureAlgorithm, RANDOM);
            return new Issued(Pem.parseCertificate(der), keys.getPrivate());
        } catch (IOException e) {
            throw new IllegalStateException("cannot issue a certificate", e);
        }
    }
}
