package dev.talosrehearsal.common;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.KeyManagerFactory;

/**
 * Key managers for a TLS context from a key and its certificate chain held in memory, through the JDK's own key
 * managers. The JDK reaches them only through a key store, whose key entries it protects with a password-based cipher:
 * by default PBKDF2 with 10,000 rounds of HMAC-SHA256, about a second of SHA-256 per key in a C1-only JVM (the
 * launcher's and the test JVM's). A JFR profile of the Gherkin suite found half its CPU there (2026-12-06,
 * docs/benchmarks.md): every simulated cluster, endpoint and client built such a store. A store that never leaves this
 * method protects nothing, so its entry takes one round.
 */
public final class InMemoryKeyManagers {
    private static final String CIPHER = "PBEWithHmacSHA256AndAES_256";

    private InMemoryKeyManagers() {}

    /** Key managers presenting {@code key} with {@code chain} (the leaf first). */
    public static KeyManagerFactory of(PrivateKey key, X509Certificate... chain) {
        SecureRandom random = new SecureRandom();
        char[] password = new char[16];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setEntry("key", new KeyStore.PrivateKeyEntry(key, chain),
                    new KeyStore.PasswordProtection(password, CIPHER, new PBEParameterSpec(salt, 1)));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot hold a " + key.getAlgorithm() + " key for TLS", e);
        }
    }
}
