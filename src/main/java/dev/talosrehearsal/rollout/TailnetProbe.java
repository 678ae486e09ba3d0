package dev.talosrehearsal.rollout;

import dev.talosrehearsal.common.InMemoryTrustManagers;
import dev.talosrehearsal.common.Pem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Dials the Kubernetes API the way a kubectl pointed at the Tailscale service name would: TLS to
 * {@code name:port}, trusting only the cluster's Kubernetes CA, verifying that the certificate is for
 * that name, then {@code GET /version}. Any HTTP answer from the API server means it is reachable;
 * tailscaled's own 404 for an HTTPS entry without a Web handler does not get that far, because its
 * certificate is not from the cluster's CA.
 *
 * <p>{@code connectTo} maps {@code name:port} to the {@code host:port} to dial, like curl's {@code --resolve},
 * for names the local resolver does not know (a port-forward, or a rehearsal's loopback tailnet).
 */
public final class TailnetProbe {
    /** How long a TCP forward must hold a silent connection open to count as served. */
    private static final int HOLD_OPEN_MILLIS = 500;
    private final UnaryOperator<String> connectTo;

    /** @param connectTo {@code name:port} → {@code host:port} to dial (the identity for names the resolver knows) */
    public TailnetProbe(UnaryOperator<String> connectTo) {
        this.connectTo = connectTo;
    }

    /** Dials the names in {@code overrides} at their mapped {@code host:port}, every other name as it is. */
    public static TailnetProbe withOverrides(Map<String, String> overrides) {
        Map<String, String> copy = Map.copyOf(overrides);
        return new TailnetProbe(target -> copy.getOrDefault(target, target));
    }

    /** @param target {@code name:port}; @param kubernetesCaPem the cluster CA clients trust */
    public ProbeResult dial(String target, String kubernetesCaPem) {
        return dial(target, kubernetesCaPem, true);
    }

    /**
     * The same to a host's own {@code name:port}, where its kube-apiserver answers directly: the certificate must come
     * from the cluster's Kubernetes CA, but is not checked for the name, since Talos issues it for the node's addresses
     * and the certSANs, not for its MagicDNS name. Which API server answered is settled by the name: MagicDNS gives each
     * host its own.
     */
    public ProbeResult dialHost(String target, String kubernetesCaPem) {
        return dial(target, kubernetesCaPem, false);
    }

    private ProbeResult dial(String target, String kubernetesCaPem, boolean verifyName) {
        int colon = target.lastIndexOf(':');
        String name = target.substring(0, colon);
        int port = Integer.parseInt(target.substring(colon + 1));
        String connectTo = this.connectTo.apply(target);
        int c = connectTo.lastIndexOf(':');
        try (Socket raw = new Socket()) {
            raw.setTcpNoDelay(true); // as kubectl (Go) dials: no small write waits for the server's delayed ACK
            raw.connect(new InetSocketAddress(connectTo.substring(0, c), Integer.parseInt(connectTo.substring(c + 1))), 5000);
            raw.setSoTimeout(5000);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, InMemoryTrustManagers.of(Pem.readCertificate(kubernetesCaPem)).getTrustManagers(), null);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, name, port, true)) {
                SSLParameters params = socket.getSSLParameters();
                params.setServerNames(List.of(new SNIHostName(name)));
                if (verifyName) {
                    params.setEndpointIdentificationAlgorithm("HTTPS");
                }
                socket.setSSLParameters(params);
                socket.startHandshake();
                OutputStream out = socket.getOutputStream();
                out.write(("GET /version HTTP/1.1\r\nHost: " + name + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
                return status != null && status.startsWith("HTTP/")
                        ? ProbeResult.reached(status) : ProbeResult.failed("no HTTP answer from " + target);
            }
        } catch (SSLException e) {
            return ProbeResult.failed(explain(target, name, e));
        } catch (IOException e) {
            return ProbeResult.failed("cannot connect to " + target + (connectTo.equals(target) ? "" : " (via " + connectTo + ")") + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            return ProbeResult.failed("cannot set up TLS: " + e.getMessage());
        }
    }

    /**
     * Whether a served port that is not the Kubernetes API answers at {@code target} ({@code name:port}): over
     * {@code https}, a TLS handshake and an HTTP answer to {@code GET /} other than tailscaled's own
     * {@code 404 page not found}, what it answers when no Web handler matches (serveWebHandler in
     * https://github.com/tailscale/tailscale/blob/main/ipn/ipnlocal/serve.go); over {@code http} the same without
     * TLS; a {@code tcp} forward must accept the connection and hold it open, as tailscaled drops it when nothing
     * listens behind. The certificate is not checked: tailscaled's own (Let's Encrypt on a real tailnet), and the
     * gate asks whether the port is served, not by whom it is certified.
     */
    public ProbeResult answer(String scheme, String target) {
        int colon = target.lastIndexOf(':');
        String name = target.substring(0, colon);
        String connectTo = this.connectTo.apply(target);
        int c = connectTo.lastIndexOf(':');
        try (Socket raw = new Socket()) {
            raw.setTcpNoDelay(true); // as kubectl (Go) dials
            raw.connect(new InetSocketAddress(connectTo.substring(0, c), Integer.parseInt(connectTo.substring(c + 1))), 5000);
            if (scheme.equals("tcp")) {
                raw.setSoTimeout(HOLD_OPEN_MILLIS);
                try {
                    return raw.getInputStream().read() < 0 ? ProbeResult.failed(target + " closed the connection at once: nothing answers behind it")
                            : ProbeResult.answered(target + " answered");
                } catch (SocketTimeoutException held) {
                    return ProbeResult.answered(target + " accepted the connection and held it open");
                }
            }
            raw.setSoTimeout(5000);
            Socket socket = raw;
            if (scheme.equals("https")) {
                SSLContext tls = SSLContext.getInstance("TLS");
                tls.init(null, new TrustManager[] {new AnyCertificate()}, null);
                SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, name, Integer.parseInt(target.substring(colon + 1)), true);
                SSLParameters params = ssl.getSSLParameters();
                params.setServerNames(List.of(new SNIHostName(name)));
                ssl.setSSLParameters(params);
                ssl.startHandshake();
                socket = ssl;
            }
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + name + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.US_ASCII);
            String status = answer.lines().findFirst().orElse("");
            if (!status.startsWith("HTTP/")) {
                return ProbeResult.failed("no HTTP answer from " + target);
            }
            if (status.contains(" 404 ") && answer.endsWith("404 page not found\n")) {
                return ProbeResult.failed(target + " answered 404 page not found: tailscaled has no Web handler for it (add one under \"Web\")");
            }
            return ProbeResult.answered(target + " answered " + status);
        } catch (IOException e) {
            return ProbeResult.failed("cannot reach " + target + (connectTo.equals(target) ? "" : " (via " + connectTo + ")") + ": " + e.getMessage());
        } catch (GeneralSecurityException e) {
            return ProbeResult.failed("cannot set up TLS: " + e.getMessage());
        }
    }

    /** Accepts any server certificate: {@link #answer} asks whether a port is served, not who certified it. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // deliberately not checked, see answer()
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    /** kubectl's view of a TLS failure, in words that point at the cause. */
    private static String explain(String target, String name, SSLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "x509: the API server's certificate is not valid for " + name
                    + " (add it to cluster.apiServer.certSANs, e.g. additionalApiServerCertSans in talconfig.yaml)";
        }
        if (message.contains("PKIX") || message.contains("certification path")) {
            return "x509: " + target + " presented a certificate not signed by the cluster's Kubernetes CA: something other than"
                    + " the API server terminated TLS (tailscaled with an HTTPS serve entry, instead of a TCPForward to the kube-apiserver's port on 127.0.0.1)";
        }
        return "TLS to " + target + " failed: " + message;
    }

    /** What dialing the API through the tailnet gave. */
    public record ProbeResult(boolean reached, String detail) {
        static ProbeResult reached(String statusLine) {
            return new ProbeResult(true, "API answered: " + statusLine);
        }

        static ProbeResult answered(String detail) {
            return new ProbeResult(true, detail);
        }

        static ProbeResult failed(String detail) {
            return new ProbeResult(false, detail);
        }
    }
}
