package dev.talosrehearsal.talos;

import dev.talosrehearsal.common.InMemoryTrustManagers;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The JDK's trust in the talosconfig's CA, with failures worded for the operator. gRPC hands a failed handshake on
 * as "UNAVAILABLE: io exception Channel Pipeline: [SslHandler#0, …]"; the JDK's own reason says neither which endpoint
 * nor which names the certificate has. This says both, in a {@link CertificateException} starting with
 * {@link #PREFIX}, which {@link TalosClient} passes on as the call's description.
 */
final class NamingTrustManager extends dev.talosrehearsal.common.ClientCheckingTrustManager {
    static final String PREFIX = "TLS: ";
    private NamingTrustManager(X509ExtendedTrustManager delegate) {
        super(delegate);
    }

    /** Trusts {@code ca} only, as talosctl does. */
    static NamingTrustManager trusting(X509Certificate ca) {
        return new NamingTrustManager(InMemoryTrustManagers.x509(ca));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw worded(e, chain, engine == null ? null : engine.getPeerHost());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw worded(e, chain, socket == null ? null : socket.getInetAddress().getHostAddress());
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw worded(e, chain, null);
        }
    }

    /** One sentence: the endpoint, what is wrong, the names the certificate does have, and what to do. */
    static CertificateException worded(CertificateException e, X509Certificate[] chain, String host) {
        // the host alone: every endpoint of one name fails alike, so a call fanned out to many nodes stays one line
        String endpoint = host == null ? "the endpoint" : "endpoint " + host;
        String reason = e.getMessage() == null ? "" : e.getMessage();
        String message;
        if (reason.startsWith("No subject alternative") || reason.startsWith("No name matching")) {
            message = PREFIX + "the Talos API certificate of " + endpoint + " does not name " + (host == null ? "it" : "'" + host + "'")
                    + " (the certificate names: " + String.join(", ", names(chain)) + "); the endpoint must be one of the"
                    + " certificate's names (SANs): use the endpoint names of the talosconfig, or add this name to the nodes'"
                    + " machine.certSANs";
        } else {
            message = PREFIX + "the Talos API certificate of " + endpoint + " is not trusted (" + reason + "); is the talosconfig's"
                    + " CA this cluster's?";
        }
        return new CertificateException(message, e);
    }

    /** The DNS names and IP addresses of the server's certificate, in its order. */
    static List<String> names(X509Certificate[] chain) {
        List<String> names = new ArrayList<>();
        if (chain == null || chain.length == 0) {
            return names;
        }
        try {
            Collection<List<?>> sans = chain[0].getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    Object type = san.get(0);
                    if (Integer.valueOf(2).equals(type) || Integer.valueOf(7).equals(type)) { // dNSName, iPAddress
                        names.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException ignored) {
            // no names to show: the sentence still says what is wrong
        }
        if (names.isEmpty()) {
            names.add("none");
        }
        return names;
    }
}
