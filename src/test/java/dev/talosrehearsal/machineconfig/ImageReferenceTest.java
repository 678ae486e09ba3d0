package dev.talosrehearsal.machineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Image references as OCI tooling reads them (the distribution reference grammar: {@code name[:tag][@digest]}, a name's
 * first component may carry a registry port): what the installer's release, etcd's version and the simulated kubelet's
 * version are read from.
 */
class ImageReferenceTest {
    @Test
    void theTagFollowsTheLastColonOfTheNameNotARegistrysPortNorADigest() {
        assertThat(ImageReference.tag("factory.talos.dev/installer/376567988ad3:v1.11.5")).contains("v1.11.5");
        assertThat(ImageReference.tag("registry.lan:5000/siderolabs/installer")).isEmpty();
        assertThat(ImageReference.tag("registry.lan:5000/siderolabs/kubelet:v1.34.1")).contains("v1.34.1");
        assertThat(ImageReference.tag("ghcr.io/siderolabs/kubelet:v1.34.1@sha256:0123456789abcdef")).contains("v1.34.1");
        assertThat(ImageReference.tag("gcr.io/etcd-development/etcd@sha256:0123456789abcdef")).isEmpty();
    }

    @Test
    void withoutTagIsTheRepositoryWithItsRegistry() {
        assertThat(ImageReference.withoutTag("registry.lan:5000/siderolabs/installer:v1.13.9")).isEqualTo("registry.lan:5000/siderolabs/installer");
        assertThat(ImageReference.withoutTag("registry.lan:5000/siderolabs/installer")).isEqualTo("registry.lan:5000/siderolabs/installer");
        assertThat(ImageReference.withoutTag("ghcr.io/siderolabs/installer:v1.13.9@sha256:0123456789abcdef")).isEqualTo("ghcr.io/siderolabs/installer");
    }
}
