package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.Pem;
import dev.talosrehearsal.common.PemFormatException;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Objects;

/**
 * A CA certificate and its private key exactly as talsecret.yaml holds them: standard base64 of
 * the PEM text ({@code crt}, {@code key}). {@code crt} is null only for the service-account entry,
 * which is a bare key.
 *
 * <p>Keeping the file's own strings (not re-encoded objects) means read → write reproduces the
 * user's file byte for byte, and equality is plain string equality.
 */
public record EncodedCertAndKey(String crt, String key) {
    public EncodedCertAndKey {
        Objects.requireNonNull(key, "key");
    }

    /** A certificate and key from PEM text. */
    public static EncodedCertAndKey ofPem(String certificatePem, String privateKeyPem) {
        return new EncodedCertAndKey(certificatePem == null ? null : b64(certificatePem), b64(privateKeyPem));
    }

    /** A bare key (the service-account key has no certificate). */
    public static EncodedCertAndKey keyOnlyPem(String privateKeyPem) {
        return new EncodedCertAndKey(null, b64(privateKeyPem));
    }

    public boolean hasCertificate() {
        return crt != null;
    }

    public String certificatePem() {
        if (crt == null) {
            throw new IllegalStateException("this entry has no certificate");
        }
        return unb64(crt);
    }

    public String privateKeyPem() {
        return unb64(key);
    }

    /**
     * The certificate as a JDK object. Fails for Talos's aggregator CA, whose empty issuer the JDK
     * refuses: use {@link #certificateInfo()} where any CA may come in.
     */
    public X509Certificate certificate() {
        return Pem.readCertificate(certificatePem());
    }

    /** The certificate's facts, read leniently (works for every Talos CA). */
    public CertificateInfo certificateInfo() {
        return CertificateInfo.readPem(certificatePem());
    }

    public PrivateKey privateKey() {
        return Pem.readPrivateKey(privateKeyPem());
    }

    @Override
    public String toString() {
        // The certificate is public; the key is not. Never print either here: logs get pasted.
        return "EncodedCertAndKey[crt=" + (crt == null ? "none" : "<" + crt.length() + " chars>") + ", key=<redacted>]";
    }

    static String b64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }

    static String unb64(String value) {
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new PemFormatException("not standard base64");
        }
    }
}
