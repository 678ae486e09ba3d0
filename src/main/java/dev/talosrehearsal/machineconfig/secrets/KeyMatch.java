package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.Pem;
import dev.talosrehearsal.common.KeyKind;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Whether a private key belongs to a public key (e.g. a CA key to its certificate).
 *
 * <p>Checked by signing a fixed message and verifying it, rather than comparing key components:
 * one code path for Ed25519, ECDSA and RSA, and it proves exactly what matters (the CA can sign
 * things its certificate will verify).
 */
final class KeyMatch {
    private static final byte[] PROBE = "talos-rehearsal key match probe".getBytes(StandardCharsets.UTF_8);

    private KeyMatch() {}

    static boolean belongTogether(PrivateKey privateKey, PublicKey anyPublicKey) {
        // Certificates parsed by BouncyCastle (see Pem.parseCertificate) carry BC key objects; the
        // JDK's Signature wants its own, so re-decode from the standard encoding.
        PublicKey publicKey;
        try {
            publicKey = Pem.publicKey(SubjectPublicKeyInfo.getInstance(anyPublicKey.getEncoded()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        KeyKind kind = KeyKind.of(privateKey);
        if (kind != KeyKind.of(publicKey)) {
            return false;
        }
        String algorithm = switch (kind) {
            case ED25519 -> "Ed25519";
            case ECDSA_P256, ECDSA_OTHER -> "SHA256withECDSA";
            case RSA -> "SHA256withRSA";
            case OTHER -> null;
        };
        if (algorithm == null) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
