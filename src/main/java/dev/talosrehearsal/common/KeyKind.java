package dev.talosrehearsal.common;

import java.math.BigInteger;
import java.security.Key;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;

/**
 * The key types a Talos secrets bundle can hold, named the way error messages should name them.
 *
 * <p>Exists so validation can say "expected Ed25519, found RSA 2048" without printing the key.
 */
public enum KeyKind {
    ED25519("Ed25519"),
    ECDSA_P256("ECDSA P-256"),
    ECDSA_OTHER("ECDSA (not P-256)"),
    RSA("RSA"),
    OTHER("unsupported key type");

    // Order of the P-256 base point: identifies the curve regardless of how the provider names it.
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private final String description;

    KeyKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The kind of a private or public key from any provider. */
    public static KeyKind of(Key key) {
        String alg = key.getAlgorithm();
        if ("Ed25519".equalsIgnoreCase(alg) || ("EdDSA".equalsIgnoreCase(alg) && isEd25519Encoding(key))) {
            return ED25519;
        }
        if (key instanceof ECKey ec) {
            return P256_ORDER.equals(ec.getParams().getOrder()) ? ECDSA_P256 : ECDSA_OTHER;
        }
        if (key instanceof RSAKey) {
            return RSA;
        }
        return OTHER;
    }

    /** "RSA 4096", "Ed25519", ...: for messages. */
    public static String describe(Key key) {
        KeyKind kind = of(key);
        if (kind == RSA) {
            return "RSA " + ((RSAKey) key).getModulus().bitLength();
        }
        return kind.description;
    }

    private static boolean isEd25519Encoding(Key key) {
        // The JDK reports "EdDSA" for both Ed25519 and Ed448; the OID 1.3.101.112 is 06 03 2B 65 70.
        byte[] enc = key.getEncoded();
        for (int i = 0; enc != null && i + 4 < enc.length; i++) {
            if (enc[i] == 0x06 && enc[i + 1] == 0x03 && enc[i + 2] == 0x2B && enc[i + 3] == 0x65 && enc[i + 4] == 0x70) {
                return true;
            }
        }
        return false;
    }
}
