package dev.talosrehearsal.sim.talosapi;

import com.github.tomakehurst.wiremock.common.HttpsSettings;
import com.github.tomakehurst.wiremock.common.JettySettings;
import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import com.github.tomakehurst.wiremock.jetty11.Jetty11Utils;
import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.Descriptors;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.NetworkTrafficListener;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.servlet.FilterHolder;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.wiremock.grpc.internal.GrpcFilter;
import org.wiremock.grpc.internal.GrpcHttpServerFactory;

/**
 * The WireMock gRPC extension's server, with three additions apid needs: the client certificate's role
 * (a servlet filter in front of the gRPC filter), every value of the {@code nodes} metadata key
 * (a gRPC interceptor), and the streaming calls — the resource API and Read — (StreamingCallsFilter, in front of WireMock). Services come from the descriptor set the build writes ({@code grpc/talos-api.dsc}).
 *
 * <p>Uses internal classes of wiremock-grpc-extension 0.11.0 (GrpcHttpServerFactory, GrpcFilter) and rebuilds
 * WireMock 3.13's HTTPS connector with the cluster's TLS context (ApidTls): recheck both on upgrade.
 */
final class TalosGrpcServerFactory extends GrpcHttpServerFactory {
    static final String DESCRIPTOR_SET = "/grpc/talos-api.dsc";
    private static volatile List<Descriptors.FileDescriptor> descriptors;
    /** The server's HTTPS connector, once built: its listener follows the endpoint node up and down. */
    private volatile ServerConnector capturedConnector;
    private final ApidTls tls;
    private final ApiNode node;
    private final TalosApiDispatcher dispatcher;

    TalosGrpcServerFactory(ApidTls tls, ApiNode node, TalosApiDispatcher dispatcher) {
        super(null);
        this.tls = tls;
        this.node = node;
        this.dispatcher = dispatcher;
    }

    /** WireMock serves the machine API; the resource API and Read are StreamingCallsFilter's (they stream). */
    @Override
    public void loadFileDescriptors() {
        grpcFilter.loadFileDescriptors(descriptors().stream().filter(f -> !f.getPackage().startsWith("cosi.")).toList(),
                List.of(new NodesMetadataInterceptor()));
    }

    @Override
    public HttpServer buildHttpServer(Options options, AdminRequestHandler adminRequestHandler, StubRequestHandler stubRequestHandler) {
        return new Jetty11HttpServer(options, adminRequestHandler, stubRequestHandler) {
            @Override
            protected ServerConnector createHttpsConnector(String bindAddress, HttpsSettings https, JettySettings jetty,
                    NetworkTrafficListener listener) {
                // WireMock's HTTP/2-over-TLS connector (Jetty11HttpServer, 3.13), with the cluster's TLS context
                // instead of key stores read from files for every endpoint
                HttpConfiguration http = Jetty11Utils.createHttpConfig(jetty);
                ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
                ServerConnector connector = Jetty11Utils.createServerConnector(jettyServer, bindAddress, jetty, https.port(), listener,
                        new SslConnectionFactory(tls.serverFactory(), alpn.getProtocol()), alpn,
                        new HTTP2ServerConnectionFactory(http), new HttpConnectionFactory(http));
                capturedConnector = connector;
                return connector;
            }

            @Override
            protected void decorateMockServiceContextBeforeConfig(ServletContextHandler context) {
                context.addFilter(new FilterHolder(new ClientRoleFilter()), "/*", EnumSet.of(DispatcherType.REQUEST));
                context.addFilter(new FilterHolder(new StreamingCallsFilter(node, dispatcher)), "/*", EnumSet.of(DispatcherType.REQUEST));
                grpcFilter = new GrpcFilter(stubRequestHandler);
                loadFileDescriptors();
                context.addFilter(new FilterHolder(grpcFilter), "/*", EnumSet.of(DispatcherType.REQUEST));
            }
        };
    }

    ServerConnector httpsConnector() {
        return capturedConnector;
    }

    /** The Talos API descriptors, read once from the descriptor set on the classpath. */
    static List<Descriptors.FileDescriptor> descriptors() {
        if (descriptors == null) {
            synchronized (TalosGrpcServerFactory.class) {
                if (descriptors == null) {
                    descriptors = load();
                }
            }
        }
        return descriptors;
    }

    private static List<Descriptors.FileDescriptor> load() {
        try (InputStream in = TalosGrpcServerFactory.class.getResourceAsStream(DESCRIPTOR_SET)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DESCRIPTOR_SET + " (written by the build's protobuf plugin)");
            }
            List<Descriptors.FileDescriptor> built = new ArrayList<>();
            for (DescriptorProtos.FileDescriptorProto file : DescriptorProtos.FileDescriptorSet.parseFrom(in).getFileList()) {
                // imports come before the files that use them in a descriptor set with imports
                built.add(Descriptors.FileDescriptor.buildFrom(file, built.toArray(Descriptors.FileDescriptor[]::new), true));
            }
            return List.copyOf(built);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalStateException("bad descriptor set " + DESCRIPTOR_SET, e);
        }
    }
}
