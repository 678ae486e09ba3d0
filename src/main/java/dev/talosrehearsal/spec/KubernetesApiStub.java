package dev.talosrehearsal.spec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.talosrehearsal.sim.kube.apiserver.Upstream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A stand-in for the Kubernetes API behind the simulated kube-apiservers (until the embedded one
 * exists): answers {@code GET /version} like kube-apiserver and 404 elsewhere, over HTTP or HTTPS.
 */
public final class KubernetesApiStub implements AutoCloseable {
    public static final String VERSION = "{\"major\":\"1\",\"minor\":\"34\",\"gitVersion\":\"v1.34.1\",\"platform\":\"linux/amd64\"}";

    private final HttpServer server;
    private final boolean tls;
    private final AtomicInteger requests = new AtomicInteger();

    private KubernetesApiStub(HttpServer server, boolean tls) {
        this.server = server;
        this.tls = tls;
        server.createContext("/", this::handle);
        server.start();
    }

    public static KubernetesApiStub http() {
        try {
            return new KubernetesApiStub(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Over TLS with {@code context}'s certificate (the apiserver hop trusts anything). */
    public static KubernetesApiStub https(SSLContext context) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context));
            return new KubernetesApiStub(server, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Upstream upstream() {
        return Upstream.of("127.0.0.1", server.getAddress().getPort(), tls);
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        boolean version = exchange.getRequestURI().getPath().equals("/version");
        byte[] body = (version ? VERSION : "{\"kind\":\"Status\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(version ? 200 : 404, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
