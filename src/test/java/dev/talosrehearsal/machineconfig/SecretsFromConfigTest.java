package dev.talosrehearsal.machineconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bundle a control plane's config holds, as talosctl gen secrets --from-controlplane-config derives it (talos
 * pkg/machinery/config/generate/secrets/bundle.go, NewBundleFromConfig): the golden configs, rendered from the
 * test-only bundle, give that bundle back — from the v1alpha1 fields up to v1.13 and from v1.14's own documents.
 */
class SecretsFromConfigTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final SecretsBundle TEST_BUNDLE = SecretsFile.read(Path.of("src/test/resources/secrets/test-talsecret.yaml"));

    private static MachineConfig golden(String release, String file) throws IOException {
        Path path = GOLDEN.resolve("controlplane-worker-" + release + "_expected").resolve(file);
        return MachineConfig.parse(Files.readString(path), path.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1.8", "v1.11", "v1.12", "v1.13", "v1.14"})
    void aControlPlanesConfigGivesBackTheBundleItWasRenderedFrom(String release) throws IOException {
        SecretsBundle derived = SecretsFromConfig.derive(golden(release, "golden-cp-0.yaml"), "golden-cp-0.yaml");

        assertThat(SecretsFile.render(derived)).isEqualTo(SecretsFile.render(TEST_BUNDLE));
    }

    @Test
    void aWorkersConfigHoldsNoCaKeysAndIsRefused() throws IOException {
        assertThatThrownBy(() -> SecretsFromConfig.derive(golden("v1.13", "golden-worker-0.yaml"), "golden-worker-0.yaml"))
                .isInstanceOf(InputException.class).hasMessageContaining("a worker's config holds no CA keys");
    }

    /** Talos < 1.3 clusters encrypt with AES-CBC; the bundle here holds a secretbox key only (SecretsFile refuses aescbc too). */
    @Test
    void anAesCbcClusterIsRefusedNamingTheFieldNotItsValue() throws IOException {
        MachineConfig config = golden("v1.13", "golden-cp-0.yaml");
        String secretbox = config.at("/cluster/secretboxEncryptionSecret").asText();
        config.v1alpha1().with("cluster").remove("secretboxEncryptionSecret");
        config.v1alpha1().with("cluster").put("aescbcEncryptionSecret", secretbox);

        assertThatThrownBy(() -> SecretsFromConfig.derive(config, "cp.yaml"))
                .isInstanceOf(InputException.class).hasMessageContaining("cluster.aescbcEncryptionSecret: AES-CBC")
                .hasMessageNotContaining(secretbox);
    }
}
