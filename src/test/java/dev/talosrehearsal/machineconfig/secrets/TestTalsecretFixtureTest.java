package dev.talosrehearsal.machineconfig.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * src/test/resources/secrets/test-talsecret.yaml: a fixed bundle for later fixtures (published key
 * material, test only). Regenerate with {@code -Dsecrets.regenerateFixture=true}.
 */
class TestTalsecretFixtureTest {
    static final Path FIXTURE = Path.of("src/test/resources/secrets/test-talsecret.yaml");
    static final String WARNING = "# TEST ONLY — published key material, never use for a real cluster";

    @Test
    void fixtureIsMarkedAndValid() throws Exception {
        if (Boolean.getBoolean("secrets.regenerateFixture")) {
            Files.writeString(FIXTURE, WARNING + "\n" + SecretsFile.render(new SecretsGenerator().generate()));
        }
        String text = Files.readString(FIXTURE);
        assertThat(text.lines().findFirst()).contains(WARNING);
        SecretsBundle bundle = SecretsFile.read(FIXTURE);
        assertThat(WARNING + "\n" + SecretsFile.render(bundle)).isEqualTo(text);
    }
}
