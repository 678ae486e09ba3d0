package dev.talosrehearsal.sim.tailnet;

import dev.talosrehearsal.common.InMemoryTrustManagers;
import dev.talosrehearsal.sim.net.Tls;
import dev.talosrehearsal.sim.net.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * An HTTPS client on the tailnet: it connects to the loopback listener standing for {@code name:port}
 * but speaks TLS to {@code name} (SNI) and verifies the server certificate against {@code name}
 * with the JDK's own checks (PKIX to the trusted CAs, then {@code HTTPS} endpoint identification),
 * so a missing SAN fails exactly as it fails for any Java client:
 * {@code SSLHandshakeException: No subject alternative DNS name matching <name> found.}
 *
 * <p>One request per connection ({@code Connection: close}); bodies read by Content-Length, chunked,
 * or to end of stream.
 */
public final class TailnetClient {
    private final List<X509Certificate> trusted; // null: trust any server
    private final boolean tls;

    private TailnetClient(List<X509Certificate> trusted, boolean tls) {
        this.trusted = trusted;
        this.tls = tls;
    }

    /** Trusts these CAs only, as a kubeconfig's {@code certificate-authority-data} does. */
    public static TailnetClient trusting(X509Certificate... cas) {
        return new TailnetClient(List.of(cas), true);
    }

    /** Trusts any server and checks no name ({@code curl -k}). */
    public static TailnetClient trustingAll() {
        return new TailnetClient(null, true);
    }

    /** Plain HTTP (for {@code HTTP: true} entries). */
    public static TailnetClient plainHttp() {
        return new TailnetClient(null, false);
    }

    /** An HTTP answer and the certificate chain the server presented (empty without TLS). */
    public record Response(int status, String reason, Map<String, String> headers, String body, List<X509Certificate> serverChain) {}

    /** {@code GET path} on {@code name:port} through {@code tailnet}. */
    public Response get(SimulatedTailnet tailnet, String name, int port, String path) throws IOException {
        Exchange exchange = exchange(tailnet.endpoint(name, port), name, port, path);
        if (exchange.failure != null) {
            throw exchange.failure;
        }
        return exchange.response;
    }

    /** One request's result or failure, the chain the server presented, and the client's local port. */
    static final class Exchange {
        Response response;
        IOException failure;
        List<X509Certificate> presented = List.of();
        int localPort = -1;
    }

    Exchange exchange(InetSocketAddress endpoint, String name, int port, String path) {
        Exchange exchange = new Exchange();
        Socket plain = Wire.dialer();
        try {
            // an explicit bind gives a port no other open socket holds: the tailnet finds this connection by it
            plain.bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            plain.connect(endpoint, 10_000);
            plain.setSoTimeout(20_000);
            exchange.localPort = plain.getLocalPort();
            Socket socket = plain;
            if (tls) {
                SSLSocket ssl = (SSLSocket) context(exchange).getSocketFactory().createSocket(plain, name, port, true);
                SSLParameters parameters = ssl.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(name)));
                if (trusted != null) {
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                }
                ssl.setSSLParameters(parameters);
                ssl.startHandshake();
                List<X509Certificate> chain = new ArrayList<>();
                for (java.security.cert.Certificate c : ssl.getSession().getPeerCertificates()) {
                    chain.add((X509Certificate) c);
                }
                exchange.presented = chain;
                socket = ssl;
            }
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + name + ":" + port
                    + "\r\nUser-Agent: talos-rehearsal-tailnet\r\nAccept: */*\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            exchange.response = read(socket.getInputStream(), exchange.presented);
        } catch (IOException e) {
            exchange.failure = e;
        } finally {
            Wire.closeQuietly(plain);
        }
        return exchange;
    }

    private static Response read(InputStream in, List<X509Certificate> chain) throws IOException {
        String head = Wire.readHead(in);
        if (head == null) {
            throw new SocketException("the server closed the connection without an answer");
        }
        String[] lines = head.split("\r?\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(in);
        } else {
            body = in.readAllBytes();
        }
        return new Response(Integer.parseInt(status[1]), status.length > 2 ? status[2] : "", headers,
                new String(body, StandardCharsets.UTF_8), chain);
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }

    private SSLContext context(Exchange exchange) throws IOException {
        try {
            if (trusted == null) {
                return Tls.trustAll();
            }
            X509ExtendedTrustManager delegate = InMemoryTrustManagers.x509(trusted.toArray(X509Certificate[]::new));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new Recording(delegate, exchange)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build the client's TLS context", e);
        }
    }

    /** Keeps the chain the server presented (for messages), then lets the JDK decide. */
    private static final class Recording extends dev.talosrehearsal.common.ClientCheckingTrustManager {
        private final Exchange exchange;

        Recording(X509ExtendedTrustManager delegate, Exchange exchange) {
            super(delegate);
            this.exchange = exchange;
        }

        private void record(X509Certificate[] chain) {
            exchange.presented = new ArrayList<>(Arrays.asList(chain));
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            record(chain);
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            record(chain);
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            record(chain);
            delegate.checkServerTrusted(chain, authType);
        }
    }
}
