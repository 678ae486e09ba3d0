package dev.talosrehearsal.machineconfig;

import java.util.Optional;

/**
 * A container image reference split as OCI tooling splits it: the tag is what follows the last {@code :} after the last
 * {@code /} (so a registry's port, {@code registry.lan:5000/installer}, is not a tag). One home for reading a Talos
 * installer image's release ({@link ClusterSide#releaseOf}), etcd's ({@link EtcdImage}) and whether two installer
 * images differ in more than their tag (lint's installer-image-changed).
 */
public final class ImageReference {
    private ImageReference() {}

    /** {@code factory.talos.dev/installer/abc:v1.11.5} → {@code v1.11.5}; empty without a tag. */
    public static Optional<String> tag(String image) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? Optional.of(image.substring(colon + 1)) : Optional.empty();
    }

    /** The reference without its tag: the repository (with the registry) it names. */
    public static String withoutTag(String image) {
        int colon = image.lastIndexOf(':');
        return colon > image.lastIndexOf('/') ? image.substring(0, colon) : image;
    }
}
