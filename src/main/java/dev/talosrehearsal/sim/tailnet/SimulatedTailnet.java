package dev.talosrehearsal.sim.tailnet;

import dev.talosrehearsal.machineconfig.ApiServerPort;
import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.secrets.EncodedCertAndKey;
import dev.talosrehearsal.machineconfig.secrets.KubernetesCertificates;
import dev.talosrehearsal.sim.talosapi.SimulatedTalosNodes;
import dev.talosrehearsal.sim.kube.apiserver.ControlPlaneApiServer;
import dev.talosrehearsal.sim.kube.apiserver.Upstream;
import dev.talosrehearsal.sim.net.Tls;
import dev.talosrehearsal.sim.net.Wire;
import dev.talosrehearsal.network.NodeAddress;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.tailscale.ServedPort;
import dev.talosrehearsal.tailscale.ServedPorts;
import dev.talosrehearsal.tailscale.TailscaleExtensionConfig;
import dev.talosrehearsal.tailscale.TcpHandler;
import dev.talosrehearsal.tailscale.WebHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The cluster's tailnet as seen from a client on it (docs/talos-behaviour.md#tailscale-serve-config): every running ext-tailscale
 * with a serve config answers names under the MagicDNS suffix, and each {@code name:port} is a real
 * loopback TCP listener here ({@link #endpoint}).
 *
 * <p><b>Names.</b> A serve config's top-level {@code TCP} entries are served on the host's own name
 * {@code <hostname>.<suffix>} ({@code TS_HOSTNAME} if its ExtensionServiceConfig sets one); its
 * {@code Services["svc:<name>"]} entries on the shared name {@code <name>.<suffix>}.
 * {@code ${TS_CERT_DOMAIN}} becomes the host's name (containerboot).
 *
 * <p><b>Routing</b>, decided per connection so that a change shows at the next one: the first host in
 * the cluster's node order whose serve config has an entry for {@code name:port}, whose node is up,
 * whose ext-tailscale is Running and which is not cut off from the tailnet. No such host: the connection is
 * reset. A host's own name on a port no serve entry takes goes to that host's kernel (tailscaled runs in kernel
 * mode there), where a control plane's kube-apiserver answers on its port ({@link ApiServerPort}: {@code apiPort} of
 * KubeAPIServerConfig, else {@code cluster.controlPlane.localAPIServerPort}, else 6443); anything else is reset. Not modelled:
 * service approval and host tags in the tailnet's policy, load balancing other than "first healthy".
 *
 * <p><b>Handling</b> by the host's entry:
 * <ul>
 *   <li>{@code TCPForward host:port} (L4 passthrough): the bytes go to that target on the host. The
 *       host's loopback or an address of any cluster node at its kube-apiserver's port, on an up control plane, is that
 *       node's kube-apiserver ({@link ControlPlaneApiServer}: TLS with a certificate from the Kubernetes
 *       CA carrying {@code cluster.apiServer.certSANs}, then the {@link Upstream}); anything else is
 *       reset. With {@code TerminateTLS}, tailscaled terminates TLS first (its own certificate for the
 *       name) and forwards plaintext, which the apiserver answers with 400.</li>
 *   <li>{@code HTTPS: true} / {@code HTTP: true}: tailscaled terminates TLS (HTTPS, with a certificate
 *       for the name from {@link #certificateAuthority()}, the stand-in for Let's Encrypt) and serves
 *       the matching {@code Web["<name>:<port>"]} handlers: {@code Text} (200), {@code Redirect} (302),
 *       {@code Proxy} (to a node's kube-apiserver as above; elsewhere 502); no matching handler is
 *       {@code 404 page not found}, as tailscaled answers. {@code Path} (files) is not simulated (502).</li>
 * </ul>
 *
 * <p>{@link #dial} is the check for gates: what a client trusting the cluster's Kubernetes CA and the
 * public CAs gets when it asks {@code GET /version} of {@code name:port}.
 */
public final class SimulatedTailnet implements AutoCloseable {
    private final String suffix;
    private final SimulatedTalosNodes cluster;
    private final Upstream upstream;
    private final ExecutorService pool;
    private final EncodedCertAndKey tailnetCa;
    private final Map<String, SSLContext> hostContexts = new ConcurrentHashMap<>();
    private final Map<String, ServerSocket> listeners = new ConcurrentHashMap<>();
    /**
     * Each node's kube-apiserver listener, opened on first use: a cluster of 1,000 nodes whose serve configs reach
     * three control planes needs three, not a thousand sockets and accept threads (docs/benchmarks.md). Guarded by
     * itself, with {@link #close()}: no listener opens after the tailnet closed its last one.
     */
    private final Map<String, ControlPlaneApiServer> apiServers = new HashMap<>();
    /** By the port of the client end of the connection (a client's local port, or a forwarder's). */
    private final Map<Integer, Trace> traces = new ConcurrentHashMap<>();
    private final List<Trace> history = new ArrayList<>();
    private volatile boolean closed;

    public SimulatedTailnet(String suffix, SimulatedTalosNodes cluster, Upstream kubernetesApi) {
        this.suffix = normalize(Objects.requireNonNull(suffix));
        this.cluster = Objects.requireNonNull(cluster);
        this.upstream = Objects.requireNonNull(kubernetesApi);
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "tailnet-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.tailnetCa = KubernetesCertificates.selfSignedCa("talos-rehearsal tailnet");
    }

    public String suffix() {
        return suffix;
    }

    /** The CA behind tailscaled's certificates here (a real tailnet's come from Let's Encrypt, a public CA). */
    public X509Certificate certificateAuthority() {
        return tailnetCa.certificate();
    }

    /** A host's MagicDNS name: {@code <TS_HOSTNAME or hostname>.<suffix>}. */
    public String hostName(SimulatedNode node) {
        return tailscaleHostname(node) + "." + suffix;
    }

    /**
     * The loopback listener standing for {@code name:port} on the tailnet (opened on first use; what
     * answers is decided per connection).
     *
     * @throws IllegalArgumentException when {@code name} is not under the tailnet's suffix
     */
    public InetSocketAddress endpoint(String name, int port) {
        String key = key(name, port);
        ServerSocket server = listeners.computeIfAbsent(key, k -> listen(normalize(name), port));
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    /** A node's simulated kube-apiserver (every node has one, opened on first use; it answers only while the node is an up control plane). */
    public InetSocketAddress apiServer(String hostname) {
        SimulatedNode node = cluster.node(hostname);
        synchronized (apiServers) {
            if (closed) {
                throw new IllegalStateException("the tailnet is closed");
            }
            ControlPlaneApiServer server = apiServers.get(hostname);
            if (server == null) {
                try {
                    server = new ControlPlaneApiServer(node, cluster.secrets(), upstream, pool, traces::get);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start the simulated kube-apiserver of " + hostname, e);
                }
                apiServers.put(hostname, server);
            }
            return server.address();
        }
    }

    /** What is advertised now: {@code name:port} → the hosts whose serve config has it (healthy or not), in routing order. */
    public Map<String, List<String>> advertised() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (SimulatedNode node : cluster.nodes()) {
            servedPorts(node).ifPresent(c -> c.all().forEach(e ->
                    out.computeIfAbsent(e.name() + ":" + e.port(), k -> new ArrayList<>()).add(node.hostname())));
        }
        return out;
    }

    /** Where a connection to {@code name:port} would go now. */
    public Route route(String name, int port) {
        String n = normalize(name);
        List<String> skipped = new ArrayList<>();
        boolean served = false;
        for (SimulatedNode node : cluster.nodes()) {
            Optional<ServedPort> entry = servedPorts(node).flatMap(c -> c.get(n, port));
            if (entry.isEmpty()) {
                continue;
            }
            served = true;
            Optional<String> unreachable = unreachable(node);
            if (unreachable.isPresent()) {
                skipped.add(node.hostname() + " (" + unreachable.get() + ")");
            } else {
                return Route.to(n, port, node.hostname(), entry.get(), skipped);
            }
        }
        if (!served) {
            Optional<SimulatedNode> owner = cluster.nodes().stream().filter(node -> tailscale(node).isPresent() && hostName(node).equals(n)).findFirst();
            if (owner.isPresent()) {
                // A host's own name on a port its serve config does not take. The extension runs tailscaled in kernel mode
                // (TS_USERSPACE=false, siderolabs/extensions network/tailscale/tailscale.yaml: "access your talos nodes from
                // machines you have configured with tailscale", its README), so tailscale0 hands the connection to the host,
                // where what listens on all its addresses answers: the kube-apiserver of a control plane (Talos's
                // bind-address 0.0.0.0, host network: internal/app/machined/pkg/controllers/k8s/control_plane_static_pod.go).
                Optional<String> unreachable = unreachable(owner.get());
                return unreachable.isPresent() ? Route.none(n, port, List.of(owner.get().hostname() + " (" + unreachable.get() + ")"))
                        : Route.toHost(n, port, owner.get().hostname());
            }
        }
        return Route.none(n, port, skipped);
    }

    /** Why no peer on the tailnet reaches {@code node} now, if none does. */
    private static Optional<String> unreachable(SimulatedNode node) {
        if (!node.isReachable()) {
            return Optional.of("down");
        }
        if (!node.tailscaleRunning()) {
            return Optional.of("ext-tailscale not running");
        }
        if (node.faults().tailnetCutOff()) {
            // tailscaled runs but reaches neither the coordination server nor a DERP relay: peers cannot connect to it
            return Optional.of("cut off from the tailnet");
        }
        return Optional.empty();
    }

    /** Every connection so far, oldest first. */
    public List<Connection> connections() {
        synchronized (history) {
            return history.stream().map(Trace::snapshot).toList();
        }
    }

    /** The connection whose client end used {@code clientPort}. */
    Optional<Connection> connection(int clientPort) {
        return Optional.ofNullable(traces.get(clientPort)).map(Trace::snapshot);
    }

    /**
     * {@code GET /version} on {@code name:port} as a kubeconfig client with the cluster's Kubernetes CA
     * would, also trusting the tailnet's certificates (public CAs, where a real kubeconfig with
     * {@code certificate-authority-data} would say "x509: certificate signed by unknown authority").
     * Never throws for what the network does; see {@link DialResult}.
     */
    public DialResult dial(String name, int port) {
        return DialResult.dial(this, normalize(name), port, cluster.secrets().k8s().certificate());
    }

    // ---------------------------------------------------------------- serve configs

    private String tailscaleHostname(SimulatedNode node) {
        return tailscale(node).map(ts -> ts.tailnetHostname(node.hostname())).orElse(node.hostname()).toLowerCase(Locale.ROOT);
    }

    private static Optional<TailscaleExtensionConfig> tailscale(SimulatedNode node) {
        MachineConfig config = node.activeConfig();
        return config == null ? Optional.empty() : ExtensionServices.tailscale(config);
    }

    /** What the node answers on the tailnet, with {@code ${TS_CERT_DOMAIN}} replaced by its name as containerboot does. */
    private Optional<ServedPorts> servedPorts(SimulatedNode node) {
        String name = hostName(node);
        return tailscale(node).flatMap(ts -> ts.serveConfig(name)).map(c -> c.servedPorts(name, suffix));
    }

    // ---------------------------------------------------------------- connections

    private ServerSocket listen(String name, int port) {
        if (!name.endsWith("." + suffix)) {
            throw new IllegalArgumentException(name + " is not a MagicDNS name of " + suffix);
        }
        if (closed) {
            throw new IllegalStateException("the tailnet is closed");
        }
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Wire.acceptEach(server, "tailnet-" + name + ":" + port, socket -> accepted(socket, name, port));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for " + name + ":" + port, e);
        }
    }

    private void accepted(Socket socket, String name, int port) {
        Trace trace = new Trace(name, port);
        traces.put(socket.getPort(), trace);
        synchronized (history) {
            history.add(trace);
        }
        pool.execute(() -> handle(socket, trace));
    }

    private void handle(Socket socket, Trace trace) {
        Route route = route(trace.name, trace.port);
        trace.routed(route);
        if (route.host().isEmpty()) {
            Wire.reset(socket);
            return;
        }
        SimulatedNode host = cluster.node(route.host().get());
        if (route.entry().isEmpty()) {
            try {
                forward(socket, host, "127.0.0.1:" + trace.port, trace, null);
            } catch (IOException e) {
                trace.note("closed: " + e.getMessage());
                Wire.closeQuietly(socket);
            }
            return;
        }
        ServedPort entry = route.entry().get();
        TcpHandler tcp = entry.tcp();
        try {
            if (tcp.tcpForward() != null) {
                Socket client = socket;
                if (tcp.terminateTls() != null) {
                    client = Tls.serverOver(contextFor(trace.name), socket, null);
                    trace.note("tailscaled on " + host.hostname() + " terminated TLS");
                }
                forward(client, host, tcp.tcpForward(), trace, null);
            } else if (tcp.https() || tcp.http()) {
                Socket client = tcp.https() ? Tls.serverOver(contextFor(trace.name), socket, null) : socket;
                serveWeb(client, host, entry, trace);
            } else {
                trace.note("the entry forwards nothing: connection closed");
                Wire.reset(socket);
            }
        } catch (IOException e) {
            trace.note("closed: " + e.getMessage());
            Wire.closeQuietly(socket);
        }
    }

    /** TCPForward / Proxy: connects to what {@code target} means on {@code host} and pipes; resets when nothing listens there. */
    private void forward(Socket client, SimulatedNode host, String target, Trace trace, byte[] first) throws IOException {
        Optional<SimulatedNode> apiNode = apiServerBehind(host, target);
        if (apiNode.isEmpty()) {
            trace.note("nothing simulated listens on " + target + " for " + host.hostname() + ": connection refused");
            Wire.reset(client);
            return;
        }
        Socket out = connectToApiServer(apiNode.get().hostname(), trace);
        Wire.pipe(pool, client, out, first);
    }

    /**
     * A connection to {@code hostname}'s kube-apiserver, traced from its first byte. A tailnet closed meanwhile refuses it
     * as a closed listener would.
     */
    private Socket connectToApiServer(String hostname, Trace trace) throws IOException {
        Socket out = Wire.dialer();
        try {
            out.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            traces.put(out.getLocalPort(), trace);
            out.connect(apiServer(hostname));
            return out;
        } catch (IllegalStateException closed) {
            Wire.closeQuietly(out);
            throw new java.net.ConnectException(closed.getMessage());
        } catch (IOException e) {
            Wire.closeQuietly(out);
            throw e;
        }
    }

    /** The node whose kube-apiserver {@code host:port} names from {@code from}'s point of view, if it is an up control plane. */
    private Optional<SimulatedNode> apiServerBehind(SimulatedNode from, String target) {
        int colon = target.lastIndexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String h = target.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(target.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        SimulatedNode node = null;
        if (TcpHandler.isLoopback(h) || isAddressOf(from, h)) {
            node = from;
        } else {
            for (SimulatedNode other : cluster.nodes()) {
                if (isAddressOf(other, h)) {
                    node = other;
                }
            }
        }
        return Optional.ofNullable(node).filter(n -> n.isReachable() && n.controlPlane() && apiServerPort(n) == port);
    }

    /** The port the node's kube-apiserver listens on under the config it runs now. */
    private static int apiServerPort(SimulatedNode node) {
        return ApiServerPort.of(node.activeConfig());
    }

    private static boolean isAddressOf(SimulatedNode node, String ip) {
        return node.addresses().stream().map(NodeAddress::ip).anyMatch(ip::equals);
    }

    private void serveWeb(Socket client, SimulatedNode host, ServedPort entry, Trace trace) throws IOException {
        InputStream in = client.getInputStream();
        String head = Wire.readHead(in);
        if (head == null) {
            Wire.closeQuietly(client);
            return;
        }
        String path = Wire.requestPath(head);
        Optional<WebHandler> handler = entry.handlerFor(path);
        String who = "tailscaled on " + host.hostname();
        if (handler.isEmpty()) {
            trace.answeredByTailscaled(who + " answered 404: no Web handler for " + entry.name() + ":" + entry.port() + path);
            Wire.answer(client.getOutputStream(), 404, "Not Found", "text/plain; charset=utf-8", "404 page not found\n",
                    "X-Content-Type-Options: nosniff");
            Wire.closeQuietly(client);
            return;
        }
        WebHandler h = handler.get();
        switch (h.kind()) {
            case "Text" -> {
                trace.answeredByTailscaled(who + " answered 200 with its Text handler");
                Wire.answer(client.getOutputStream(), 200, "OK", "text/plain; charset=utf-8", h.value());
            }
            case "Redirect" -> {
                trace.answeredByTailscaled(who + " redirected to " + h.value());
                Wire.answer(client.getOutputStream(), 302, "Found", null, "", "Location: " + h.value());
            }
            case "Proxy" -> {
                proxy(client, host, h.value(), head, trace);
                return;
            }
            default -> {
                trace.answeredByTailscaled(who + ": " + h.kind() + " handlers are not simulated (502)");
                Wire.answer(client.getOutputStream(), 502, "Bad Gateway", "text/plain; charset=utf-8",
                        "talos-rehearsal: " + h.kind() + " handlers are not simulated\n");
            }
        }
        Wire.closeQuietly(client);
    }

    /** A Proxy handler: {@code http://h:p}, {@code https+insecure://h:p}, {@code https://h:p}, {@code h:p} or a bare port. */
    private void proxy(Socket client, SimulatedNode host, String target, String head, Trace trace) throws IOException {
        String scheme = "http";
        String hostPort = target;
        int sep = target.indexOf("://");
        if (sep >= 0) {
            scheme = target.substring(0, sep);
            hostPort = target.substring(sep + 3);
        }
        int slash = hostPort.indexOf('/');
        if (slash >= 0) {
            hostPort = hostPort.substring(0, slash);
        }
        if (hostPort.matches("\\d+")) {
            hostPort = "127.0.0.1:" + hostPort;
        }
        Optional<SimulatedNode> apiNode = apiServerBehind(host, hostPort);
        String who = "tailscaled on " + host.hostname();
        if (apiNode.isEmpty() || scheme.equals("https")) {
            // https:// verifies the backend against public roots: the cluster's own CA is not one of them.
            trace.answeredByTailscaled(who + " could not proxy to " + target + (apiNode.isEmpty() ? " (nothing simulated listens there)"
                    : " (x509: certificate signed by unknown authority)") + ": 502");
            Wire.answer(client.getOutputStream(), 502, "Bad Gateway", null, "");
            Wire.closeQuietly(client);
            return;
        }
        Socket out = connectToApiServer(apiNode.get().hostname(), trace);
        if (scheme.equals("https+insecure")) {
            SSLSocket tls = (SSLSocket) Tls.trustAll().getSocketFactory().createSocket(out, "127.0.0.1", apiServerPort(apiNode.get()), true);
            tls.startHandshake();
            out = tls;
        } else if (!scheme.equals("http")) {
            trace.answeredByTailscaled(who + ": unsupported proxy scheme " + scheme + ": 502");
            Wire.answer(client.getOutputStream(), 502, "Bad Gateway", null, "");
            Wire.closeQuietly(client);
            Wire.closeQuietly(out);
            return;
        }
        trace.note(who + " proxied HTTP to " + target);
        Wire.pipe(pool, client, out, head.getBytes(StandardCharsets.ISO_8859_1));
    }

    private SSLContext contextFor(String name) {
        return hostContexts.computeIfAbsent(name, n -> Tls.server(KubernetesCertificates.server(tailnetCa, List.of(n)),
                tailnetCa.certificate()));
    }

    private static String key(String name, int port) {
        return normalize(name) + ":" + port;
    }

    private static String normalize(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    @Override
    public void close() {
        closed = true;
        listeners.values().forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        });
        synchronized (apiServers) {
            apiServers.values().forEach(ControlPlaneApiServer::close);
        }
        pool.shutdownNow();
    }
}
