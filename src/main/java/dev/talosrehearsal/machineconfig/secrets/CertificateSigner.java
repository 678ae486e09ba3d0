package dev.talosrehearsal.machineconfig.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.Validity;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Assembles and signs an X.509 v3 certificate from its parts; returns its DER.
 *
 * <p>Built on BouncyCastle's ASN.1 classes rather than {@code X509v3CertificateBuilder} / {@code TBSCertificate}
 * because they refuse an empty issuer name, and Talos's aggregator CA has exactly that (Go allows it).
 * Times use UTCTime before 2050 and GeneralizedTime after, as RFC 5280 and Go do.
 */
final class CertificateSigner {
    private CertificateSigner() {}

    /**
     * @param signatureAlgorithm JCA name, e.g. {@code Ed25519}, {@code SHA256withECDSA}
     * @param random used by randomized signature schemes (ECDSA); null for the provider default
     */
    static byte[] sign(X500Name issuer, BigInteger serial, Instant notBefore, Instant notAfter,
            X500Name subject, SubjectPublicKeyInfo publicKey, Extensions extensions,
            PrivateKey signingKey, String signatureAlgorithm, SecureRandom random) {
        try {
            JcaContentSignerBuilder builder = new JcaContentSignerBuilder(signatureAlgorithm);
            if (random != null) {
                builder.setSecureRandom(random);
            }
            ContentSigner signer = builder.build(signingKey);
            AlgorithmIdentifier algorithm = signer.getAlgorithmIdentifier();
            // RFC 5280 TBSCertificate, written out field by field (see the class comment).
            DERSequence tbs = new DERSequence(new ASN1Encodable[] {
                new DERTaggedObject(true, 0, new ASN1Integer(2)), // v3
                new ASN1Integer(serial),
                algorithm,
                issuer,
                new Validity(new Time(Date.from(notBefore)), new Time(Date.from(notAfter))),
                subject,
                publicKey,
                new DERTaggedObject(true, 3, extensions),
            });
            try (OutputStream out = signer.getOutputStream()) {
                out.write(tbs.getEncoded(ASN1Encoding.DER));
            }
            return new DERSequence(new ASN1Encodable[] {tbs, algorithm, new DERBitString(signer.getSignature())})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign certificate", e);
        }
    }
}
