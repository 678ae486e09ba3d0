package dev.talosrehearsal.machineconfig.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A secrets file's CA keys are checked against their certificates at every read; the pairs once proven are remembered. */
class KeyMatchTest {
    private final SecretsBundle bundle = TestBundles.fixture();
    private final SecretsBundle another = TestBundles.another();

    @Test
    void aKeyBelongsToItsOwnCertificateEveryTimeItIsAsked() {
        for (int i = 0; i < 2; i++) {
            assertThat(KeyMatch.belongTogether(bundle.os().privateKey(), bundle.os().certificate().getPublicKey())).isTrue();
            assertThat(KeyMatch.belongTogether(bundle.etcd().privateKey(), bundle.etcd().certificate().getPublicKey())).isTrue();
        }
    }

    @Test
    void aRememberedPairProvesNothingAboutAnotherKeyOfTheSameKind() {
        assertThat(KeyMatch.belongTogether(bundle.etcd().privateKey(), bundle.etcd().certificate().getPublicKey())).isTrue();
        assertThat(KeyMatch.belongTogether(another.etcd().privateKey(), bundle.etcd().certificate().getPublicKey())).isFalse();
        assertThat(KeyMatch.belongTogether(bundle.etcd().privateKey(), another.etcd().certificate().getPublicKey())).isFalse();
        assertThat(KeyMatch.belongTogether(bundle.k8s().privateKey(), bundle.etcd().certificate().getPublicKey())).isFalse();
        assertThat(KeyMatch.belongTogether(bundle.os().privateKey(), bundle.etcd().certificate().getPublicKey())).as("another kind").isFalse();
    }
}
