package dev.talosrehearsal.sim.talosapi;

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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The simulated apids' TLS material, made once per cluster: a server certificate from the cluster's OS CA
 * (Ed25519, as Talos) for 127.0.0.1 and every endpoint's hostname, and the CA as the trust store for client
 * certificates. WireMock reads both from files, so they are written as PKCS12 into a private temporary directory.
 *
 * <p>Once per cluster, not per node: sealing a PKCS12 store (PBKDF2) and issuing a certificate were a third of a
 * cluster's start-up in the profile (docs/benchmarks.md).
 */
final class ApidTls implements AutoCloseable {
    private final Path dir;
    private final String password;

    private ApidTls(Path dir, String password) {
        this.dir = dir;
        this.password = password;
    }

    static ApidTls create(SecretsBundle bundle, String clusterName, List<String> endpointHostnames) {
        Path dir;
        try {
            dir = Files.createTempDirectory("talos-rehearsal-apid-");
            AtomicFiles.setPermissions(dir, AtomicFiles.PRIVATE_DIR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        List<String> names = new ArrayList<>(List.of("localhost"));
        names.addAll(endpointHostnames);
        OsCertificates.Issued serverCert = OsCertificates.server(bundle, clusterName, List.of("127.0.0.1"), names);
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("apid", serverCert.privateKey(), password.toCharArray(),
                    new Certificate[] {serverCert.certificate(), bundle.os().certificate()});
            store(keys, dir.resolve("apid.p12"), password);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("os-ca", bundle.os().certificate());
            store(trust, dir.resolve("os-ca.p12"), password);
        } catch (GeneralSecurityException | IOException e) {
            DirectoryTrees.delete(dir);
            throw new IllegalStateException("cannot prepare TLS for the simulated Talos API of " + clusterName, e);
        }
        return new ApidTls(dir, password);
    }

    private static void store(KeyStore keyStore, Path path, String password) throws GeneralSecurityException, IOException {
        try (OutputStream out = Files.newOutputStream(path)) {
            keyStore.store(out, password.toCharArray());
        }
        AtomicFiles.setPermissions(path, AtomicFiles.PRIVATE_FILE);
    }

    Path keystore() {
        return dir.resolve("apid.p12");
    }

    Path truststore() {
        return dir.resolve("os-ca.p12");
    }

    /** The stores' password: random, never logged. */
    String password() {
        return password;
    }

    @Override
    public void close() {
        try {
            DirectoryTrees.delete(dir);
        } catch (UncheckedIOException ignored) {
            // temporary key material in a 0700 directory; the OS cleans temp eventually
        }
    }
}
