package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.OfficeFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rehearse --report-html}: one page for the whole rehearsal, verdict first, every section in the order it
 * ran, a timeline with a lane per node, simulated times shown as offsets. The page is also opened in a real
 * browser (Debian's headless Chromium) when one is installed, and its rendered DOM checked.
 */
class RehearsalReportHtmlTest {
    private static final List<String> SECTIONS = List.of("verdict", "lint", "impact", "migration", "verification-after-migration",
            "rollback-drill", "verification-after-rollback");

    @TempDir
    Path tmp;

    @Test
    void aPassingRehearsalShowsEverySectionInOrderWithTheTimeline() throws Exception {
        Path dir = OfficeFixture.copy(tmp.resolve("office"));
        Path html = tmp.resolve("report.html");

        CliRun run = CliRun.of("rehearse", dir.toString(), "--report-html", html.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        String page = Files.readString(html);
        assertThat(positions(page)).as("sections in the order they ran").isSorted().doesNotContain(-1);
        assertThat(page).contains("REHEARSAL PASSED").contains("<svg").contains("t+0.0 s")
                .doesNotContain("2026-01-01T").doesNotContain("<script").doesNotContainPattern("(src|href)=\"https?:");
        // one lane per node the rollout changed (the office worker is unchanged), in rollout order
        assertThat(page.indexOf(">cp-a</text>")).isPositive().isLessThan(page.indexOf(">cp-c</text>"));
        // the serve config arrives with the migration: ext-tailscale restarts on each control plane, one at a time
        assertThat(count(page, "class=\"disruption\"")).isGreaterThanOrEqualTo(3);
        assertThat(page).contains("cp-a: extension restart t+");

        Optional<String> dom = renderedInChromium(html);
        Assumptions.assumeTrue(dom.isPresent(), "no chromium on PATH (apt-get install chromium): the page was not opened in a browser");
        assertThat(positions(dom.get())).isSorted().doesNotContain(-1);
        assertThat(dom.get()).contains("REHEARSAL PASSED").contains("<svg").contains("cp-a");
    }

    @Test
    void aFailedRehearsalPutsTheCauseFirstAndTheRollbackAfterTheGateThatFailed() throws Exception {
        Path dir = OfficeFixture.copy(tmp.resolve("office"));
        Path html = tmp.resolve("report.html");

        CliRun run = CliRun.of("rehearse", dir.toString(), "--after", "after-https-only", "--allow-lint-errors", "--report-html", html.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        String page = Files.readString(html);
        assertThat(page.indexOf("REHEARSAL FAILED")).isLessThan(page.indexOf("id=\"lint\""));
        String cpA = page.substring(page.indexOf("<h3>cp-a"));
        int failedGate = cpA.indexOf("<td class=\"bad\">failed</td>");
        int rollback = cpA.indexOf("<td>rollback</td>");
        assertThat(failedGate).isPositive();
        assertThat(rollback).isGreaterThan(failedGate);
        assertThat(page).contains("id=\"rollback-drill\"><h2>Rollback drill</h2>\n<p>Not run.</p>");
    }

    private static List<Integer> positions(String page) {
        List<Integer> at = new ArrayList<>();
        SECTIONS.forEach(id -> at.add(page.indexOf("id=\"" + id + "\"")));
        return at;
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** The page's DOM after Chromium loaded and laid it out, or empty when there is no Chromium here. */
    private static Optional<String> renderedInChromium(Path html) throws IOException, InterruptedException {
        Optional<String> chromium = List.of("chromium", "chromium-browser", "google-chrome").stream()
                .filter(RehearsalReportHtmlTest::onPath).findFirst();
        if (chromium.isEmpty()) {
            return Optional.empty();
        }
        Process p = new ProcessBuilder(chromium.get(), "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom",
                html.toUri().toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return Optional.of(dom);
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
