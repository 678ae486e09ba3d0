package dev.talosrehearsal.sim.talosapi;

import dev.talosrehearsal.common.InMemoryKeyManagers;
import dev.talosrehearsal.common.InMemoryTrustManagers;
import dev.talosrehearsal.machineconfig.secrets.OsCertificates;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The simulated apids' TLS, made once per cluster and held in memory: a server certificate from the cluster's OS
 * CA (Ed25519, as Talos) for 127.0.0.1 and every endpoint's hostname, and the CA as the only trust for client
 * certificates, which are required — as apid requires them.
 *
 * <p>One SSL context for every endpoint, nothing on disk: the profile showed PKCS12 stores sealed and unsealed
 * (PBKDF2) once per endpoint as a third of a cluster's start (docs/benchmarks.md), and no file ever holds the
 * server's private key.
 */
final class ApidTls implements AutoCloseable {
    private final SSLContext context;

    private ApidTls(SSLContext context) {
        this.context = context;
    }

    static ApidTls create(SecretsBundle bundle, String clusterName, List<String> endpointHostnames) {
        List<String> names = new ArrayList<>(List.of("localhost"));
        names.addAll(endpointHostnames);
        OsCertificates.Issued serverCert = OsCertificates.server(bundle, clusterName, List.of("127.0.0.1"), names);
        try {
            KeyManagerFactory keyManagers = InMemoryKeyManagers.of(serverCert.privateKey(), serverCert.certificate(), bundle.os().certificate());
            TrustManagerFactory trustManagers = InMemoryTrustManagers.of(bundle.os().certificate());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return new ApidTls(context);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot prepare TLS for the simulated Talos API of " + clusterName, e);
        }
    }

    /** A Jetty TLS factory for one endpoint's connector, on the cluster's one context, client certificates required. */
    SslContextFactory.Server serverFactory() {
        SslContextFactory.Server factory = new SslContextFactory.Server();
        factory.setSslContext(context);
        factory.setNeedClientAuth(true);
        factory.setCipherComparator(HTTP2Cipher.COMPARATOR); // HTTP/2's cipher order, as WireMock's own HTTP/2 connector
        return factory;
    }

    @Override
    public void close() {
        // nothing on disk, nothing to release: the context goes with the cluster
    }
}
