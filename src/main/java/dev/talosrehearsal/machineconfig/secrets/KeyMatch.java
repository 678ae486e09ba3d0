package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.Pem;
import dev.talosrehearsal.common.KeyKind;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Whether a private key belongs to a public key (e.g. a CA key to its certificate).
 *
 * <p>Checked by signing a fixed message and verifying it, rather than comparing key components:
 * one code path for Ed25519, ECDSA and RSA, and it proves exactly what matters (the CA can sign
 * things its certificate will verify).
 *
 * <p>A pair once proven is remembered by a SHA-256 over both encodings (never the keys): a run reads its secrets file
 * several times, a JVM running the specs reads the same bundles thousands of times, and signing and verifying four CA
 * keys at every read was 9% of the test suite's CPU samples (docs/benchmarks.md).
 */
final class KeyMatch {
    private static final byte[] PROBE = "talos-rehearsal key match probe".getBytes(StandardCharsets.UTF_8);
    private static final int REMEMBERED = 256;
    private static final Set<String> PROVEN = ConcurrentHashMap.newKeySet();

    private KeyMatch() {}

    static boolean belongTogether(PrivateKey privateKey, PublicKey anyPublicKey) {
        String pair = fingerprint(privateKey, anyPublicKey);
        if (pair != null && PROVEN.contains(pair)) {
            return true;
        }
        boolean match = prove(privateKey, anyPublicKey);
        if (match && pair != null) {
            if (PROVEN.size() >= REMEMBERED) {
                PROVEN.clear();
            }
            PROVEN.add(pair);
        }
        return match;
    }

    private static String fingerprint(PrivateKey privateKey, PublicKey publicKey) {
        byte[] privateEncoded = privateKey.getEncoded();
        byte[] publicEncoded = publicKey.getEncoded();
        if (privateEncoded == null || publicEncoded == null) {
            return null;
        }
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(privateEncoded);
            sha256.update((byte) 0);
            sha256.update(publicEncoded);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            return null;
        }
    }

    private static boolean prove(PrivateKey privateKey, PublicKey anyPublicKey) {
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
