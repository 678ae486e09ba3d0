package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.secrets.EncodedCertAndKey;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import java.util.Optional;

/**
 * The secrets bundle a control plane's machine config holds, as {@code talosctl gen secrets --from-controlplane-config}
 * and talhelper's {@code gensecret --from-configfile} derive it (talos pkg/machinery/config/generate/secrets/bundle.go,
 * {@code NewBundleFromConfig}, v1.13.0): cluster id and secret, the bootstrap token ({@code cluster.token}), the
 * secretbox key, the trustd token ({@code machine.token}), and the CAs with their keys — Kubernetes
 * ({@code cluster.ca}), aggregator, service-account key, etcd ({@code cluster.etcd.ca}) and OS ({@code machine.ca}).
 * A config rendered from the bundle gives the same bundle back, so a talconfig renders with the cluster's own keys.
 *
 * <p>Talos v1.14's generator moves most of them into their own documents (DiscoveryIdentityConfig,
 * KubeAPIServerCAConfig, KubeAggregatorCAConfig, KubeServiceAccountConfig, KubeEtcdEncryptionConfig, as PEM text): a
 * document, when present, is read first, as Talos reads it. Only a control plane holds the CA keys; a worker's config
 * is refused. Messages name fields, never values.
 */
public final class SecretsFromConfig {
    private SecretsFromConfig() {}

    /** The bundle in {@code config}, a control plane's; {@code file} names it in errors. */
    public static SecretsBundle derive(MachineConfig config, String file) {
        if (!"controlplane".equals(config.at("/machine/type").asText())) {
            throw new InputException(file, 0, "machine.type: a worker's config holds no CA keys; the secrets come from a control plane's");
        }
        String clusterId = document(config, "DiscoveryIdentityConfig", "/clusterID").orElseGet(() -> text(config, "/cluster/id", file));
        String clusterSecret = document(config, "DiscoveryIdentityConfig", "/clusterSecret")
                .orElseGet(() -> text(config, "/cluster/secret", file));
        Optional<String> secretbox = document(config, "KubeEtcdEncryptionConfig", "/config/resources/0/providers/0/secretbox/keys/0/secret")
                .or(() -> optional(config.at("/cluster/secretboxEncryptionSecret")));
        if (secretbox.isEmpty()) {
            throw new InputException(file, 0, config.at("/cluster/aescbcEncryptionSecret").isMissingNode()
                    ? "cluster.secretboxEncryptionSecret: missing"
                    : "cluster.aescbcEncryptionSecret: AES-CBC encryption is from Talos < 1.3 clusters and a secrets bundle here"
                            + " holds a secretbox key only; this cluster's bundle cannot be written");
        }
        EncodedCertAndKey k8s = pemDocument(config, "KubeAPIServerCAConfig", "/issuingCA")
                .orElseGet(() -> pair(config, "/cluster/ca", file));
        EncodedCertAndKey aggregator = pemDocument(config, "KubeAggregatorCAConfig", "/issuingCA")
                .orElseGet(() -> pair(config, "/cluster/aggregatorCA", file));
        EncodedCertAndKey serviceAccount = document(config, "KubeServiceAccountConfig", "/issuer/privateKey")
                .map(EncodedCertAndKey::keyOnlyPem)
                .orElseGet(() -> new EncodedCertAndKey(null, text(config, "/cluster/serviceAccount/key", file)));
        SecretsBundle bundle = new SecretsBundle(clusterId, clusterSecret, text(config, "/cluster/token", file), secretbox.get(),
                text(config, "/machine/token", file), pair(config, "/cluster/etcd/ca", file), k8s, aggregator, serviceAccount,
                pair(config, "/machine/ca", file));
        // the same checks a talsecret.yaml gets (key types, keys belonging to their certificates), reported at the config
        try {
            return SecretsFile.parse(SecretsFile.render(bundle), file);
        } catch (InputException e) {
            throw new InputException(file, 0, "the secrets it holds do not make a bundle: " + e.getMessage());
        }
    }

    private static String text(MachineConfig config, String pointer, String file) {
        return optional(config.at(pointer)).orElseThrow(() -> new InputException(file, 0, dotted(pointer) + ": missing"));
    }

    private static EncodedCertAndKey pair(MachineConfig config, String pointer, String file) {
        return new EncodedCertAndKey(text(config, pointer + "/crt", file), text(config, pointer + "/key", file));
    }

    private static Optional<String> optional(JsonNode value) {
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static Optional<String> document(MachineConfig config, String kind, String pointer) {
        return config.documents(kind).stream().map(d -> d.at(pointer)).flatMap(v -> optional(v).stream()).findFirst();
    }

    /** A CA kept as PEM text in its own document ({@code cert}, {@code key}), encoded as the bundle keeps it. */
    private static Optional<EncodedCertAndKey> pemDocument(MachineConfig config, String kind, String pointer) {
        Optional<String> cert = document(config, kind, pointer + "/cert");
        Optional<String> key = document(config, kind, pointer + "/key");
        return cert.isPresent() && key.isPresent() ? Optional.of(EncodedCertAndKey.ofPem(cert.get(), key.get())) : Optional.empty();
    }

    private static String dotted(String pointer) {
        return pointer.substring(1).replace('/', '.');
    }
}
