package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.OfficeFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rehearse without --tailnet, on fixtures/office: the configs' tailnet, a refusal naming the flag, or no tailnet at all. */
class RehearseTailnetCommandTest {
    @TempDir
    Path dir;

    @Test
    void aClusterOnTailscaleWhoseConfigsNameNoTailnetIsRefusedInOneLineNamingTheFlag() throws Exception {
        OfficeFixture.copy(dir);
        OfficeFixture.withoutCertSan(dir);
        Path after = dir.resolve("after/talconfig.yaml");

        CliRun run = CliRun.of("rehearse", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith(after + ": ").contains("pass --tailnet <your-tailnet>.ts.net");
        assertThat(run.out()).doesNotContain("tailnet.ts.net");
    }

    @Test
    void aClusterWithoutTailscaleSkipsTheTailnetGatesAndSaysSo() throws Exception {
        OfficeFixture.copy(dir);
        OfficeFixture.withoutTailscale(dir);

        CliRun run = CliRun.of("rehearse", dir.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("tailnet: none (no node runs the tailscale extension: the tailnet gates are skipped)")
                .doesNotContain("tailnet-api").contains("REHEARSAL PASSED");
    }
}
