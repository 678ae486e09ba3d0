package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.OfficeFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On fixtures/office (the API as the Tailscale service kube.tail7c3e2.ts.net on port 443) the tailnet gate dials
 * what the serve config serves: a working config passes it, an HTTPS-only one fails it — even with its lint error
 * allowed, so the gate is shown to catch it on its own.
 */
class RehearseTailnetGateTest {
    @TempDir
    Path dir;

    @Test
    void theWorkingServeConfigPassesTheGateOnPort443() {
        CliRun run = CliRun.of("rehearse", "fixtures/office", "--no-rollback-drill");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("[1/3] cp-a gate tailnet-api … ok")
                .contains("PASS api-through-tailnet cp-c: API answered: HTTP/1.1 200 OK");
    }

    @Test
    void anHttpsOnlyServeConfigFailsTheGateEvenWithItsLintErrorAllowed() {
        CliRun run = CliRun.of("rehearse", "fixtures/office", "--after", "after-https-only", "--no-rollback-drill", "--allow-lint-errors");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        String verdict = run.out().substring(run.out().indexOf("REHEARSAL FAILED:"));
        assertThat(verdict).contains("gate tailnet-api on cp-a").contains("kube.tail7c3e2.ts.net:443")
                .contains("something other than the API server terminated TLS")
                .contains("lint serve-https-without-web at fixtures/office/after-https-only/talconfig.yaml:");
    }

    /**
     * Not only the homelab: cp-b, cut off from the tailnet, fails the gate on its own name (cp-b.tail7c3e2.ts.net, its
     * kube-apiserver's 6443 rather than the Service's 443), while the Service's name still answers through cp-a.
     */
    @Test
    void aControlPlaneAfterTheFirstCutOffFromTheTailnetFailsItsOwnGateAndBothGoBack() throws IOException {
        OfficeFixture.copy(dir);
        Files.writeString(dir.resolve("faults.yaml"), "faults:\n  - node: cp-b\n    tailnetCutOff: true\n");

        CliRun run = CliRun.of("rehearse", dir.toString(), "--no-rollback-drill");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("[2/3] cp-b gate tailnet-api … ok")
                .contains("[2/3] cp-b gate tailnet-host … timed out");
        String verdict = run.out().substring(run.out().indexOf("REHEARSAL FAILED:"));
        assertThat(verdict).contains("gate tailnet-host on cp-b").contains("cp-b.tail7c3e2.ts.net:6443")
                .contains("cp-b is not reachable on the tailnet");
    }

    @Test
    void aWebPortWithoutAHandlerFailsItsOwnGate() {
        OfficeFixture.copy(dir);
        OfficeFixture.edit(dir, "after", "\"Services\": {", "\"Services\": {\"svc:docs\": {\"TCP\": {\"443\": {\"HTTPS\": true}}},");

        CliRun run = CliRun.of("rehearse", dir.toString(), "--no-rollback-drill", "--allow-lint-errors");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("gate tailnet-serve on cp-a")
                .contains("docs.tail7c3e2.ts.net:443 answered 404 page not found");
    }
}
