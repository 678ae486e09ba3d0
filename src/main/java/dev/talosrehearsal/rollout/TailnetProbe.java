package dev.talosrehearsal.rollout;

import dev.talosrehearsal.common.Pem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

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
        int colon = target.lastIndexOf(':');
        String name = target.substring(0, colon);
        int port = Integer.parseInt(target.substring(colon + 1));
        String connectTo = this.connectTo.apply(target);
        int c = connectTo.lastIndexOf(':');
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(connectTo.substring(0, c), Integer.parseInt(connectTo.substring(c + 1))), 5000);
            raw.setSoTimeout(5000);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trust(Pem.readCertificate(kubernetesCaPem)).getTrustManagers(), null);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, name, port, true)) {
                SSLParameters params = socket.getSSLParameters();
                params.setServerNames(List.of(new SNIHostName(name)));
                params.setEndpointIdentificationAlgorithm("HTTPS");
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

    /** kubectl's view of a TLS failure, in words that point at the cause. */
    private static String explain(String target, String name, SSLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "x509: the API server's certificate is not valid for " + name
                    + " (add it to cluster.apiServer.certSANs, e.g. additionalApiServerCertSans in talconfig.yaml)";
        }
        if (message.contains("PKIX") || message.contains("certification path")) {
            return "x509: " + target + " presented a certificate not signed by the cluster's Kubernetes CA: something other than"
                    + " the API server terminated TLS (tailscaled with an HTTPS serve entry, instead of TCPForward to 127.0.0.1:6443)";
        }
        return "TLS to " + target + " failed: " + message;
    }

    private static TrustManagerFactory trust(X509Certificate ca) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("kubernetes-ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    /** What dialing the API through the tailnet gave. */
    public record ProbeResult(boolean reached, String detail) {
        static ProbeResult reached(String statusLine) {
            return new ProbeResult(true, "API answered: " + statusLine);
        }

        static ProbeResult failed(String detail) {
            return new ProbeResult(false, detail);
        }
    }
}
