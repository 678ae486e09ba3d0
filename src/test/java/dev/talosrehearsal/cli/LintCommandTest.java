package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lint} through the real CLI on the seed's homelab cluster. */
class LintCommandTest {
    @TempDir
    Path dir;

    @BeforeEach
    void copyFixture() {
        Fixtures.copy("homelab", dir);
    }

    private CliRun lint(String variant, String... more) {
        String[] base = {"lint", "-c", dir.resolve(variant + "/talconfig.yaml").toString(),
                "-s", dir.resolve("talsecret.yaml").toString(), "-e", dir.resolve("talenv.yaml").toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliRun.of(args);
    }

    @Test
    void theSeedsConfigAsWrittenFailsWithTheServeTrapsAndTheirFixes() {
        CliRun run = lint("after-as-written", "--inventory", dir.resolve("inventory.yaml").toString(),
                "--from", dir.resolve("before/talconfig.yaml").toString(), "--tailnet", "tailnet-4d89.ts.net");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        String file = dir.resolve("after-as-written/talconfig.yaml").toString();
        assertThat(run.out()).contains("error serve-https-without-web talos-master-0,talos-master-1,talos-master-2 " + file + ":49: ")
                .contains("error serve-api-needs-tcpforward talos-master-0,talos-master-1,talos-master-2 " + file + ":49: ")
                .contains("error certsan-missing talos-master-0 " + file + ":49: ")
                .contains("Fix: use {\"TCP\": {\"6443\": {\"TCPForward\": \"127.0.0.1:6443\"}}}")
                .contains("Fix: add it to the top-level additionalApiServerCertSans: [talos-master-0.tailnet-4d89.ts.net]")
                .contains("5 errors, 0 warnings, 0 info");
        assertThat(run.out().lines().filter(l -> l.startsWith("error ")).count()).isEqualTo(5);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theFixedAfterConfigHasNoErrors() {
        CliRun run = lint("after", "--inventory", dir.resolve("inventory.yaml").toString(),
                "--from", dir.resolve("before/talconfig.yaml").toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).doesNotContain("error ").contains("0 errors");
    }

    @Test
    void theBeforeConfigOnlyWarns() {
        CliRun run = lint("before", "--inventory", dir.resolve("inventory.yaml").toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("warning nameserver-overlay-only").contains("0 errors, 2 warnings");
    }

    @Test
    void jsonListsTheFindings() throws Exception {
        CliRun run = lint("after-as-written", "--json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("errors").asInt()).isEqualTo(5);
        JsonNode first = json.path("findings").get(0);
        assertThat(first.path("ruleId").asText()).isEqualTo("serve-https-without-web");
        assertThat(first.path("severity").asText()).isEqualTo("error");
        assertThat(first.path("line").asInt()).isEqualTo(49);
        assertThat(first.path("file").asText()).endsWith("after-as-written/talconfig.yaml");
        assertThat(first.path("fix").asText()).contains("TCPForward");
    }

    @Test
    void runsWithoutASecretsFileWhenNoneIsNamed() {
        CliRun run = CliRun.of("lint", "-c", dir.resolve("after/talconfig.yaml").toString(), "-e", dir.resolve("talenv.yaml").toString());
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    // --- bad input: exit 2, one line ------------------------------------------------------------

    @Test
    void aMissingInventoryIsBadInput() {
        CliRun run = lint("after", "--inventory", dir.resolve("nowhere/inventory.yaml").toString());
        assertOneLineError(run, dir.resolve("nowhere/inventory.yaml") + ": inventory not found");
    }

    @Test
    void anUnreadableInventoryIsBadInput() {
        CliRun run = lint("after", "--inventory", dir.toString());
        assertOneLineError(run, dir + ": is a directory, not a file");
    }

    @Test
    void aBadCidrInTheInventoryNamesItsLine() throws Exception {
        Path inventory = dir.resolve("inventory.yaml");
        Files.writeString(inventory, Files.readString(inventory).replace("[192.168.20.11/24]", "[192.168.20.11/33]"));
        CliRun run = lint("after", "--inventory", inventory.toString());
        assertOneLineError(run, inventory + ":13: nodes.talos-master-1.interfaces.eth0: '192.168.20.11/33' is not an address with a prefix length");
    }

    @Test
    void aMissingFromFileIsBadInput() {
        CliRun run = lint("after", "--from", dir.resolve("old/talconfig.yaml").toString());
        assertOneLineError(run, dir.resolve("old/talconfig.yaml") + ": file not found");
    }

    @Test
    void aMissingNamedSecretsFileIsBadInput() {
        CliRun run = CliRun.of("lint", "-c", dir.resolve("after/talconfig.yaml").toString(), "-e", dir.resolve("talenv.yaml").toString(),
                "-s", dir.resolve("missing.yaml").toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines()).hasSize(1);
    }

    private static void assertOneLineError(CliRun run, String start) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).startsWith(start).doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
    }
}
