package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.FreshJvmRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM options bin/talos-rehearsal picks per command, read from a stand-in {@code java} that prints its arguments:
 * C1 only for the short commands (a rehearsal is a second faster), but C2 kept where a secrets bundle to keep is generated,
 * whose RSA-4096 key takes 5-14 s C1-only against about a second with C2 (measured 2026-12-06, docs/benchmarks.md).
 */
class LauncherTuningTest {
    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private StandInCheckout checkout;

    @BeforeEach
    void checkoutWithAStandInJava(@TempDir Path root) throws IOException {
        checkout = new StandInCheckout(root);
    }

    private List<String> jvmArguments(String... command) throws IOException, InterruptedException {
        return checkout.jvmOptions(command);
    }

    @Test
    void shortCommandsRunC1OnlyWithTheSerialCollector() throws Exception {
        for (String[] command : List.of(new String[] {"rehearse", "fixtures/homelab"}, new String[] {"genconfig", "--dry-run"},
                new String[] {"apply", "--journal", "j"}, new String[] {"bench", "rollout"},
                new String[] {"lint"} /* without a secrets file it renders with a throwaway bundle, which has no RSA key */)) {
            assertThat(jvmArguments(command)).as(String.join(" ", command)).contains(C1_ONLY)
                    .containsAll(FreshJvmRun.LAUNCHER_OPTIONS);
        }
    }

    @Test
    void commandsThatGenerateASecretsBundleKeepC2() throws Exception {
        for (String[] command : List.of(new String[] {"gensecret"}, new String[] {"init", "--from", "talconfig.yaml", "dir"},
                new String[] {"genconfig", "--new-secrets"})) {
            assertThat(jvmArguments(command)).as(String.join(" ", command)).doesNotContain(C1_ONLY)
                    .containsAll(FreshJvmRun.LAUNCHER_OPTIONS_GENERATING_A_BUNDLE);
        }
    }
}
