package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.Pem;
import dev.talosrehearsal.common.PemFormatException;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;

/**
 * The facts about a certificate that secrets validation needs, read straight from its DER.
 *
 * <p>Why not {@link java.security.cert.X509Certificate}: Talos's aggregator CA has an empty issuer
 * and subject (valid for Go and RFC 5280), and both the JDK ("Empty issuer DN not allowed") and
 * BouncyCastle 1.85 ("certificate issuer is an empty distinguished name") refuse to parse it. This
 * reader walks the ASN.1 sequence itself and accepts any name.
 */
public record CertificateInfo(
        BigInteger serial,
        X500Name issuer,
        X500Name subject,
        Instant notBefore,
        Instant notAfter,
        SubjectPublicKeyInfo publicKeyInfo,
        boolean ca,
        Extensions extensions,
        byte[] tbsDer,
        AlgorithmIdentifier signatureAlgorithm,
        byte[] signature) {

    private static final Map<String, String> SIGNATURE_ALGORITHMS = Map.of(
            "1.3.101.112", "Ed25519",
            "1.2.840.10045.4.3.2", "SHA256withECDSA",
            "1.2.840.10045.4.3.3", "SHA384withECDSA",
            "1.2.840.10045.4.3.4", "SHA512withECDSA",
            "1.2.840.113549.1.1.11", "SHA256withRSA",
            "1.2.840.113549.1.1.12", "SHA384withRSA",
            "1.2.840.113549.1.1.13", "SHA512withRSA");

    /** Reads a DER certificate; throws {@link PemFormatException} when it is not one. */
    /** The one certificate in {@code pem}, read leniently (any subject/issuer). */
    public static CertificateInfo readPem(String pem) {
        Pem.Block block = Pem.decodeSingle(pem);
        if (!Pem.CERTIFICATE.equals(block.label())) {
            throw new PemFormatException("expected a CERTIFICATE block, found " + block.label());
        }
        return parse(block.der());
    }

    public static CertificateInfo parse(byte[] der) {
        try {
            ASN1Sequence cert = ASN1Sequence.getInstance(der);
            if (cert.size() != 3) {
                throw new PemFormatException("not an X.509 certificate");
            }
            ASN1Sequence tbs = ASN1Sequence.getInstance(cert.getObjectAt(0));
            int i = tbs.getObjectAt(0) instanceof ASN1TaggedObject ? 1 : 0; // [0] version, absent for v1
            BigInteger serial = ASN1Integer.getInstance(tbs.getObjectAt(i)).getValue();
            X500Name issuer = X500Name.getInstance(tbs.getObjectAt(i + 2));
            ASN1Sequence validity = ASN1Sequence.getInstance(tbs.getObjectAt(i + 3));
            Instant notBefore = Time.getInstance(validity.getObjectAt(0)).getDate().toInstant();
            Instant notAfter = Time.getInstance(validity.getObjectAt(1)).getDate().toInstant();
            X500Name subject = X500Name.getInstance(tbs.getObjectAt(i + 4));
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(tbs.getObjectAt(i + 5));
            Extensions extensions = null;
            for (int j = i + 6; j < tbs.size(); j++) {
                ASN1Encodable field = tbs.getObjectAt(j);
                if (field instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                    extensions = Extensions.getInstance(tagged.getExplicitBaseObject());
                }
            }
            BasicConstraints bc = extensions == null ? null : BasicConstraints.fromExtensions(extensions);
            return new CertificateInfo(serial, issuer, subject, notBefore, notAfter, spki,
                    bc != null && bc.isCA(), extensions, tbs.getEncoded(ASN1Encoding.DER),
                    AlgorithmIdentifier.getInstance(cert.getObjectAt(1)),
                    ASN1BitString.getInstance(cert.getObjectAt(2)).getOctets());
        } catch (PemFormatException e) {
            throw e;
        } catch (Exception e) { // BouncyCastle signals malformed ASN.1 with assorted runtime exceptions
            throw new PemFormatException("not an X.509 certificate", e);
        }
    }

    /** The certificate's public key as a JDK key object. */
    public PublicKey publicKey() {
        return Pem.publicKey(publicKeyInfo);
    }

    /** Whether {@code issuerKey} made this certificate's signature. */
    public boolean isSignedBy(PublicKey issuerKey) {
        String algorithm = SIGNATURE_ALGORITHMS.get(signatureAlgorithm.getAlgorithm().getId());
        if (algorithm == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(Pem.publicKey(SubjectPublicKeyInfo.getInstance(issuerKey.getEncoded())));
            verifier.update(tbsDer);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public byte[] tbsDer() {
        return tbsDer.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public String toString() {
        return "CertificateInfo[subject=" + subject + ", issuer=" + issuer + ", ca=" + ca + ", notAfter=" + notAfter + "]";
    }
}
