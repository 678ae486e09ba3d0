package dev.talosrehearsal.common;


import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;

/**
 * Reads and writes PEM the way Talos does.
 *
 * <p>Why not Netty's or the JDK's loaders: Talos labels its Ed25519 keys {@code ED25519 PRIVATE KEY}
 * (a PKCS#8 body under a non-standard label), writes ECDSA keys as SEC1 ({@code EC PRIVATE KEY}) and
 * RSA keys as PKCS#1 ({@code RSA PRIVATE KEY}). Common Java loaders accept only some of these, and
 * reject Ed25519 outright. Here the label only selects the DER syntax; the key type comes from the
 * DER itself.
 *
 * <p>Writing reproduces Go's {@code pem.EncodeToMemory} layout (64-character lines, trailing newline)
 * and Talos's choice of label and syntax per key type, so a file written here is byte-compatible
 * with one written by {@code talosctl gen secrets} for the same keys.
 *
 * <p>Keys come back as plain {@code java.security} objects from the JDK's providers (Ed25519 from
 * SunEC), so they can be handed to {@code SSLContext}/grpc-java key managers directly.
 */
public final class Pem {
    public static final String CERTIFICATE = "CERTIFICATE";
    public static final String PRIVATE_KEY = "PRIVATE KEY";
    public static final String ED25519_PRIVATE_KEY = "ED25519 PRIVATE KEY";
    public static final String EC_PRIVATE_KEY = "EC PRIVATE KEY";
    public static final String RSA_PRIVATE_KEY = "RSA PRIVATE KEY";

    /** One PEM block: its label and the DER bytes it carries. */
    public record Block(String label, byte[] der) {
        public Block {
            Objects.requireNonNull(label);
            der = der.clone();
        }

        @Override
        public byte[] der() {
            return der.clone();
        }

        @Override
        public String toString() {
            return "Pem.Block[" + label + ", " + der.length + " bytes]"; // never the bytes themselves
        }
    }

    // RFC 7468 "lax" parsing: whitespace anywhere in the body, text outside blocks ignored.
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\R?(.*?)-----END \\1-----", Pattern.DOTALL);

    private Pem() {}

    /** All PEM blocks in {@code text}, in order; text between blocks is ignored. */
    public static List<Block> decodeAll(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2).replaceAll("\\s+", "");
            // Go's pem package tolerates headers ("Proc-Type: ...") before the body; Talos never
            // writes them, and encrypted keys are unsupported anyway, so a header is an error here.
            if (body.contains(":")) {
                throw new PemFormatException("PEM block " + m.group(1) + " has headers (encrypted key?)");
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new PemFormatException("PEM block " + m.group(1) + " body is not base64");
            }
            if (der.length == 0) {
                throw new PemFormatException("PEM block " + m.group(1) + " is empty");
            }
            blocks.add(new Block(m.group(1), der));
        }
        return blocks;
    }

    /** The single PEM block in {@code text}; anything else (none, several) is an error. */
    public static Block decodeSingle(String text) {
        List<Block> blocks = decodeAll(text);
        if (blocks.isEmpty()) {
            throw new PemFormatException("no PEM block found");
        }
        if (blocks.size() > 1) {
            throw new PemFormatException("expected one PEM block, found " + blocks.size());
        }
        return blocks.get(0);
    }

    /** Go-style PEM text: BEGIN line, base64 in 64-character lines, END line, trailing newline. */
    public static String encode(String label, byte[] der) {
        String b64 = Base64.getEncoder().encodeToString(der);
        StringBuilder sb = new StringBuilder(b64.length() + 80);
        sb.append("-----BEGIN ").append(label).append("-----\n");
        for (int i = 0; i < b64.length(); i += 64) {
            sb.append(b64, i, Math.min(b64.length(), i + 64)).append('\n');
        }
        return sb.append("-----END ").append(label).append("-----\n").toString();
    }

    // ---------------------------------------------------------------- certificates

    /** The one X.509 certificate in {@code pem} (label {@code CERTIFICATE}). */
    public static X509Certificate readCertificate(String pem) {
        Block block = decodeSingle(pem);
        return certificate(block);
    }

    /** Every certificate in {@code pem}, e.g. a CA bundle; blocks with other labels are errors. */
    public static List<X509Certificate> readCertificates(String pem) {
        List<X509Certificate> out = new ArrayList<>();
        for (Block block : decodeAll(pem)) {
            out.add(certificate(block));
        }
        if (out.isEmpty()) {
            throw new PemFormatException("no PEM block found");
        }
        return out;
    }

    /**
     * Parses DER as an X.509 certificate with the JDK's factory.
     *
     * <p>The JDK refuses certificates with an empty issuer, such as Talos's aggregator CA; use
     * {@code CertificateInfo.readPem(String)} (secrets package) for those.
     */
    public static X509Certificate parseCertificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new PemFormatException("not a valid X.509 certificate (for the JDK)", e);
        }
    }

    public static String writeCertificate(X509Certificate certificate) {
        try {
            return encode(CERTIFICATE, certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    private static X509Certificate certificate(Block block) {
        if (!CERTIFICATE.equals(block.label())) {
            throw new PemFormatException("expected a CERTIFICATE block, found " + block.label());
        }
        return parseCertificate(block.der);
    }

    // ---------------------------------------------------------------- private keys

    /**
     * The one private key in {@code pem}, whatever Talos-compatible label it carries:
     * {@code ED25519 PRIVATE KEY} or {@code PRIVATE KEY} (PKCS#8), {@code EC PRIVATE KEY} (SEC1),
     * {@code RSA PRIVATE KEY} (PKCS#1). The result is an Ed25519 {@code EdECPrivateKey},
     * {@link ECPrivateKey} or {@link RSAPrivateKey}.
     */
    public static PrivateKey readPrivateKey(String pem) {
        return privateKey(decodeSingle(pem));
    }

    /** Decodes one block as a private key (see {@link #readPrivateKey(String)}). */
    public static PrivateKey privateKey(Block block) {
        PrivateKeyInfo info;
        try {
            switch (block.label()) {
                case ED25519_PRIVATE_KEY, PRIVATE_KEY -> info = PrivateKeyInfo.getInstance(block.der);
                case EC_PRIVATE_KEY -> info = fromSec1(block.der);
                case RSA_PRIVATE_KEY -> info = new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(block.der));
                default -> throw new PemFormatException("unsupported PEM label " + block.label());
            }
        } catch (PemFormatException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            // BouncyCastle throws IllegalArgumentException & co for malformed ASN.1.
            throw new PemFormatException("malformed " + block.label() + " body", e);
        }
        return fromPrivateKeyInfo(info, block.label());
    }

    /**
     * Talos's PEM for {@code key}: Ed25519 → {@code ED25519 PRIVATE KEY} (PKCS#8 v1, no public key,
     * as Go's {@code x509.MarshalPKCS8PrivateKey}), ECDSA → {@code EC PRIVATE KEY} (SEC1 with curve
     * OID and public key, as {@code x509.MarshalECPrivateKey}), RSA → {@code RSA PRIVATE KEY} (PKCS#1).
     */
    public static String writePrivateKey(PrivateKey key) {
        KeyKind kind = KeyKind.of(key);
        return switch (kind) {
            case ED25519 -> encode(ED25519_PRIVATE_KEY, ed25519Pkcs8(ed25519Seed(key)));
            case ECDSA_P256 -> encode(EC_PRIVATE_KEY, sec1(key));
            case RSA -> encode(RSA_PRIVATE_KEY, pkcs1(key));
            default -> throw new IllegalArgumentException("unsupported key type " + kind.description());
        };
    }

    /** The 32-byte seed of an Ed25519 private key (whatever provider made it). */
    public static byte[] ed25519Seed(PrivateKey key) {
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            if (!EdECObjectIdentifiers.id_Ed25519.equals(info.getPrivateKeyAlgorithm().getAlgorithm())) {
                throw new IllegalArgumentException("not an Ed25519 key");
            }
            byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
            if (seed.length != 32) {
                throw new IllegalArgumentException("Ed25519 seed is " + seed.length + " bytes, expected 32");
            }
            return seed;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read Ed25519 key encoding", e);
        }
    }

    /** An Ed25519 private key from its 32-byte seed (RFC 8032 private key). */
    public static PrivateKey ed25519PrivateKey(byte[] seed) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("Ed25519 seed must be 32 bytes");
        }
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(ed25519Pkcs8(seed)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK cannot build an Ed25519 key", e);
        }
    }

    /** The public key that belongs to an Ed25519 seed, as X.509 SubjectPublicKeyInfo. */
    public static SubjectPublicKeyInfo ed25519PublicKeyInfo(byte[] seed) {
        byte[] pub = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        return new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), pub);
    }

    /** A JCA public key from SubjectPublicKeyInfo (Ed25519, EC or RSA). */
    public static PublicKey publicKey(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
        String jca = EdECObjectIdentifiers.id_Ed25519.equals(alg) ? "Ed25519"
                : X9ObjectIdentifiers.id_ecPublicKey.equals(alg) ? "EC"
                : PKCSObjectIdentifiers.rsaEncryption.equals(alg) ? "RSA" : null;
        if (jca == null) {
            throw new IllegalArgumentException("unsupported public key algorithm " + alg);
        }
        try {
            return KeyFactory.getInstance(jca).generatePublic(new X509EncodedKeySpec(spki.getEncoded(ASN1Encoding.DER)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("malformed public key", e);
        }
    }

    // ---------------------------------------------------------------- encodings

    private static byte[] ed25519Pkcs8(byte[] seed) {
        try {
            // version 0, no attributes, no public key: exactly what Go writes (48 bytes).
            return new PrivateKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
                    new DEROctetString(seed)).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKeyInfo fromSec1(byte[] der) throws IOException {
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der);
        org.bouncycastle.asn1.ASN1Object params = sec1.getParametersObject();
        if (params == null) {
            throw new PemFormatException("EC PRIVATE KEY without curve parameters");
        }
        return new PrivateKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, X962Parameters.getInstance(params)), sec1);
    }

    private static byte[] sec1(PrivateKey key) {
        ECPrivateKey ec = (ECPrivateKey) key;
        ECNamedCurveParameterSpec p256 = ECNamedCurveTable.getParameterSpec("secp256r1");
        BigInteger s = ec.getS();
        byte[] publicPoint = p256.getG().multiply(s).normalize().getEncoded(false);
        try {
            // Go's MarshalECPrivateKey: version 1, 32-byte private key, [0] namedCurve, [1] public key.
            return new org.bouncycastle.asn1.sec.ECPrivateKey(256, s, new DERBitString(publicPoint),
                    SECObjectIdentifiers.secp256r1).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] pkcs1(PrivateKey key) {
        try {
            return PrivateKeyInfo.getInstance(key.getEncoded()).parsePrivateKey().toASN1Primitive()
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey fromPrivateKeyInfo(PrivateKeyInfo info, String label) {
        ASN1ObjectIdentifier alg = info.getPrivateKeyAlgorithm().getAlgorithm();
        try {
            if (EdECObjectIdentifiers.id_Ed25519.equals(alg)) {
                // Normalise through the seed: the JDK rejects some valid encodings (PKCS#8 v2 with
                // the public key attached), and the seed is all that defines the key.
                byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
                if (seed.length != 32) {
                    throw new PemFormatException("Ed25519 key of " + seed.length + " bytes, expected 32");
                }
                return ed25519PrivateKey(seed);
            }
            String jca = X9ObjectIdentifiers.id_ecPublicKey.equals(alg) ? "EC"
                    : PKCSObjectIdentifiers.rsaEncryption.equals(alg) ? "RSA" : null;
            if (jca == null) {
                throw new PemFormatException(label + " holds an unsupported key algorithm " + alg);
            }
            return KeyFactory.getInstance(jca).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded(ASN1Encoding.DER)));
        } catch (PemFormatException e) {
            throw e;
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new PemFormatException("malformed " + label + " body", e);
        }
    }
}
