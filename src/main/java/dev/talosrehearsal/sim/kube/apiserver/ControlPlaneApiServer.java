package dev.talosrehearsal.sim.kube.apiserver;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.secrets.KubernetesCertificates;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.network.NodeAddress;
import dev.talosrehearsal.network.ServiceIps;
import dev.talosrehearsal.sim.net.Tls;
import dev.talosrehearsal.sim.net.Wire;
import dev.talosrehearsal.sim.node.SimulatedNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.IntFunction;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One control plane's kube-apiserver as the network sees it (what a serve config's {@code TCPForward}
 * to the kube-apiserver's port, 6443 unless the config sets another, reaches): a loopback TLS endpoint that
 * presents a serving certificate signed by the cluster's Kubernetes CA with the names Talos puts in
 * it, and proxies the decrypted bytes to the {@link Upstream} (the Kubernetes API behind it).
 *
 * <p>Names in the certificate, from the node's <em>active</em> config at each connection (Talos
 * re-issues the certificate when they change): see {@link #certificateNames}.
 * A tailnet name is in it only through certSANs, which is what the check is about.
 *
 * <p>Plain bytes (not a TLS ClientHello) get Go's answer, {@code 400 Client sent an HTTP request to an
 * HTTPS server.}; a node that is down or not a control plane resets the connection. Client
 * certificates are not requested: identity does not survive the hop to the upstream.
 */
public final class ControlPlaneApiServer implements AutoCloseable {
    private final SimulatedNode node;
    private final SecretsBundle secrets;
    private final Upstream upstream;
    private final ExecutorService pool;
    private final IntFunction<? extends ApiServerTrace> traces;
    private final ServerSocket server;
    private final Map<List<String>, SSLContext> contexts = new ConcurrentHashMap<>();

    /**
     * @param traces the trace of a connection by the client end's port, or null for a connection nobody traces
     */
    public ControlPlaneApiServer(SimulatedNode node, SecretsBundle secrets, Upstream upstream, ExecutorService pool, IntFunction<? extends ApiServerTrace> traces)
            throws IOException {
        this.node = node;
        this.secrets = secrets;
        this.upstream = upstream;
        this.pool = pool;
        this.traces = traces;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Wire.acceptEach(server, "kube-apiserver-" + node.hostname(), socket -> pool.execute(() -> handle(socket)));
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /**
     * The names the serving certificate carries now: what Talos's KubernetesCertSANsController puts there
     * (internal/app/machined/pkg/controllers/secrets/kubernetes_cert_sans.go, v1.13.9): the cluster endpoint's
     * host (whatever the config's certSANs say, which from v1.12 no longer repeat it), the certSANs, the node's
     * hostname and addresses, the first service IP, localhost, 127.0.0.1 and the in-cluster names.
     */
    public static List<String> certificateNames(SimulatedNode node) {
        MachineConfig config = node.activeConfig();
        List<String> names = new ArrayList<>();
        endpointHost(ConfigSetting.ENDPOINT.text(config, "")).ifPresent(names::add);
        names.addAll(ConfigSetting.API_SERVER_CERT_SANS.strings(config));
        names.add(node.hostname());
        node.addresses().stream().map(NodeAddress::ip).forEach(names::add);
        ConfigSetting.SERVICE_SUBNETS.strings(config).forEach(cidr -> ServiceIps.first(cidr).ifPresent(names::add));
        names.add("localhost");
        names.add("127.0.0.1");
        String domain = ConfigSetting.DNS_DOMAIN.text(config, "cluster.local");
        names.addAll(List.of("kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc." + domain));
        return names.stream().distinct().toList();
    }

    private static java.util.Optional<String> endpointHost(String url) {
        try {
            return java.util.Optional.ofNullable(java.net.URI.create(url).getHost()).map(h -> h.replaceAll("^\\[|\\]$", ""));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private void handle(Socket socket) {
        ApiServerTrace trace = traces.apply(socket.getPort());
        if (!node.isReachable() || !node.controlPlane()) {
            if (trace != null) {
                trace.note(node.hostname() + " runs no kube-apiserver now: connection refused");
            }
            Wire.reset(socket);
            return;
        }
        if (trace != null) {
            trace.apiServer(node.hostname());
        }
        try {
            InputStream in = socket.getInputStream();
            int first = in.read();
            if (first == -1) {
                Wire.closeQuietly(socket);
                return;
            }
            if (first != 0x16) { // not a TLS handshake record: Go's net/http answer
                if (trace != null) {
                    trace.note("plain bytes reached " + node.hostname() + "'s kube-apiserver: 400 Client sent an HTTP request to an HTTPS server");
                }
                socket.getOutputStream().write(("HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                Wire.closeQuietly(socket);
                return;
            }
            List<String> names = certificateNames(node);
            SSLContext context = contexts.computeIfAbsent(names,
                    n -> Tls.server(KubernetesCertificates.apiServer(secrets, n), secrets.k8s().certificate()));
            SSLSocket tls = Tls.serverOver(context, socket, new ByteArrayInputStream(new byte[] {(byte) first}));
            if (trace != null) {
                trace.apiServerTls();
            }
            Socket up = connectUpstream();
            if (trace != null) {
                trace.upstream();
            }
            Wire.pipe(pool, tls, up, null);
        } catch (IOException e) {
            // handshake refused by the client (e.g. a name missing from the certificate), or the upstream is gone
            if (trace != null && trace.apiServerTlsDone()) {
                trace.note("the Kubernetes API upstream " + upstream.host() + ":" + upstream.port() + " is unreachable: " + e.getMessage());
            }
            Wire.closeQuietly(socket);
        }
    }

    private Socket connectUpstream() throws IOException {
        Socket plain = Wire.dialer();
        plain.connect(new InetSocketAddress(upstream.host(), upstream.port()));
        if (!upstream.tls()) {
            return plain;
        }
        SSLSocket tls = (SSLSocket) Tls.trustAll().getSocketFactory().createSocket(plain, upstream.host(), upstream.port(), true);
        tls.startHandshake();
        return tls;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
