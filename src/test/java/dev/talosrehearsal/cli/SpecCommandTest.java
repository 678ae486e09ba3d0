package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec}: a user's own features, written with the shipped step vocabulary, on a rehearsal directory that
 * {@code init} made from a cluster that is not the homelab (fixtures/office: cp-a/b/c and build-1 on 10.40.0.0/24).
 */
class SpecCommandTest {
    private static final Path OFFICE = Fixtures.ROOT.resolve("office");

    @TempDir
    Path tmp;

    private Path dir;
    private Path reports;

    @BeforeEach
    void initFromTheOfficeTalconfig() {
        dir = tmp.resolve("office-rehearsal");
        reports = tmp.resolve("reports");
        // after/ of the office fixture names its tailnet (certSAN kube.tail7c3e2.ts.net), as a user's config would
        // the fixture's (test-only) bundle: a new one would cost an RSA-4096 key per test
        CliRun init = CliRun.of("init", dir.toString(), "--from", OFFICE.resolve("after/talconfig.yaml").toString(),
                "-e", OFFICE.resolve("talenv.yaml").toString(), "-s", OFFICE.resolve("talsecret.yaml").toString());
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(init.out()).contains("run it and your own features with: talos-rehearsal spec " + dir + "\n");
    }

    @Test
    void theExampleFeatureInitWritesPassesOnTheDirectoryAndTheReportsAreWritten() throws Exception {
        String example = Files.readString(dir.resolve("features/example.feature"));
        assertThat(example).contains("Feature: The migration of office").contains("And Kubernetes sees every node on an address in \"10.40.0.0/24\"")
                .doesNotContain("homelab").doesNotContain("talos-master").doesNotContain("192.168.20");

        CliRun spec = CliRun.of("spec", dir.toString(), "--reports", reports.toString());

        assertThat(spec.exitCode()).as(spec.toString()).isZero();
        assertThat(spec.out()).contains("PASS ").contains("3 scenarios: 3 passed, 0 failed, 0 skipped");
        assertThat(reports.resolve("report.html")).isNotEmptyFile();
        assertThat(reports.resolve("messages.ndjson")).isNotEmptyFile();
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("tests=\"3\"").contains("failures=\"0\"");
    }

    @Test
    void aFailingScenarioExitsOneAndSaysWhichStepFailed() throws Exception {
        Path feature = dir.resolve("features/failing.feature");
        Files.writeString(feature, """
                Feature: lint on the office cluster
                  Scenario: expects an error lint does not find
                    When I lint "after"
                    Then lint fails with exit code 1
                """);

        CliRun spec = CliRun.of("spec", feature.toString(), "--reports", reports.toString());

        assertThat(spec.exitCode()).as(spec.toString()).isEqualTo(1);
        assertThat(spec.out()).contains("FAIL " + asShown(feature) + ":2 expects an error lint does not find")
                .contains("line 4 \"lint fails with exit code 1\"").contains("1 scenario: 0 passed, 1 failed, 0 skipped");
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("failures=\"1\"");
    }

    @Test
    void anUndefinedStepIsBadInputNamedWithTheClosestDefinedSteps() throws Exception {
        Path feature = dir.resolve("features/typo.feature");
        Files.writeString(feature, """
                Feature: a typo
                  Scenario: one letter off
                    Given the simulated cluster is running the "before" configs
                    When I roll out the "after" config
                    Then the rollout ends "migrated"
                """);

        CliRun spec = CliRun.of("spec", feature.toString(), "--reports", reports.toString());

        assertThat(spec.exitCode()).as(spec.toString()).isEqualTo(2);
        assertThat(spec.err().lines()).as(spec.err()).hasSize(1);
        assertThat(spec.err()).startsWith(asShown(feature) + ":4: undefined step \"I roll out the \"after\" config\"; closest defined steps: "
                + "\"I roll out the {string} configs\"");
        assertThat(reports).doesNotExist();
    }

    @Test
    void aFeatureThatDoesNotParseIsBadInputAtItsLine() throws Exception {
        Path feature = dir.resolve("features/broken.feature");
        Files.writeString(feature, """
                Feature: broken
                  Scenario: a table without a step
                    Given the simulated cluster is running the "before" configs
                  | not | a step |
                  Oops this is not Gherkin
                """);

        CliRun spec = CliRun.of("spec", dir.toString(), "--reports", reports.toString());

        assertThat(spec.exitCode()).as(spec.toString()).isEqualTo(2);
        assertThat(spec.err().lines()).as(spec.err()).hasSize(1);
        assertThat(spec.err()).startsWith(asShown(feature) + ":5: the feature does not parse: ");
        assertThat(reports).doesNotExist();
    }

    @Test
    void aTagExpressionThatDoesNotParseIsBadInput() {
        CliRun spec = CliRun.of("spec", dir.toString(), "--tags", "@smoke and", "--reports", reports.toString());

        assertThat(spec.exitCode()).as(spec.toString()).isEqualTo(2);
        assertThat(spec.err()).startsWith("--tags: not a tag expression: ").hasLineCount(1);
        assertThat(reports).doesNotExist();
    }

    /** As for rehearse, a tailnet is never invented: init says to pass it, and spec refuses without it. */
    @Test
    void aClusterOnTailscaleWhoseConfigsNameNoTailnetNeedsTailnet() {
        Path unnamed = tmp.resolve("office-before");
        CliRun init = CliRun.of("init", unnamed.toString(), "--from", OFFICE.resolve("before/talconfig.yaml").toString(),
                "-e", OFFICE.resolve("talenv.yaml").toString(), "-s", OFFICE.resolve("talsecret.yaml").toString());
        assertThat(init.out()).contains("talos-rehearsal spec " + unnamed + " --tailnet <your-tailnet>.ts.net");

        CliRun spec = CliRun.of("spec", unnamed.toString(), "--reports", reports.toString());

        assertThat(spec.exitCode()).as(spec.toString()).isEqualTo(2);
        assertThat(spec.err()).startsWith(asShown(unnamed.resolve("after/talconfig.yaml")) + ": the nodes run the tailscale extension")
                .contains("pass --tailnet <your-tailnet>.ts.net").hasLineCount(1);
    }

    @Test
    void aPathThatDoesNotExistIsBadInput() {
        CliRun spec = CliRun.of("spec", dir.resolve("features/missing.feature").toString(), "--reports", reports.toString());

        assertThat(spec.exitCode()).as(spec.toString()).isEqualTo(2);
        assertThat(spec.err()).isEqualTo(dir.resolve("features/missing.feature") + ": not found (expected a .feature file or a directory of them)\n");
        assertThat(reports).doesNotExist();
    }

    @Test
    void aFeatureOutsideAnyRehearsalDirectoryIsBadInputNamingTheFlag() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.copy(dir.resolve("features/example.feature"), elsewhere.resolve("example.feature"));

        CliRun spec = CliRun.of("spec", elsewhere.toString(), "--reports", reports.toString());

        assertThat(spec.exitCode()).as(spec.toString()).isEqualTo(2);
        assertThat(spec.err()).isEqualTo(elsewhere + ": not in a rehearsal directory (no before/talconfig.yaml or before/ machine configs in it or above it,"
                + " nor here): pass --cluster DIR, a directory talos-rehearsal init made\n");
        assertThat(reports).doesNotExist();

        CliRun named = CliRun.of("spec", elsewhere.toString(), "--cluster", dir.toString(), "--reports", reports.toString());

        assertThat(named.exitCode()).as(named.toString()).isZero();
    }

    /** spec prints paths relative to the working directory when they lie below it, as Cucumber prints feature paths. */
    private static Path asShown(Path feature) {
        Path here = Path.of("").toAbsolutePath();
        return feature.startsWith(here) ? here.relativize(feature) : feature;
    }
}
