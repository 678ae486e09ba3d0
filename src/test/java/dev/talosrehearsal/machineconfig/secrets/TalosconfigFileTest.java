package dev.talosrehearsal.machineconfig.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class TalosconfigFileTest {
    private static SecretsBundle bundle;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        bundle = TestBundles.fixture();
    }

    @Test
    void parsesBackWithContextEndpointsNodesAndCredentials() {
        String yaml = TalosconfigFile.render("homelab", List.of("10.0.0.1", "10.0.0.2"),
                List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), bundle);
        Map<String, Object> root = load(yaml);
        assertThat(root).containsEntry("context", "homelab");
        Map<String, Object> ctx = context(root, "homelab");
        assertThat(ctx.get("endpoints")).isEqualTo(List.of("10.0.0.1", "10.0.0.2"));
        assertThat(ctx.get("nodes")).isEqualTo(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"));
        assertThat(ctx.get("ca")).isEqualTo(bundle.os().crt());

        AdminCertificate admin = AdminCertificate.derive(bundle, "homelab");
        assertThat(decode(ctx.get("crt"))).isEqualTo(admin.certificatePem());
        assertThat(decode(ctx.get("key"))).isEqualTo(admin.privateKeyPem()).startsWith("-----BEGIN ED25519 PRIVATE KEY-----");
    }

    @Test
    void looksLikeTalosctlOutput() {
        String yaml = TalosconfigFile.render("homelab", List.of("10.0.0.1"), List.of("10.0.0.1"), bundle);
        assertThat(yaml).startsWith("""
                context: homelab
                contexts:
                    homelab:
                        endpoints:
                            - 10.0.0.1
                        nodes:
                            - 10.0.0.1
                        ca:\s""");
    }

    @Test
    void outputIsDeterministic() {
        List<String> eps = List.of("cp1.example.org");
        assertThat(TalosconfigFile.render("c", eps, eps, bundle)).isEqualTo(TalosconfigFile.render("c", eps, eps, bundle));
    }

    @Test
    void awkwardNamesAndAddressesStayStrings() {
        String yaml = TalosconfigFile.render("yes", List.of("fd00::1", "1.5"), List.of(), bundle);
        Map<String, Object> root = load(yaml);
        assertThat(root).containsEntry("context", "yes");
        Map<String, Object> ctx = context(root, "yes");
        assertThat(ctx.get("endpoints")).isEqualTo(List.of("fd00::1", "1.5"));
        assertThat(ctx.get("nodes")).isEqualTo(List.of());
    }

    @Test
    void writtenFileIsOwnerOnly() throws Exception {
        Path file = dir.resolve("clusterconfig/talosconfig");
        TalosconfigFile.write(file, "homelab", List.of("10.0.0.1"), List.of("10.0.0.1"), bundle);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String yaml) {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> context(Map<String, Object> root, String name) {
        return (Map<String, Object>) ((Map<String, Object>) root.get("contexts")).get(name);
    }

    private static String decode(Object b64) {
        return new String(Base64.getDecoder().decode((String) b64), StandardCharsets.UTF_8);
    }
}
