package dev.talosrehearsal.common;

import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.TestBundles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

class PemTest {
    /** RFC 8032 §7.1 test 1 secret key, in the layout Talos writes (PKCS#8 under ED25519 PRIVATE KEY). */
    static final String TALOS_STYLE_ED25519 = """
            -----BEGIN ED25519 PRIVATE KEY-----
            MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
            -----END ED25519 PRIVATE KEY-----
            """;
    static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    @Test
    void readsTalosEd25519LabelAndWritesItBackIdentically() {
        PrivateKey key = Pem.readPrivateKey(TALOS_STYLE_ED25519);
        assertThat(KeyKind.of(key)).isEqualTo(KeyKind.ED25519);
        assertThat(HexFormat.of().formatHex(Pem.ed25519Seed(key)))
                .isEqualTo("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        SubjectPublicKeyInfo spki = Pem.ed25519PublicKeyInfo(Pem.ed25519Seed(key));
        assertThat(HexFormat.of().formatHex(spki.getPublicKeyData().getBytes())).isEqualTo(RFC8032_PUBLIC);
        assertThat(Pem.writePrivateKey(key)).isEqualTo(TALOS_STYLE_ED25519);
    }

    @Test
    void readsStandardPkcs8LabelToo() {
        String standard = TALOS_STYLE_ED25519.replace("ED25519 PRIVATE KEY", "PRIVATE KEY");
        assertThat(Pem.ed25519Seed(Pem.readPrivateKey(standard)))
                .isEqualTo(Pem.ed25519Seed(Pem.readPrivateKey(TALOS_STYLE_ED25519)));
    }

    @Test
    void ecKeysRoundTripThroughSec1AndPkcs8() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ECPrivateKey key = (ECPrivateKey) g.generateKeyPair().getPrivate();
        String sec1 = Pem.writePrivateKey(key);
        assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----\n");
        assertThat(((ECPrivateKey) Pem.readPrivateKey(sec1)).getS()).isEqualTo(key.getS());
        String pkcs8 = Pem.encode(Pem.PRIVATE_KEY, key.getEncoded());
        assertThat(((ECPrivateKey) Pem.readPrivateKey(pkcs8)).getS()).isEqualTo(key.getS());
        assertThat(Pem.writePrivateKey(Pem.readPrivateKey(sec1))).isEqualTo(sec1);
    }

    @Test
    void rsaKeysRoundTripThroughPkcs1() {
        // The published bundle's service-account key (RSA 4096, PKCS#1 as Talos writes it): generating an RSA key
        // here took seconds of the C1-only test JVM (docs/benchmarks.md, seventh session).
        String talosWritten = TestBundles.fixture().k8sServiceAccount().privateKeyPem();
        RSAPrivateKey key = (RSAPrivateKey) Pem.readPrivateKey(talosWritten);
        assertThat(key.getModulus().bitLength()).isEqualTo(4096);
        String pkcs1 = Pem.writePrivateKey(key);
        assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----\n").isEqualTo(talosWritten);
        assertThat(((RSAPrivateKey) Pem.readPrivateKey(pkcs1)).getPrivateExponent()).isEqualTo(key.getPrivateExponent());
    }

    @Test
    void certificatesRoundTripAndLinesAre64Characters() {
        SecretsBundle bundle = TestBundles.fixture();
        String pem = bundle.os().certificatePem();
        assertThat(Pem.writeCertificate(Pem.readCertificate(pem))).isEqualTo(pem);
        assertThat(pem.lines().filter(l -> !l.startsWith("-----")).limit(1)).allMatch(l -> l.length() == 64);
        assertThat(Pem.readCertificates(bundle.os().certificatePem() + bundle.etcd().certificatePem())).hasSize(2);
    }

    @Test
    void rejectsNonPemAndWrongLabelsWithoutQuotingInput() {
        assertThatThrownBy(() -> Pem.readPrivateKey("hello secret")).isInstanceOf(PemFormatException.class)
                .hasMessage("no PEM block found");
        assertThatThrownBy(() -> Pem.readPrivateKey("-----BEGIN DSA PRIVATE KEY-----\nAAAA\n-----END DSA PRIVATE KEY-----\n"))
                .isInstanceOf(PemFormatException.class).hasMessageContaining("unsupported PEM label");
        assertThatThrownBy(() -> Pem.readCertificate(TALOS_STYLE_ED25519)).isInstanceOf(PemFormatException.class)
                .hasMessageContaining("expected a CERTIFICATE block").hasMessageNotContaining("MC4CAQ");
        assertThatThrownBy(() -> Pem.readPrivateKey("-----BEGIN EC PRIVATE KEY-----\nc2VjcmV0\n-----END EC PRIVATE KEY-----\n"))
                .isInstanceOf(PemFormatException.class).hasMessageNotContaining("c2VjcmV0");
    }
}
