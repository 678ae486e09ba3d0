package dev.talosrehearsal.machineconfig.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.common.InputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsFileTest {
    private static SecretsBundle bundle;
    private static String text;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        bundle = TestBundles.fixture();
        text = SecretsFile.render(bundle);
    }

    @Test
    void writesTalhelperLayout() {
        assertThat(text.lines().toList()).startsWith(
                "cluster:",
                "  id: " + bundle.clusterId(),
                "  secret: " + bundle.clusterSecret(),
                "secrets:",
                "  bootstraptoken: " + bundle.bootstrapToken(),
                "  secretboxencryptionsecret: " + bundle.secretboxEncryptionSecret(),
                "trustdinfo:",
                "  token: " + bundle.trustdToken(),
                "certs:",
                "  etcd:");
        assertThat(text).contains("\n  k8sserviceaccount:\n    key: " + bundle.k8sServiceAccount().key() + "\n");
        assertThat(text).endsWith("  os:\n    crt: " + bundle.os().crt() + "\n    key: " + bundle.os().key() + "\n");
    }

    @Test
    void readOfWriteGivesTheSameBundleAndTheSameBytes() throws Exception {
        Path file = dir.resolve("talsecret.yaml");
        SecretsFile.write(file, bundle);
        SecretsBundle read = SecretsFile.read(file);
        assertThat(read).isEqualTo(bundle);
        assertThat(SecretsFile.render(read)).isEqualTo(Files.readString(file));
    }

    @Test
    void writtenFileIsOwnerOnly() throws Exception {
        Path file = dir.resolve("talsecret.yaml");
        SecretsFile.write(file, bundle);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void readsTalosctlStyleFourSpaceIndentationAndComments() {
        String talosctl = "# from talosctl gen secrets\n" + text.replace("\n    ", "\n        ").replace("\n  ", "\n    ");
        assertThat(SecretsFile.parse(talosctl, "secrets.yaml")).isEqualTo(bundle);
    }

    @Test
    void tokenThatLooksLikeANumberSurvivesTheRoundTrip() {
        SecretsBundle numeric = new SecretsBundle(bundle.clusterId(), bundle.clusterSecret(), "123456.0000000000000001",
                bundle.secretboxEncryptionSecret(), "000000.1234567890123456", bundle.etcd(), bundle.k8s(),
                bundle.k8sAggregator(), bundle.k8sServiceAccount(), bundle.os());
        String rendered = SecretsFile.render(numeric);
        assertThat(rendered).contains("bootstraptoken: \"123456.0000000000000001\"");
        assertThat(SecretsFile.parse(rendered, "t.yaml")).isEqualTo(numeric);
    }

    @Test
    void acceptsServiceAccountKeysFromOlderTalos() {
        // Talos < 1.7 made an ECDSA P-256 service-account key.
        String older = text.replace("    key: " + bundle.k8sServiceAccount().key(), "    key: " + bundle.etcd().key());
        assertThat(SecretsFile.parse(older, "t.yaml").k8sServiceAccount().key()).isEqualTo(bundle.etcd().key());
    }

    // ------------------------------------------------------------------ bad input
    // Line numbers refer to the rendered layout: 2 cluster.id, 5 bootstraptoken, 8 trustd token,
    // 11/12 certs.etcd.crt/key, 14/15 k8s, 17/18 k8saggregator, 20 sa key, 22/23 certs.os.crt/key.

    @Test
    void missingFile() {
        Path file = dir.resolve("talsecret.yaml");
        assertThat(error(file)).isEqualTo(file + ": file not found");
    }

    @Test
    void notYaml() {
        assertBad(t -> replaceLine(t, 5, "  bootstraptoken: [unclosed"), 6, "not valid YAML");
        assertBad(t -> "just a string\n", 1, "expected a YAML mapping");
        assertBad(t -> "", 0, "file is empty");
    }

    @Test
    void missingKeys() {
        assertBad(t -> removeLine(t, 3), 1, "cluster.secret: missing");
        assertBad(t -> removeLine(t, 23), 21, "certs.os.key: missing");
        assertBad(t -> t.substring(0, t.indexOf("certs:")), 1, "certs: missing");
    }

    @Test
    void unknownAndDuplicateKeys() {
        assertBad(t -> insertLine(t, 3, "  extra: value"), 3, "cluster.extra: unknown key");
        assertBad(t -> insertLine(t, 23, "    pub: value"), 23, "certs.os.pub: unknown key");
        assertBad(t -> insertLine(t, 3, "  id: " + bundle.clusterSecret()), 3, "cluster.id: duplicate key");
        assertBad(t -> replaceLine(t, 6, "  aescbcencryptionsecret: " + bundle.secretboxEncryptionSecret()), 6,
                "secrets.aescbcencryptionsecret: AES-CBC encryption is from Talos < 1.3");
    }

    @Test
    void badBase64() {
        assertBad(t -> replaceLine(t, 2, "  id: not*base64*at*all"), 2, "cluster.id: not valid base64");
        assertBad(t -> replaceLine(t, 6, "  secretboxencryptionsecret: c2hvcnQ="), 6,
                "secrets.secretboxencryptionsecret: must be base64 of 32 bytes");
        assertBad(t -> replaceLine(t, 23, "    key: ab~" + bundle.os().key().substring(3)), 23,
                "certs.os.key: not valid base64");
    }

    @Test
    void badPem() {
        String notPem = Base64.getEncoder().encodeToString("hello world".getBytes(StandardCharsets.UTF_8));
        assertBad(t -> replaceLine(t, 23, "    key: " + notPem), 23,
                "certs.os.key: not a base64-encoded PEM private key");
        assertBad(t -> replaceLine(t, 22, "    crt: " + notPem), 22,
                "certs.os.crt: not a base64-encoded PEM certificate");
        // A key where a certificate belongs.
        assertBad(t -> replaceLine(t, 22, "    crt: " + bundle.os().key()), 22,
                "certs.os.crt: not a base64-encoded PEM certificate");
    }

    @Test
    void wrongKeyTypes() {
        assertBad(t -> replaceLine(t, 23, "    key: " + bundle.etcd().key()), 23,
                "certs.os.key: expected Ed25519 private key, found ECDSA P-256");
        assertBad(t -> replaceLine(t, 11, "    crt: " + bundle.os().crt()), 11,
                "certs.etcd.crt: expected a certificate for ECDSA P-256 key, found Ed25519");
        assertBad(t -> replaceLine(t, 20, "    key: " + bundle.os().key()), 20,
                "certs.k8sserviceaccount.key: expected ECDSA P-256 or RSA private key, found Ed25519");
    }

    @Test
    void certificateAndKeyThatDoNotBelongTogether() {
        assertBad(t -> replaceLine(t, 12, "    key: " + bundle.k8s().key()), 12,
                "certs.etcd.key: does not belong to the certificate in certs.etcd.crt");
    }

    @Test
    void malformedTokens() {
        assertBad(t -> replaceLine(t, 5, "  bootstraptoken: ABCDEF.0123456789abcdef"), 5,
                "secrets.bootstraptoken: not a token of the form [a-z0-9]{6}.[a-z0-9]{16}");
        assertBad(t -> replaceLine(t, 8, "  token: abcdef0123456789abcdef"), 8, "trustdinfo.token: not a token");
        assertBad(t -> replaceLine(t, 8, "  token:"), 8, "trustdinfo.token: must not be empty");
    }

    // ------------------------------------------------------------------ helpers

    /** Writes the mutated file, expects an InputException at {@code line} and no secret text in it. */
    private void assertBad(UnaryOperator<String> mutate, int line, String expected) {
        String bad = mutate.apply(text);
        Path file = dir.resolve("talsecret.yaml");
        try {
            Files.writeString(file, bad);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String message = error(file);
        String where = line > 0 ? file + ":" + line + ": " : file + ": ";
        assertThat(message).startsWith(where).contains(expected);
        for (String secret : secretsIn(bad)) {
            assertThat(message).as("message must not quote a value").doesNotContain(secret);
        }
    }

    private static String error(Path file) {
        InputException e = (InputException) org.assertj.core.api.Assertions.catchThrowable(() -> SecretsFile.read(file));
        assertThat(e).as("expected an InputException").isNotNull();
        assertThat(e.oneLine()).doesNotContain("\n");
        return e.oneLine();
    }

    /** Every value in the file (and its first characters) that could be secret. */
    private static List<String> secretsIn(String yaml) {
        List<String> out = new ArrayList<>();
        for (String line : yaml.lines().toList()) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                String value = line.substring(colon + 2).trim();
                if (value.length() >= 8) {
                    out.add(value.length() > 12 ? value.substring(value.length() - 12) : value);
                }
            }
        }
        for (String s : List.of(bundle.clusterId(), bundle.clusterSecret(), bundle.bootstrapToken(),
                bundle.trustdToken(), bundle.secretboxEncryptionSecret())) {
            out.add(s.substring(0, 8));
        }
        return out;
    }

    private static String replaceLine(String t, int line, String replacement) {
        List<String> lines = new ArrayList<>(t.lines().toList());
        lines.set(line - 1, replacement);
        return String.join("\n", lines) + "\n";
    }

    private static String removeLine(String t, int line) {
        List<String> lines = new ArrayList<>(t.lines().toList());
        lines.remove(line - 1);
        return String.join("\n", lines) + "\n";
    }

    private static String insertLine(String t, int line, String inserted) {
        List<String> lines = new ArrayList<>(t.lines().toList());
        lines.add(line - 1, inserted);
        return String.join("\n", lines) + "\n";
    }
}
