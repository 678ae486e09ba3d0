package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.Pem;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * Makes a fresh secrets bundle the way {@code talosctl gen secrets} / {@code talhelper gensecret}
 * do for Talos ≥ 1.7 ({@code secrets.NewBundle}):
 *
 * <ul>
 *   <li>os: Ed25519 CA, {@code O=talos}; etcd: ECDSA P-256 CA, {@code O=etcd}; k8s: ECDSA P-256 CA,
 *       {@code O=kubernetes}; k8saggregator: ECDSA P-256 CA, empty subject (see
 *       {@link CertificateAuthorities}); all valid 10 years from now;</li>
 *   <li>k8sserviceaccount: RSA 4096 key, PKCS#1 (Talos ≥ 1.7; older Talos used ECDSA P-256);</li>
 *   <li>bootstrap and trustd tokens: {@code [a-z0-9]{6}.[a-z0-9]{16}}, characters drawn without
 *       modulo bias like Talos's {@code genToken};</li>
 *   <li>cluster id, cluster secret, secretbox secret: standard base64 of 32 random bytes.</li>
 * </ul>
 *
 * <p>RSA 4096 generation takes about a second with C2, 5-14 s C1-only (bin/talos-rehearsal keeps C2 for the commands
 * that generate a bundle to keep). A bundle nobody keeps ({@link #throwaway()}) skips it.
 */
public final class SecretsGenerator {
    private static final String TOKEN_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz";

    private final SecureRandom random;
    private final Clock clock;

    public SecretsGenerator() {
        this(new SecureRandom(), Clock.systemUTC());
    }

    /** @param random source of all randomness (tests may pass a seeded one); clock sets notBefore */
    public SecretsGenerator(SecureRandom random, Clock clock) {
        this.random = Objects.requireNonNull(random);
        this.clock = Objects.requireNonNull(clock);
    }

    /** A bundle to keep: what {@code talosctl gen secrets} writes. */
    public SecretsBundle generate() {
        return generate("RSA", null);
    }

    /**
     * A bundle that is never written nor shown to a cluster, only rendered into configs that are read and thrown away
     * ({@code lint} without a secrets file, {@code bench}): its service-account key is ECDSA P-256, as Talos before
     * v1.7 generated and Kubernetes accepts, because no rule reads that key and an RSA-4096 one costs seconds.
     */
    public SecretsBundle throwaway() {
        return generate("EC", new ECGenParameterSpec("secp256r1"));
    }

    private SecretsBundle generate(String serviceAccountAlgorithm, ECGenParameterSpec serviceAccountCurve) {
        Instant now = clock.instant();
        CertificateAuthorities cas = new CertificateAuthorities(random);
        KeyPair serviceAccount = cas.generate(serviceAccountAlgorithm, serviceAccountCurve);
        return new SecretsBundle(
                randomBase64(32),
                randomBase64(32),
                token(),
                randomBase64(32),
                token(),
                cas.ecdsaP256(X509Names.organizations("etcd"), now),
                cas.ecdsaP256(X509Names.organizations("kubernetes"), now),
                cas.ecdsaP256(X509Names.organizations(), now),
                EncodedCertAndKey.keyOnlyPem(Pem.writePrivateKey(serviceAccount.getPrivate())),
                cas.ed25519(X509Names.organizations("talos"), now));
    }

    private String randomBase64(int bytes) {
        byte[] buf = new byte[bytes];
        random.nextBytes(buf);
        return Base64.getEncoder().encodeToString(buf);
    }

    private String token() {
        return tokenPart(6) + "." + tokenPart(16);
    }

    private String tokenPart(int length) {
        StringBuilder sb = new StringBuilder(length);
        byte[] one = new byte[1];
        while (sb.length() < length) {
            random.nextBytes(one);
            int b = one[0] & 0xff;
            // 256 mod 36 = 4: drop 252..255 so every character is equally likely.
            if (b < 252) {
                sb.append(TOKEN_CHARS.charAt(b % TOKEN_CHARS.length()));
            }
        }
        return sb.toString();
    }
}
