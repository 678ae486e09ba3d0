package dev.talosrehearsal.sim.talosapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import java.util.List;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;

/**
 * One endpoint's Talos API (apid): WireMock with the gRPC extension on a loopback HTTPS port, with mutual TLS
 * from the cluster's own OS CA (client certificates required and verified against the CA), so a client reaches
 * it exactly as it reaches apid. Calls for other nodes are routed in-process by the dispatcher, as apid proxies
 * them; only endpoints have a server (see {@link SimulatedTalosNodes}).
 */
public final class SimulatedTalosApiServer implements AutoCloseable {
    private final WireMockServer server;
    private final ServerConnector connector;
    private final CallsInFlight inFlight;
    private final AutoCloseable owned;

    private SimulatedTalosApiServer(WireMockServer server, ServerConnector connector, CallsInFlight inFlight, AutoCloseable owned) {
        this.server = server;
        this.connector = connector;
        this.inFlight = inFlight;
        this.owned = owned;
    }

    /** Starts the API of {@code node} with its own TLS material and threads (tests with a node or two). */
    public static SimulatedTalosApiServer start(ApiNode node, TalosApiDispatcher dispatcher, SecretsBundle bundle) {
        ApidTls tls = ApidTls.create(bundle, node.hostname(), List.of(node.hostname()));
        QueuedThreadPool threads = ApidThreads.pool(1);
        try {
            return start(node, dispatcher, tls, threads, () -> {
                threads.stop();
                tls.close();
            });
        } catch (RuntimeException e) {
            tls.close();
            throw e;
        }
    }

    /**
     * Starts the API of endpoint {@code node} on an ephemeral loopback port, sharing the cluster's TLS material
     * and threads; calls are answered by {@code dispatcher}.
     */
    static SimulatedTalosApiServer start(ApiNode node, TalosApiDispatcher dispatcher, ApidTls tls, ThreadPool threads) {
        return start(node, dispatcher, tls, threads, () -> {});
    }

    private static SimulatedTalosApiServer start(ApiNode node, TalosApiDispatcher dispatcher, ApidTls tls, ThreadPool threads,
            AutoCloseable owned) {
        TalosGrpcServerFactory factory = new TalosGrpcServerFactory(tls, node, dispatcher);
        WireMockServer server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .httpsPort(0) // TLS from ApidTls, through TalosGrpcServerFactory's connector
                .threadPoolFactory(options -> threads)
                .jettyAcceptors(1)
                .disableRequestJournal()
                .extensions(factory, new TalosApiTransformer(node, dispatcher)));
        server.start();
        server.stubFor(post(urlPathMatching("/machine\\.MachineService/.*"))
                .willReturn(aResponse().withTransformers(TalosApiTransformer.NAME)));
        ServerConnector connector = factory.httpsConnector();
        // keep the port when the listener closes and opens again with its node (EndpointListener)
        connector.setPort(connector.getLocalPort());
        CallsInFlight inFlight = new CallsInFlight();
        connector.addBean(inFlight);
        return new SimulatedTalosApiServer(server, connector, inFlight, owned);
    }

    ServerConnector connector() {
        return connector;
    }

    CallsInFlight inFlight() {
        return inFlight;
    }

    /** False while the endpoint's listener is closed (its node is down). */
    boolean listening() {
        return connector.isRunning();
    }

    public int port() {
        return connector.getPort();
    }

    /** {@code 127.0.0.1:<port>}: an endpoint for a talosconfig. */
    public String endpoint() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop();
        try {
            owned.close();
        } catch (Exception ignored) {
            // threads and temporary files of a server that is gone
        }
    }
}
