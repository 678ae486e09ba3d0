package dev.talosrehearsal.machineconfig.secrets;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A Talos cluster's secrets, field for field as talhelper's talsecret.yaml (and
 * {@code talosctl gen secrets}) holds them:
 *
 * <pre>
 * cluster:     {id, secret}                        base64 of 32 random bytes each
 * secrets:     {bootstraptoken, secretboxencryptionsecret}
 * trustdinfo:  {token}
 * certs:       {etcd, k8s, k8saggregator: ECDSA P-256 CAs; k8sserviceaccount: key only; os: Ed25519 CA}
 * </pre>
 *
 * <p>Values are kept as the strings the file holds (certificates and keys as base64 of PEM text) so
 * that a bundle read from disk is written back unchanged; {@link EncodedCertAndKey} decodes them to
 * PEM or JCA objects on demand. Content is validated by {@link SecretsFile} (with file and line) and
 * produced valid by {@link SecretsGenerator}; this record only refuses missing values.
 *
 * <p>{@link #toString()} names the fields but prints no secret: bundles end up in log lines and
 * assertion messages.
 */
public record SecretsBundle(
        String clusterId,
        String clusterSecret,
        String bootstrapToken,
        String secretboxEncryptionSecret,
        String trustdToken,
        EncodedCertAndKey etcd,
        EncodedCertAndKey k8s,
        EncodedCertAndKey k8sAggregator,
        EncodedCertAndKey k8sServiceAccount,
        EncodedCertAndKey os) {

    /** kubeadm bootstrap-token shape, also used by Talos for the trustd token. */
    public static final Pattern TOKEN = Pattern.compile("[a-z0-9]{6}\\.[a-z0-9]{16}");

    public SecretsBundle {
        requireText(clusterId, "cluster.id");
        requireText(clusterSecret, "cluster.secret");
        requireText(bootstrapToken, "secrets.bootstraptoken");
        requireText(secretboxEncryptionSecret, "secrets.secretboxencryptionsecret");
        requireText(trustdToken, "trustdinfo.token");
        requireCa(etcd, "certs.etcd");
        requireCa(k8s, "certs.k8s");
        requireCa(k8sAggregator, "certs.k8saggregator");
        Objects.requireNonNull(k8sServiceAccount, "certs.k8sserviceaccount");
        requireCa(os, "certs.os");
    }

    @Override
    public String toString() {
        return "SecretsBundle[cluster.id, cluster.secret, secrets.bootstraptoken, "
                + "secrets.secretboxencryptionsecret, trustdinfo.token, certs.{etcd,k8s,k8saggregator,"
                + "k8sserviceaccount,os}: <redacted>]";
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static void requireCa(EncodedCertAndKey entry, String field) {
        Objects.requireNonNull(entry, field);
        if (!entry.hasCertificate()) {
            throw new IllegalArgumentException(field + ".crt is required");
        }
    }
}
