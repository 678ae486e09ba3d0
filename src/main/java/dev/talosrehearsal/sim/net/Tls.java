package dev.talosrehearsal.sim.net;

import dev.talosrehearsal.common.InMemoryKeyManagers;
import dev.talosrehearsal.machineconfig.secrets.OsCertificates.Issued;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** JDK TLS plumbing shared by the tailnet's servers and its client. */
public final class Tls {
    private Tls() {}

    /** A server context presenting {@code leaf} (and the CA that signed it). */
    public static SSLContext server(Issued leaf, X509Certificate ca) {
        try {
            KeyManagerFactory kmf = InMemoryKeyManagers.of(leaf.privateKey(), leaf.certificate(), ca);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS server context", e);
        }
    }

    /** Server-side TLS over an accepted socket; {@code consumed} are bytes already read from it (may be null). */
    public static SSLSocket serverOver(SSLContext context, Socket socket, InputStream consumed) throws IOException {
        SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, consumed, true);
        tls.setUseClientMode(false);
        tls.startHandshake();
        return tls;
    }

    /** A client context that accepts any server (the hops inside the simulator, and {@code curl -k}). */
    public static SSLContext trustAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS client context", e);
        }
    }
}
