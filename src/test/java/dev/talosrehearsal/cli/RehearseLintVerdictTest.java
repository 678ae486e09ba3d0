package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lint errors fail a rehearsal (listed first, exit 1, "failed" in the JSON) unless --allow-lint-errors, on
 * fixtures/office — a cluster that is not the seed's.
 */
class RehearseLintVerdictTest {
    @TempDir
    Path dir;

    @Test
    void aLintErrorFailsTheRehearsalAndIsListedFirst() throws Exception {
        Path report = dir.resolve("report.json");
        CliRun run = CliRun.of("rehearse", "fixtures/office", "--after", "after-https-only", "--no-rollback-drill",
                "--report", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        String verdict = run.out().substring(run.out().indexOf("REHEARSAL FAILED:"));
        assertThat(verdict.lines().skip(1).findFirst().orElseThrow())
                .startsWith("  lint error serve-https-without-web cp-a,cp-b,cp-c fixtures/office/after-https-only/talconfig.yaml:");
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.path("outcome").asText()).isEqualTo("failed");
        assertThat(json.path("problems").get(0).asText()).startsWith("lint error serve-https-without-web");
        assertThat(json.path("lintErrorsAllowed").asInt()).isZero();
    }

    @Test
    void allowLintErrorsStillShowsThemAndTheVerdictSaysTheyWereAllowed() throws Exception {
        Fixtures.copy("office", dir);
        // endpoint-changed is a lint error the simulated rollout does not trip over: the verdict is lint's alone
        Path after = dir.resolve("after/talconfig.yaml");
        Files.writeString(after, Files.readString(after).replace("endpoint: https://10.40.0.5:6443", "endpoint: https://10.40.0.6:6443"));
        Path report = dir.resolve("report.json");

        CliRun failed = CliRun.of("rehearse", dir.toString(), "--no-rollback-drill");
        CliRun allowed = CliRun.of("rehearse", dir.toString(), "--no-rollback-drill", "--allow-lint-errors", "--report", report.toString());

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.out()).contains("REHEARSAL FAILED:\n  lint error endpoint-changed");
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(allowed.out()).contains("error endpoint-changed")
                .contains("REHEARSAL PASSED: the migration succeeded on the simulated cluster. Lint found 1 error (listed above),"
                        + " allowed by --allow-lint-errors.");
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.path("outcome").asText()).isEqualTo("passed");
        assertThat(json.path("lintErrorsAllowed").asInt()).isEqualTo(1);
        assertThat(json.path("lint").get(0).path("ruleId").asText()).isEqualTo("endpoint-changed");
    }
}
