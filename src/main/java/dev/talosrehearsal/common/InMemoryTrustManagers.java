package dev.talosrehearsal.common;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust managers, trusting the certificates given and nothing else (a cluster's own CA, as talosctl and
 * kubectl trust it). The JDK reaches them only through a key store; this one holds certificates only and never leaves
 * memory. The key-side twin is {@link InMemoryKeyManagers}.
 */
public final class InMemoryTrustManagers {
    private InMemoryTrustManagers() {}

    /** Trust managers that trust {@code cas} only. */
    public static TrustManagerFactory of(X509Certificate... cas) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.length; i++) {
                store.setCertificateEntry("ca-" + i, cas[i]);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up trust in a CA: " + e.getMessage(), e);
        }
    }

    /** The X.509 trust manager among {@link #of}'s, for a checking wrapper around it. */
    public static X509ExtendedTrustManager x509(X509Certificate... cas) {
        return Arrays.stream(of(cas).getTrustManagers()).filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("the JDK offers no X.509 trust manager"));
    }
}
