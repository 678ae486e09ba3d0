package dev.talosrehearsal.sim.tailnet;

import java.net.InetSocketAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/**
 * What a client on the tailnet got from {@code GET /version} on {@code name:port} (see
 * {@link SimulatedTailnet#dial}).
 *
 * @param host      the tailnet host the connection was routed to, if any
 * @param apiServer the control plane whose kube-apiserver answered, for {@link Outcome#REACHED_API}
 * @param status    the HTTP status, for {@link Outcome#REACHED_API} and {@link Outcome#HTTP_ANSWER}; 0 otherwise
 * @param message   one line for people: the certificate error in Go's (kubectl's) words, the route, the reason
 */
public record DialResult(Outcome outcome, String name, int port, Optional<String> host, Optional<String> apiServer, int status,
        String body, String message) {

    public enum Outcome {
        /** Through a host's forward to a kube-apiserver whose certificate names the service, and on to the Kubernetes API. */
        REACHED_API,
        /** Something on the way answered HTTP itself (tailscaled's 404, an apiserver's 400 to plaintext, a 502). */
        HTTP_ANSWER,
        /** TLS failed: the certificate does not carry the name, or comes from a CA the client does not trust. */
        CERTIFICATE_ERROR,
        /** No healthy host (or nothing behind the forward): the connection was reset. */
        REFUSED
    }

    static DialResult dial(SimulatedTailnet tailnet, String name, int port, X509Certificate kubernetesCa) {
        Route route = tailnet.route(name, port);
        InetSocketAddress endpoint;
        try {
            endpoint = tailnet.endpoint(name, port);
        } catch (IllegalArgumentException e) {
            return new DialResult(Outcome.REFUSED, name, port, Optional.empty(), Optional.empty(), 0, "",
                    "dial tcp: lookup " + name + ": no such host");
        }
        boolean plain = route.entry().map(e -> e.tcp().http() && !e.tcp().https() && e.tcp().tcpForward() == null).orElse(false);
        TailnetClient client = plain ? TailnetClient.plainHttp() : TailnetClient.trusting(kubernetesCa, tailnet.certificateAuthority());
        TailnetClient.Exchange exchange = client.exchange(endpoint, name, port, "/version");
        Optional<Connection> connection = tailnet.connection(exchange.localPort);
        Optional<String> host = connection.flatMap(Connection::host);
        Optional<String> apiServer = connection.flatMap(Connection::apiServer);
        String via = connection.map(Connection::detail).orElse(route.reason());
        if (exchange.failure != null) {
            if (exchange.failure instanceof SSLHandshakeException && !exchange.presented.isEmpty()) {
                return new DialResult(Outcome.CERTIFICATE_ERROR, name, port, host, apiServer, 0, "",
                        "tls: failed to verify certificate: " + goX509Error(exchange.failure, exchange.presented.get(0), name)
                                + " (" + via + ")");
            }
            return new DialResult(Outcome.REFUSED, name, port, host, apiServer, 0, "", via);
        }
        TailnetClient.Response response = exchange.response;
        boolean reached = connection.map(Connection::reachedKubernetesApi).orElse(false);
        return new DialResult(reached ? Outcome.REACHED_API : Outcome.HTTP_ANSWER, name, port, host, apiServer, response.status(),
                response.body(), "HTTP " + response.status() + " " + response.reason() + " (" + via + ")");
    }

    /** Go's crypto/x509 wording for what the JDK refused (what kubectl prints). */
    static String goX509Error(Exception failure, X509Certificate leaf, String name) {
        String text = String.valueOf(failure.getMessage()) + (failure.getCause() == null ? "" : " " + failure.getCause().getMessage());
        if (text.contains("No subject alternative") || text.contains("No name matching")) {
            List<String> dns = dnsNames(leaf);
            return dns.isEmpty() ? "x509: certificate is not valid for any names, but wanted to match " + name
                    : "x509: certificate is valid for " + String.join(", ", dns) + ", not " + name;
        }
        if (text.contains("PKIX") || text.contains("unable to find valid certification path")) {
            return "x509: certificate signed by unknown authority";
        }
        return "x509: " + text;
    }

    static List<String> dnsNames(X509Certificate certificate) {
        List<String> out = new ArrayList<>();
        try {
            if (certificate.getSubjectAlternativeNames() != null) {
                for (List<?> san : certificate.getSubjectAlternativeNames()) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        out.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // no names
        }
        return out;
    }
}
