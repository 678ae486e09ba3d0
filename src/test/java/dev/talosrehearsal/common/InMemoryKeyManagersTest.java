package dev.talosrehearsal.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.machineconfig.secrets.AdminCertificate;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import java.nio.file.Path;
import javax.net.ssl.X509KeyManager;
import org.junit.jupiter.api.Test;

/** The JDK's key managers hand out the key and chain given, as Talos's client certificate (Ed25519) needs them. */
class InMemoryKeyManagersTest {
    @Test
    void presentTheKeyAndItsChainForTheKeysOwnAlgorithmOnly() {
        SecretsBundle bundle = SecretsFile.read(Path.of("src/test/resources/secrets/test-talsecret.yaml"));
        AdminCertificate admin = AdminCertificate.derive(bundle, "homelab");

        X509KeyManager keys = (X509KeyManager) InMemoryKeyManagers.of(admin.privateKey(), admin.certificate(), bundle.os().certificate())
                .getKeyManagers()[0];

        String alias = keys.chooseClientAlias(new String[] {"EdDSA"}, null, null);
        assertThat(alias).isNotNull();
        assertThat(keys.getPrivateKey(alias)).isEqualTo(admin.privateKey());
        assertThat(keys.getCertificateChain(alias)).containsExactly(admin.certificate(), bundle.os().certificate());
        assertThat(keys.chooseClientAlias(new String[] {"RSA"}, null, null)).as("an RSA handshake finds no key").isNull();
    }
}
