package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.KeyKind;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdminCertificateTest {
    private static SecretsBundle bundle;
    private static AdminCertificate admin;

    @BeforeAll
    static void generate() {
        bundle = TestBundles.fixture();
        admin = AdminCertificate.derive(bundle, "homelab");
    }

    @Test
    void isSignedByTheOsCa() throws Exception {
        X509Certificate ca = bundle.os().certificate();
        admin.certificate().verify(ca.getPublicKey());
        assertThat(admin.certificate().getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    }

    @Test
    void carriesTheAdminRoleAndOnlyClientAuth() throws Exception {
        X509Certificate cert = admin.certificate();
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("O=os:admin"); // no CN, like talosctl
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(cert.getCriticalExtensionOIDs()).containsExactly("2.5.29.15");
    }

    @Test
    void isEd25519WithTalosKeyLabelAndMatchingKey() {
        assertThat(KeyKind.of(admin.privateKey())).isEqualTo(KeyKind.ED25519);
        assertThat(admin.privateKeyPem()).startsWith("-----BEGIN ED25519 PRIVATE KEY-----\n");
        assertThat(KeyMatch.belongTogether(admin.privateKey(), admin.certificate().getPublicKey())).isTrue();
        assertThat(admin.certificate().getSigAlgName()).isEqualToIgnoringCase("Ed25519");
    }

    @Test
    void isValidAsLongAsTheCa() {
        X509Certificate ca = bundle.os().certificate();
        assertThat(admin.certificate().getNotBefore()).isEqualTo(ca.getNotBefore());
        assertThat(admin.certificate().getNotAfter()).isEqualTo(ca.getNotAfter());
    }

    @Test
    void sameBundleAndClusterGiveByteIdenticalCertificateAndKey() throws Exception {
        AdminCertificate again = AdminCertificate.derive(bundle, "homelab");
        assertThat(again.certificate().getEncoded()).isEqualTo(admin.certificate().getEncoded());
        assertThat(again.privateKeyPem()).isEqualTo(admin.privateKeyPem());
        // Also after the bundle has been written and read back.
        SecretsBundle reread = SecretsFile.parse(SecretsFile.render(bundle), "t.yaml");
        assertThat(AdminCertificate.derive(reread, "homelab").certificatePem()).isEqualTo(admin.certificatePem());
    }

    @Test
    void anotherClusterNameGivesAnotherKeyAndSerial() {
        AdminCertificate other = AdminCertificate.derive(bundle, "homelab-2");
        assertThat(other.privateKeyPem()).isNotEqualTo(admin.privateKeyPem());
        assertThat(other.certificate().getSerialNumber()).isNotEqualTo(admin.certificate().getSerialNumber());
    }

    @Test
    void anotherBundleGivesAnotherKey() {
        SecretsBundle second = TestBundles.another();
        assertThat(AdminCertificate.derive(second, "homelab").privateKeyPem()).isNotEqualTo(admin.privateKeyPem());
    }

    @Test
    void serialIsPositiveAndAtMost128Bits() {
        assertThat(admin.certificate().getSerialNumber().signum()).isPositive();
        assertThat(admin.certificate().getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
    }

    @Test
    void toStringHidesTheKey() {
        assertThat(admin.toString()).contains("os:admin").contains("redacted");
        for (String line : List.of(admin.privateKeyPem().split("\n"))) {
            assertThat(admin.toString()).doesNotContain(line);
        }
    }
}
