package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.Pem;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Self-signed CAs shaped like Talos's ({@code siderolabs/crypto} {@code NewSelfSignedCertificateAuthority}
 * as called by Talos's {@code secrets.NewTalosCA/NewEtcdCA/NewKubernetesCA/NewAggregatorCA}):
 *
 * <ul>
 *   <li>serial: random, below 2^128;</li>
 *   <li>subject = issuer = the organization only (the aggregator CA's subject is empty: Talos passes
 *       {@code CommonName("front-proxy")}, which the CA constructor ignores);</li>
 *   <li>KeyUsage (critical) digitalSignature + keyCertSign; ExtKeyUsage serverAuth + clientAuth;
 *       BasicConstraints (critical) CA:TRUE; SubjectKeyIdentifier 20 random bytes (the library's
 *       FIPS-friendly choice instead of SHA-1 of the key) — in Go's extension order;</li>
 *   <li>Ed25519 signed with PureEd25519, ECDSA P-256 with ecdsa-with-SHA256;</li>
 *   <li>valid from now for 87600 hours (10 × 365 days), to the second.</li>
 * </ul>
 */
final class CertificateAuthorities {
    /** Talos {@code secrets.CAValidityTime}. */
    static final Duration CA_VALIDITY = Duration.ofHours(87_600);

    private final SecureRandom random;

    CertificateAuthorities(SecureRandom random) {
        this.random = random;
    }

    /** An Ed25519 CA (the Talos OS CA). */
    EncodedCertAndKey ed25519(X500Name subject, Instant now) {
        return create(subject, now, generate("Ed25519", null), "Ed25519");
    }

    /** An ECDSA P-256 CA (etcd, Kubernetes, aggregator). */
    EncodedCertAndKey ecdsaP256(X500Name subject, Instant now) {
        return create(subject, now, generate("EC", new ECGenParameterSpec("secp256r1")), "SHA256withECDSA");
    }

    KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                generator.initialize(spec, random);
            } else if ("RSA".equals(algorithm)) {
                generator.initialize(4096, random);
            } else {
                generator.initialize(255, random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK cannot generate " + algorithm + " keys", e);
        }
    }

    private EncodedCertAndKey create(X500Name subject, Instant now, KeyPair keys, String signatureAlgorithm) {
        Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
        Instant notAfter = notBefore.plus(CA_VALIDITY);
        byte[] skid = new byte[20];
        random.nextBytes(skid);
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
            extensions.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            extensions.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            extensions.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(skid));
            byte[] certificate = CertificateSigner.sign(subject, new BigInteger(128, random),
                    notBefore, notAfter, subject, SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()),
                    extensions.generate(), keys.getPrivate(), signatureAlgorithm, random);
            return EncodedCertAndKey.ofPem(Pem.encode(Pem.CERTIFICATE, certificate), Pem.writePrivateKey(keys.getPrivate()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot build CA certificate", e);
        }
    }
}
