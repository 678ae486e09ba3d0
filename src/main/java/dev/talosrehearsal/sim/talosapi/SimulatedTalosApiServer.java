package dev.talosrehearsal.sim.talosapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.common.DirectoryTrees;
import dev.talosrehearsal.machineconfig.secrets.OsCertificates;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.HexFormat;
import java.util.List;

/**
 * One simulated node's Talos API: WireMock with the gRPC extension on a loopback HTTPS port, with
 * mutual TLS from the cluster's own OS CA (an Ed25519 server certificate for 127.0.0.1, client
 * certificates required and verified against the CA), so a client reaches it exactly as it reaches apid.
 */
public final class SimulatedTalosApiServer implements AutoCloseable {
    private final WireMockServer server;
    private final Path tlsDir;

    private SimulatedTalosApiServer(WireMockServer server, Path tlsDir) {
        this.server = server;
        this.tlsDir = tlsDir;
    }

    /** Starts the API of {@code node} on an ephemeral loopback port; calls are answered by {@code dispatcher}. */
    public static SimulatedTalosApiServer start(ApiNode node, TalosApiDispatcher dispatcher, SecretsBundle bundle) {
        Path dir;
        try {
            dir = Files.createTempDirectory("talos-rehearsal-apid-");
            AtomicFiles.setPermissions(dir, AtomicFiles.PRIVATE_DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Path keystore = dir.resolve("apid.p12");
        Path truststore = dir.resolve("os-ca.p12");
        OsCertificates.Issued serverCert = OsCertificates.server(bundle, node.hostname(), List.of("127.0.0.1"), List.of("localhost", node.hostname()));
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("apid", serverCert.privateKey(), password.toCharArray(),
                    new Certificate[] {serverCert.certificate(), bundle.os().certificate()});
            store(keys, keystore, password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("os-ca", bundle.os().certificate());
            store(trust, truststore, password);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot prepare TLS for the simulated node " + node.hostname(), e);
        }
        WireMockServer server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .httpDisabled(true)
                .httpsPort(0)
                .keystoreType("PKCS12").keystorePath(keystore.toString()).keystorePassword(password).keyManagerPassword(password)
                .needClientAuth(true)
                .trustStoreType("PKCS12").trustStorePath(truststore.toString()).trustStorePassword(password)
                .containerThreads(10)
                .jettyAcceptors(1)
                .disableRequestJournal()
                .extensions(new TalosGrpcServerFactory(), new TalosApiTransformer(node, dispatcher)));
        server.start();
        server.stubFor(post(urlPathMatching("/machine\\.MachineService/.*"))
                .willReturn(aResponse().withTransformers(TalosApiTransformer.NAME)));
        return new SimulatedTalosApiServer(server, dir);
    }

    private static void store(KeyStore keyStore, Path path, String password) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            keyStore.store(out, password.toCharArray());
        }
        AtomicFiles.setPermissions(path, AtomicFiles.PRIVATE_FILE);
    }

    public int port() {
        return server.httpsPort();
    }

    /** {@code 127.0.0.1:<port>}: an endpoint for a talosconfig. */
    public String endpoint() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop();
        try {
            DirectoryTrees.delete(tlsDir);
        } catch (UncheckedIOException ignored) {
            // temporary key material in a 0700 directory; the OS cleans temp eventually
        }
    }
}
