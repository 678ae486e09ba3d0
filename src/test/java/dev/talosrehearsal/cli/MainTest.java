package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import org.junit.jupiter.api.Test;

/** The command list: complete wherever a user sees it, although a named command is built alone. */
class MainTest {
    private static final String[] COMMANDS = {"genconfig", "gensecret", "diff", "lint", "impact", "talos", "plan", "apply",
            "resume", "rollback", "verify", "rehearse", "sim", "bench", "help"};

    @Test
    void helpListsEveryCommandInOrder() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        int last = -1;
        for (String command : COMMANDS) {
            int at = run.out().indexOf("\n  " + command + " ");
            assertThat(at).as(command + " listed after the previous command\n" + run).isGreaterThan(last);
            last = at;
        }
    }

    @Test
    void theHelpCommandReachesAnyCommand() {
        CliRun run = CliRun.of("help", "rehearse");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: talos-rehearsal rehearse");
    }

    @Test
    void aMisspelledCommandIsBadInputWithASuggestion() {
        CliRun run = CliRun.of("rehears", "fixtures/homelab");
        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err()).contains("rehearse");
    }

    @Test
    void aNamedCommandRunsWithItsOwnSubcommands() {
        CliRun run = CliRun.of("bench", "kube", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: talos-rehearsal bench kube");
    }

    /** picocli expands ${...} in option descriptions; an unescaped ${VAR} printed "Variables for null substitution". */
    @Test
    void helpTextsShowDollarPlaceholdersLiterally() {
        CliRun run = CliRun.of("genconfig", "--help");
        assertThat(run.out()).contains("Variables for ${VAR} substitution").doesNotContain("null substitution");
    }
}
