package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.machineconfig.secrets.OsCertificates;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Homelab;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 10: an endpoint whose Talos API certificate does not name it (the cluster's CA, but only the name
 * talos-elsewhere) reached the user as "UNAVAILABLE: io exception Channel Pipeline: [SslHandler#0, …]". Now it is one
 * line naming the endpoint, the names the certificate has, and what to do.
 */
class TalosTlsNameTest {
    @TempDir
    Path dir;
    SSLServerSocket server;
    Thread acceptor;

    /** A TLS listener on 127.0.0.1 with a certificate from the homelab's OS CA for the name talos-elsewhere only. */
    @BeforeEach
    void listen() throws Exception {
        SecretsBundle secrets = Homelab.secrets();
        OsCertificates.Issued cert = OsCertificates.server(secrets, "homelab", List.of(), List.of("talos-elsewhere"));
        char[] password = "test-only".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("apid", cert.privateKey(), password, new Certificate[] {cert.certificate(), secrets.os().certificate()});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(factory.getKeyManagers(), null, null);
        server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.startHandshake();
                } catch (IOException expected) {
                    // the client refuses the certificate: the handshake fails, which is the point
                }
            }
        }, "tls-name-test");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void anEndpointTheCertificateDoesNotNameIsOneClearLine() throws IOException {
        Path talosconfig = Files.writeString(dir.resolve("talosconfig"), Homelab.rendered("before").talosconfigFile(Homelab.secrets()));

        CliRun run = CliRun.of("talos", "version", "--talosconfig", talosconfig.toString(), "-e", "127.0.0.1:" + server.getLocalPort(),
                "--timeout", "5");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).as(run.toString())
                .contains(": UNAVAILABLE: TLS: the Talos API certificate of endpoint 127.0.0.1 does not name '127.0.0.1'"
                        + " (the certificate names: talos-elsewhere); the endpoint must be one of the certificate's names (SANs):"
                        + " use the endpoint names of the talosconfig, or add this name to the nodes' machine.certSANs")
                .doesNotContain("Channel Pipeline").doesNotContain("io exception");
    }
}
