package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.FreshJvmRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's main command, and the seed's as-written config failing with the reason and the fix. */
class RehearseCommandTest {
    @TempDir
    Path dir;

    @Test
    void theHomelabMigrationAndItsRollbackDrillPass() throws Exception {
        Path report = dir.resolve("report.json");
        Path html = dir.resolve("report.html");
        CliRun run = CliRun.of("rehearse", "fixtures/homelab", "--report", report.toString(), "--report-html", html.toString(),
                "--work", dir.resolve("work").toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        try (var inside = Files.list(dir.resolve("work"))) {
            List<Path> made = inside.toList();
            assertThat(made).hasSize(1);
            Path work = made.get(0);
            assertThat(work.getFileName().toString()).startsWith("rehearsal-");
            assertThat(Files.getPosixFilePermissions(work)).containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                    java.nio.file.attribute.PosixFilePermission.OWNER_WRITE, java.nio.file.attribute.PosixFilePermission.OWNER_EXECUTE);
            assertThat(work.resolve("journal-migration")).isDirectory();
            assertThat(work.resolve("journal-rollback-drill")).isDirectory();
            assertThat(run.out()).contains("journals and configs (secrets included, mode 0600) kept in " + work);
        }
        assertThat(run.out()).contains("REHEARSAL PASSED").contains("PASS api-through-tailnet talos-master-0")
                .contains("PASS same-subnet: all 5 node IPs are in 192.168.20.0/24")
                // the drill's rollout reached before/'s configs, and says so rather than a bare "migrated"
                .containsSubsequence("== Migration", "outcome: migrated\n", "== Rollback drill", "outcome: migrated back to before/\n");
        JsonNode json = new ObjectMapper().readTree(Files.readString(report));
        assertThat(json.path("outcome").asText()).isEqualTo("passed");
        assertThat(json.path("migration").path("outcome").asText()).isEqualTo("migrated");
        assertThat(json.path("rollbackDrill").path("outcome").asText()).isEqualTo("migrated");
        // the impact scan of fixtures/homelab/cluster runs before the migration, as information
        assertThat(run.out()).contains("== Impact scan: objects in fixtures/homelab/cluster that refer to 100.64.0.0/10")
                .contains("30 values in 17 objects refer to the old range");
        assertThat(run.out().indexOf("== Impact scan")).isLessThan(run.out().indexOf("== Migration"));
        assertThat(json.path("impact").size()).isEqualTo(30);
        assertThat(Files.readString(html)).contains("Outcome: migrated").contains("talos-worker-gpu-1");
        assertThat(Files.readString(report) + run.out()).doesNotContain("tskey-auth-").doesNotContain("PRIVATE KEY");
    }

    /** In a process of its own, with a temporary directory of its own: other rehearsals on the machine cannot blur it. */
    @Test
    void withoutWorkTheJournalsDoNotOutliveTheCommand(@TempDir Path tmp) throws Exception {
        FreshJvmRun.Result run = FreshJvmRun.main(List.of("-Djava.io.tmpdir=" + tmp, "-XX:TieredStopAtLevel=1"),
                "", new String[] {"rehearse", "fixtures/homelab", "--no-rollback-drill"});

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outText()).doesNotContain("kept in");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(WorkDir.TEMPORARY_PREFIX)))
                    .as("the journals (secrets included) of a rehearsal without --work").isEmpty();
        }
    }

    @Test
    void theSeedsServeConfigAsWrittenFailsNamingTheServeConfigAndTheFix() {
        CliRun run = CliRun.of("rehearse", "fixtures/homelab", "--after", "after-as-written", "--tailnet", "tailnet-4d89.ts.net",
                "--no-rollback-drill");

        assertThat(run.out()).doesNotContain("kept in");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        String last = run.out().substring(run.out().indexOf("REHEARSAL FAILED"));
        assertThat(last).contains("talos-master-0").contains("tailnet-api")
                .contains("serve-https-without-web").contains("after-as-written/talconfig.yaml:49")
                .contains("\"TCPForward\": \"127.0.0.1:6443\"")
                .contains("In production: the rollout would have stopped there");
    }

    @Test
    void aDirectoryWithoutInventoryIsBadInput() throws Exception {
        dev.talosrehearsal.testing.Fixtures.copy("homelab", dir);
        Files.delete(dir.resolve("inventory.yaml"));

        CliRun run = CliRun.of("rehearse", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("inventory.yaml").contains("file not found");
    }

    @Test
    void aWorkDirectoryThatCannotBeMadeIsBadInput() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");

        CliRun run = CliRun.of("rehearse", "fixtures/homelab", "--work", file.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith(file + ": cannot create a work directory");
    }

}
