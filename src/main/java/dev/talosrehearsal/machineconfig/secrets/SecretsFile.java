package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.YamlNodes;
import dev.talosrehearsal.common.InputLimits;
import dev.talosrehearsal.common.InputFiles;
import dev.talosrehearsal.common.GoYamlScalars;

import dev.talosrehearsal.common.Pem;
import dev.talosrehearsal.common.PemFormatException;
import dev.talosrehearsal.common.KeyKind;

import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.common.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * talsecret.yaml: the secrets bundle file written by {@code talhelper gensecret} (and, with 4-space
 * indentation, by {@code talosctl gen secrets}).
 *
 * <p>Reading validates everything the generator relies on and reports the first problem as an
 * {@link InputException} {@code file:line: field: problem}: a broken secrets file must be caught
 * here, not by a node refusing its config. Messages name fields, never values.
 *
 * <p>Accepted key types: os = Ed25519; etcd, k8s, k8saggregator = ECDSA P-256;
 * k8sserviceaccount = RSA (Talos ≥ 1.7) or ECDSA P-256 (bundles from older Talos).
 * {@code secrets.aescbcencryptionsecret} (Talos < 1.3 bundles) is refused with an explanation.
 */
public final class SecretsFile {
    private static final Set<String> TOP = ordered("cluster", "secrets", "trustdinfo", "certs");
    private static final Set<String> CLUSTER = ordered("id", "secret");
    private static final Set<String> SECRETS = ordered("bootstraptoken", "secretboxencryptionsecret");
    private static final Set<String> TRUSTD = ordered("token");
    private static final Set<String> CERTS = ordered("etcd", "k8s", "k8saggregator", "k8sserviceaccount", "os");
    private static final Set<String> CERT_AND_KEY = ordered("crt", "key");
    private static final Set<String> KEY_ONLY = ordered("key");

    private SecretsFile() {}

    /** Reads and validates {@code path}; every problem is an {@link InputException} naming the file. */
    public static SecretsBundle read(Path path) {
        String name = path.toString();
        // Strict decoding: a binary file should be named as such, not parsed as mojibake.
        return parse(InputFiles.read(path), name);
    }

    /** Parses and validates talsecret.yaml text; {@code fileName} is used in error messages. */
    public static SecretsBundle parse(String text, String fileName) {
        MarkedMapping root = MarkedMapping.root(fileName, compose(text, fileName));
        root.allowOnly(TOP);

        MarkedMapping cluster = root.mapping("cluster");
        cluster.allowOnly(CLUSTER);
        String clusterId = base64Value(cluster.scalar("id"), cluster, -1);
        String clusterSecret = base64Value(cluster.scalar("secret"), cluster, -1);

        MarkedMapping secrets = root.mapping("secrets");
        if (secrets.has("aescbcencryptionsecret")) {
            throw secrets.error(secrets.keyLine("aescbcencryptionsecret"), secrets.field("aescbcencryptionsecret"),
                    "AES-CBC encryption is from Talos < 1.3 bundles and is not supported; "
                            + "use secretboxencryptionsecret (base64 of 32 random bytes)");
        }
        secrets.allowOnly(SECRETS);
        String bootstrapToken = token(secrets.scalar("bootstraptoken"), secrets);
        String secretbox = base64Value(secrets.scalar("secretboxencryptionsecret"), secrets, 32);

        MarkedMapping trustd = root.mapping("trustdinfo");
        trustd.allowOnly(TRUSTD);
        String trustdToken = token(trustd.scalar("token"), trustd);

        MarkedMapping certs = root.mapping("certs");
        certs.allowOnly(CERTS);
        EncodedCertAndKey etcd = ca(certs, "etcd", EnumSet.of(KeyKind.ECDSA_P256));
        EncodedCertAndKey k8s = ca(certs, "k8s", EnumSet.of(KeyKind.ECDSA_P256));
        EncodedCertAndKey aggregator = ca(certs, "k8saggregator", EnumSet.of(KeyKind.ECDSA_P256));
        MarkedMapping sa = certs.mapping("k8sserviceaccount");
        sa.allowOnly(KEY_ONLY);
        MarkedMapping.Scalar saKey = sa.scalar("key");
        privateKey(saKey, sa, EnumSet.of(KeyKind.RSA, KeyKind.ECDSA_P256));
        EncodedCertAndKey os = ca(certs, "os", EnumSet.of(KeyKind.ED25519));

        return new SecretsBundle(clusterId, clusterSecret, bootstrapToken, secretbox, trustdToken,
                etcd, k8s, aggregator, new EncodedCertAndKey(null, saKey.value()), os);
    }

    /** talhelper's layout: lowercase keys, 2-space indentation, values as stored in the bundle. */
    public static String render(SecretsBundle bundle) {
        StringBuilder sb = new StringBuilder(12_000);
        sb.append("cluster:\n");
        entry(sb, 1, "id", bundle.clusterId());
        entry(sb, 1, "secret", bundle.clusterSecret());
        sb.append("secrets:\n");
        entry(sb, 1, "bootstraptoken", bundle.bootstrapToken());
        entry(sb, 1, "secretboxencryptionsecret", bundle.secretboxEncryptionSecret());
        sb.append("trustdinfo:\n");
        entry(sb, 1, "token", bundle.trustdToken());
        sb.append("certs:\n");
        certAndKey(sb, "etcd", bundle.etcd());
        certAndKey(sb, "k8s", bundle.k8s());
        certAndKey(sb, "k8saggregator", bundle.k8sAggregator());
        sb.append("  k8sserviceaccount:\n");
        entry(sb, 2, "key", bundle.k8sServiceAccount().key());
        certAndKey(sb, "os", bundle.os());
        return sb.toString();
    }

    /** Writes {@link #render} atomically with mode 0600: the file holds every cluster secret. */
    public static void write(Path path, SecretsBundle bundle) {
        AtomicFiles.writePrivate(path, render(bundle));
    }

    // ---------------------------------------------------------------- reading helpers

    private static Node compose(String text, String fileName) {
        Optional<Node> node;
        try {
            node = YamlNodes.composeOne(InputLimits.yamlSettings(fileName).build(), text);
        } catch (MarkedYamlEngineException e) {
            // getProblem() only, not getMessage(): the latter quotes a snippet of the file.
            int line = e.getProblemMark().or(e::getContextMark).map(m -> m.getLine() + 1).orElse(0);
            throw new InputException(fileName, line, "not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new InputException(fileName, YamlNodes.lineOf(e, text), "not valid YAML: " + YamlNodes.problem(e));
        }
        return node.orElseThrow(() -> new InputException(fileName, 0, "file is empty"));
    }

    private static String token(MarkedMapping.Scalar s, MarkedMapping in) {
        if (!SecretsBundle.TOKEN.matcher(s.value()).matches()) {
            throw in.error(s.line(), s.field(), "not a token of the form [a-z0-9]{6}.[a-z0-9]{16}");
        }
        return s.value();
    }

    /** Standard base64 (or, for ids from older Talos, URL-safe); {@code bytes} > 0 demands that length. */
    private static String base64Value(MarkedMapping.Scalar s, MarkedMapping in, int bytes) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(s.value());
        } catch (IllegalArgumentException e) {
            try {
                decoded = Base64.getUrlDecoder().decode(s.value());
            } catch (IllegalArgumentException e2) {
                throw in.error(s.line(), s.field(), "not valid base64");
            }
        }
        if (bytes > 0 && decoded.length != bytes) {
            throw in.error(s.line(), s.field(), "must be base64 of " + bytes + " bytes, found " + decoded.length);
        }
        if (decoded.length == 0) {
            throw in.error(s.line(), s.field(), "decodes to nothing");
        }
        return s.value();
    }

    private static EncodedCertAndKey ca(MarkedMapping certs, String name, Set<KeyKind> kinds) {
        MarkedMapping m = certs.mapping(name);
        m.allowOnly(CERT_AND_KEY);
        MarkedMapping.Scalar crt = m.scalar("crt");
        MarkedMapping.Scalar key = m.scalar("key");
        CertificateInfo certificate = certificate(crt, m, kinds);
        PrivateKey privateKey = privateKey(key, m, kinds);
        if (!KeyMatch.belongTogether(privateKey, certificate.publicKey())) {
            throw m.error(key.line(), key.field(), "does not belong to the certificate in " + crt.field());
        }
        return new EncodedCertAndKey(crt.value(), key.value());
    }

    private static CertificateInfo certificate(MarkedMapping.Scalar s, MarkedMapping in, Set<KeyKind> kinds) {
        String pem = pemText(s, in);
        CertificateInfo certificate;
        PublicKey publicKey;
        try {
            certificate = CertificateInfo.readPem(pem);
            publicKey = certificate.publicKey();
        } catch (IllegalArgumentException e) { // PemFormatException, or an unsupported public key
            throw in.error(s.line(), s.field(), "not a base64-encoded PEM certificate");
        }
        KeyKind kind = KeyKind.of(publicKey);
        if (!kinds.contains(kind)) {
            throw in.error(s.line(), s.field(), "expected a certificate for " + describe(kinds)
                    + " key, found " + KeyKind.describe(publicKey));
        }
        if (!certificate.ca()) {
            throw in.error(s.line(), s.field(), "not a CA certificate");
        }
        return certificate;
    }

    private static PrivateKey privateKey(MarkedMapping.Scalar s, MarkedMapping in, Set<KeyKind> kinds) {
        String pem = pemText(s, in);
        PrivateKey key;
        try {
            key = Pem.readPrivateKey(pem);
        } catch (PemFormatException e) {
            throw in.error(s.line(), s.field(), "not a base64-encoded PEM private key");
        }
        if (!kinds.contains(KeyKind.of(key))) {
            throw in.error(s.line(), s.field(), "expected " + describe(kinds) + " private key, found "
                    + KeyKind.describe(key));
        }
        return key;
    }

    private static String pemText(MarkedMapping.Scalar s, MarkedMapping in) {
        try {
            return EncodedCertAndKey.unb64(s.value());
        } catch (PemFormatException e) {
            throw in.error(s.line(), s.field(), "not valid base64 (expected base64 of PEM text)");
        }
    }

    private static String describe(Set<KeyKind> kinds) {
        return String.join(" or ", kinds.stream().map(KeyKind::description).toList());
    }

    // ---------------------------------------------------------------- writing helpers

    private static void certAndKey(StringBuilder sb, String name, EncodedCertAndKey entry) {
        sb.append("  ").append(name).append(":\n");
        entry(sb, 2, "crt", entry.crt());
        entry(sb, 2, "key", entry.key());
    }

    private static void entry(StringBuilder sb, int depth, String key, String value) {
        sb.append("  ".repeat(depth)).append(key).append(": ").append(GoYamlScalars.scalar(value)).append('\n');
    }

    private static Set<String> ordered(String... keys) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(List.of(keys)));
    }
}
