package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.Pem;
import dev.talosrehearsal.common.KeyKind;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The talosconfig admin client certificate: what {@code talosctl gen config} puts in talosconfig,
 * but derived deterministically from the secrets bundle.
 *
 * <p>Shape, as Talos's {@code secrets.NewAdminCertificateAndKey} makes it: Ed25519 key; subject
 * {@code O=os:admin} and nothing else (no CN: Talos reads roles from the organizations only);
 * KeyUsage (critical) digitalSignature; ExtKeyUsage exactly clientAuth; no BasicConstraints;
 * AuthorityKeyIdentifier = the OS CA's subject key id; signed by the OS CA (Ed25519).
 *
 * <p>Why deterministic: talosctl makes a new random key and a one-year certificate on every run,
 * so every {@code genconfig} would rewrite talosconfig even when nothing changed, and the diff
 * would hide real changes. Here the same bundle and cluster name give byte-identical certificate
 * and key:
 * <ul>
 *   <li>the client key's 32-byte Ed25519 seed = HMAC-SHA256(key = the OS CA private key's DER (the
 *       PKCS#8 bytes inside its PEM, as stored in the bundle), message =
 *       {@code "talos-rehearsal/admin-client-key/v1:" + clusterName}). Only a holder of the CA key
 *       can compute it, and that holder could mint any client certificate anyway, so deriving it
 *       grants nothing new; the cluster name keeps two clusters sharing a bundle apart;</li>
 *   <li>serial = the first 16 bytes of SHA-256(CA certificate DER ‖ clusterName), as a positive
 *       integer: unique per CA and cluster, stable across runs;</li>
 *   <li>validity = the CA's own notBefore/notAfter (instead of talosctl's one year from now): the
 *       admin certificate is derived from the OS CA and is valid as long as the CA;</li>
 *   <li>Ed25519 signatures are deterministic (RFC 8032), so the signed bytes repeat too.</li>
 * </ul>
 * Changing any of these rules changes every user's talosconfig: bump the {@code v1} label if so.
 */
public final class AdminCertificate {
    static final String SEED_LABEL = "talos-rehearsal/admin-client-key/v1:";
    static final String ROLE_ADMIN = "os:admin";

    private final X509Certificate certificate;
    private final PrivateKey privateKey;

    private AdminCertificate(X509Certificate certificate, PrivateKey privateKey) {
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    /** Derives the admin certificate for {@code clusterName} from the bundle's OS CA. */
    public static AdminCertificate derive(SecretsBundle bundle, String clusterName) {
        Objects.requireNonNull(clusterName, "clusterName");
        if (clusterName.isEmpty()) {
            throw new IllegalArgumentException("cluster name must not be empty");
        }
        X509Certificate caCert = bundle.os().certificate();
        PrivateKey caKey = bundle.os().privateKey();
        if (KeyKind.of(caKey) != KeyKind.ED25519) {
            throw new IllegalArgumentException("the OS CA key must be Ed25519, found " + KeyKind.describe(caKey));
        }
        byte[] caKeyDer = Pem.decodeSingle(bundle.os().privateKeyPem()).der();
        byte[] seed = hmacSha256(caKeyDer, (SEED_LABEL + clusterName).getBytes(StandardCharsets.UTF_8));
        try {
            byte[] caDer = caCert.getEncoded();
            BigInteger serial = new BigInteger(1, Arrays.copyOf(
                    sha256(caDer, clusterName.getBytes(StandardCharsets.UTF_8)), 16));
            X500Name issuer = X500Name.getInstance(caCert.getSubjectX500Principal().getEncoded());
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            byte[] caSkid = caCert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
            if (caSkid != null) {
                // Go copies the parent's SubjectKeyId into AuthorityKeyId; so do we.
                byte[] keyId = ASN1OctetString.getInstance(ASN1OctetString.getInstance(caSkid).getOctets()).getOctets();
                extensions.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(keyId));
            }
            X509Certificate certificate = Pem.parseCertificate(CertificateSigner.sign(issuer, serial, caCert.getNotBefore().toInstant(),
                    caCert.getNotAfter().toInstant(), X509Names.organizations(ROLE_ADMIN),
                    Pem.ed25519PublicKeyInfo(seed), extensions.generate(), caKey, "Ed25519", null));
            return new AdminCertificate(certificate, Pem.ed25519PrivateKey(seed));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build the admin certificate", e);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    /** {@code CERTIFICATE} PEM text. */
    public String certificatePem() {
        return Pem.writeCertificate(certificate);
    }

    /** {@code ED25519 PRIVATE KEY} PEM text (PKCS#8), as talosctl writes it. */
    public String privateKeyPem() {
        return Pem.writePrivateKey(privateKey);
    }

    @Override
    public String toString() {
        return "AdminCertificate[" + certificate.getSubjectX500Principal().getName() + ", key=<redacted>]";
    }

    private static byte[] hmacSha256(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] sha256(byte[]... parts) throws GeneralSecurityException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (byte[] part : parts) {
            digest.update(part);
        }
        return digest.digest();
    }
}
