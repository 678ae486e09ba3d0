package dev.talosrehearsal.machineconfig.secrets;

import dev.talosrehearsal.common.KeyKind;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A bundle as {@code gensecret} writes it (TestBundles.generated: the command in a JVM of its own, the file read back). */
class SecretsGeneratorTest {
    private static TestBundles.Generated generated;
    private static SecretsBundle bundle;

    @BeforeAll
    static void generate() {
        generated = TestBundles.generated();
        bundle = generated.bundle();
    }

    @Test
    void osCaIsEd25519WithTalosLabelAndSubject() {
        assertThat(KeyKind.of(bundle.os().privateKey())).isEqualTo(KeyKind.ED25519);
        assertThat(bundle.os().privateKeyPem()).startsWith("-----BEGIN ED25519 PRIVATE KEY-----\n");
        X509Certificate ca = bundle.os().certificate();
        assertThat(KeyKind.of(ca.getPublicKey())).isEqualTo(KeyKind.ED25519);
        assertThat(ca.getSigAlgName()).isEqualToIgnoringCase("Ed25519");
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("O=talos");
    }

    @Test
    void kubernetesAndEtcdCasAreEcdsaP256WithTalosSubjects() {
        assertThat(bundle.etcd().certificate().getSubjectX500Principal().getName()).isEqualTo("O=etcd");
        assertThat(bundle.k8s().certificate().getSubjectX500Principal().getName()).isEqualTo("O=kubernetes");
        // Talos's aggregator CA has an empty subject and issuer (CommonName is ignored for CAs).
        assertThat(bundle.k8sAggregator().certificateInfo().subject().getRDNs()).isEmpty();
        assertThat(bundle.k8sAggregator().certificateInfo().issuer().getRDNs()).isEmpty();
        for (EncodedCertAndKey ca : List.of(bundle.etcd(), bundle.k8s(), bundle.k8sAggregator())) {
            assertThat(KeyKind.of(ca.privateKey())).isEqualTo(KeyKind.ECDSA_P256);
            assertThat(KeyKind.of(ca.certificateInfo().publicKey())).isEqualTo(KeyKind.ECDSA_P256);
            assertThat(ca.privateKeyPem()).startsWith("-----BEGIN EC PRIVATE KEY-----\n");
            assertThat(ca.certificateInfo().signatureAlgorithm().getAlgorithm().getId())
                    .as("ecdsa-with-SHA256").isEqualTo("1.2.840.10045.4.3.2");
        }
    }

    @Test
    void serviceAccountKeyIsRsa4096Pkcs1() {
        assertThat(bundle.k8sServiceAccount().hasCertificate()).isFalse();
        assertThat(bundle.k8sServiceAccount().privateKeyPem()).startsWith("-----BEGIN RSA PRIVATE KEY-----\n");
        RSAPrivateKey key = (RSAPrivateKey) bundle.k8sServiceAccount().privateKey();
        assertThat(key.getModulus().bitLength()).isEqualTo(4096);
    }

    /** lint without a secrets file and bench render with one: everything but the service-account key as above, and a new one each time. */
    @Test
    void aThrowawayBundleHasAnEcdsaServiceAccountKeyAndCasOfItsOwn() {
        SecretsBundle throwaway = TestBundles.another();
        assertThat(KeyKind.of(throwaway.k8sServiceAccount().privateKey())).isEqualTo(KeyKind.ECDSA_P256);
        assertThat(throwaway.k8sServiceAccount().privateKeyPem()).startsWith("-----BEGIN EC PRIVATE KEY-----\n");
        assertThat(throwaway.k8sServiceAccount().hasCertificate()).isFalse();
        assertThat(KeyKind.of(throwaway.os().privateKey())).isEqualTo(KeyKind.ED25519);
        assertThat(throwaway.os().certificate().getSubjectX500Principal().getName()).isEqualTo("O=talos");
        assertThat(throwaway.os().crt()).isNotEqualTo(bundle.os().crt()).isNotEqualTo(TestBundles.another().os().crt());
        assertThat(throwaway.bootstrapToken()).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
    }

    @Test
    void casAreSelfSignedTenYearCasLikeTalos() throws Exception {
        for (EncodedCertAndKey entry : List.of(bundle.os(), bundle.etcd(), bundle.k8s(), bundle.k8sAggregator())) {
            CertificateInfo info = entry.certificateInfo();
            assertThat(info.isSignedBy(info.publicKey())).as("self-signed").isTrue();
            assertThat(info.ca()).isTrue();
            assertThat(info.subject()).isEqualTo(info.issuer());
            assertThat(Duration.between(info.notBefore(), info.notAfter())).isEqualTo(Duration.ofHours(87_600));
        }
        // The JDK can parse all but the aggregator CA; check the extension details there.
        for (EncodedCertAndKey entry : List.of(bundle.os(), bundle.etcd(), bundle.k8s())) {
            X509Certificate ca = entry.certificate();
            ca.verify(ca.getPublicKey());
            assertThat(ca.getBasicConstraints()).as("CA:TRUE").isGreaterThanOrEqualTo(0);
            assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.15", "2.5.29.19");
            assertThat(ca.getKeyUsage()[0]).as("digitalSignature").isTrue();
            assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
            assertThat(ca.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
            assertThat(ca.getExtensionValue("2.5.29.14")).as("subject key id").isNotNull();
            assertThat(ca.getSerialNumber().signum()).isPositive();
            assertThat(ca.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
            assertThat(ca.getNotBefore().toInstant()).as("now, to the second")
                    .isBetween(generated.from().truncatedTo(ChronoUnit.SECONDS), generated.to());
            assertThat(Duration.between(ca.getNotBefore().toInstant(), ca.getNotAfter().toInstant()))
                    .isEqualTo(Duration.ofHours(87_600));
        }
    }

    @Test
    void tokensHaveKubeadmShape() {
        assertThat(bundle.bootstrapToken()).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
        assertThat(bundle.trustdToken()).matches("[a-z0-9]{6}\\.[a-z0-9]{16}");
        assertThat(bundle.bootstrapToken()).isNotEqualTo(bundle.trustdToken());
    }

    @Test
    void clusterSecretsAreBase64Of32Bytes() {
        for (String value : List.of(bundle.clusterId(), bundle.clusterSecret(), bundle.secretboxEncryptionSecret())) {
            assertThat(Base64.getDecoder().decode(value)).hasSize(32);
        }
        assertThat(bundle.clusterId()).isNotEqualTo(bundle.clusterSecret());
    }

    @Test
    void toStringRevealsNoSecret() {
        String text = bundle + " " + bundle.os() + " " + bundle.k8sServiceAccount();
        for (String secret : List.of(bundle.clusterId(), bundle.clusterSecret(), bundle.bootstrapToken(),
                bundle.secretboxEncryptionSecret(), bundle.trustdToken(), bundle.os().key(),
                bundle.etcd().key(), bundle.k8sServiceAccount().key())) {
            assertThat(text).doesNotContain(secret).doesNotContain(secret.substring(0, 6));
        }
    }
}
