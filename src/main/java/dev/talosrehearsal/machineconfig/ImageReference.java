package dev.talosrehearsal.machineconfig;

import java.util.Optional;

/**
 * A container image reference split as OCI tooling splits it: a digest ({@code @sha256:…}) is not part of the name, and
 * the tag is what follows the last {@code :} after the last {@code /} of the name (so a registry's port,
 * {@code registry.lan:5000/installer}, is not a tag; {@code kubelet:v1.34.1@sha256:…} is tagged v1.34.1). One home for
 * reading a Talos installer image's release ({@link ClusterSide#releaseOf}), etcd's ({@link EtcdImage}), the simulated
 * kubelet's version, and whether two installer images differ in more than their tag (lint's installer-image-changed).
 */
public final class ImageReference {
    private ImageReference() {}

    /** {@code factory.talos.dev/installer/abc:v1.11.5} → {@code v1.11.5}; empty without a tag. */
    public static Optional<String> tag(String image) {
        String name = name(image);
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? Optional.of(name.substring(colon + 1)) : Optional.empty();
    }

    /** The reference without its tag (and digest): the repository (with the registry) it names. */
    public static String withoutTag(String image) {
        String name = name(image);
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
    }

    /** The reference without its digest. */
    private static String name(String image) {
        int at = image.indexOf('@');
        return at < 0 ? image : image.substring(0, at);
    }
}
