package dev.talosrehearsal.spec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.ArrayList;
import java.util.List;

/** Steps about {@code lint}: they run the real CLI in the scenario's copy of a fixture. */
public class LintSteps {
    private final Workspace ws;

    public LintSteps(Workspace ws) {
        this.ws = ws;
    }

    @When("I lint {string}")
    public void lint(String variant) {
        run(variant);
    }

    @When("I lint {string} against {string} on the tailnet {string}")
    public void lintAgainst(String variant, String old, String tailnet) {
        run(variant, "--inventory", ws.path("inventory.yaml").toString(), "--from", talconfig(old), "--tailnet", tailnet);
    }

    @When("I lint {string} with the inventory {string}")
    public void lintWithInventory(String variant, String inventory) {
        run(variant, "--inventory", ws.path(inventory).toString());
    }

    @Then("lint fails with exit code {int}")
    public void lintFails(int code) {
        assertThat(ws.lastRun().exitCode()).as(ws.lastRun().toString()).isEqualTo(code);
    }

    @Then("lint passes with no errors")
    public void lintPasses() {
        assertThat(ws.lastRun().exitCode()).as(ws.lastRun().toString()).isZero();
        assertThat(findings()).noneMatch(l -> l.startsWith("error "));
        assertThat(ws.lastRun().out()).contains("0 errors");
    }

    @Then("lint reports {string} as an error at {string}")
    public void reportsAt(String rule, String location) {
        assertThat(findings()).anyMatch(l -> l.startsWith("error " + rule + " ") && l.contains(" " + location + ": "));
    }

    @Then("lint reports {string} as an error for {string}")
    public void reportsFor(String rule, String node) {
        assertThat(findings()).anyMatch(l -> l.startsWith("error " + rule + " ")
                && List.of(l.split(" ")[2].split(",")).contains(node));
    }

    @Then("lint reports {string} as a warning for {string}")
    public void warnsFor(String rule, String node) {
        assertThat(findings()).anyMatch(l -> l.startsWith("warning " + rule + " ")
                && List.of(l.split(" ")[2].split(",")).contains(node));
    }

    /** What a finding says is wrong (the text before its fix). */
    @Then("lint explains {string}")
    public void explains(String why) {
        assertThat(findings()).anyMatch(l -> l.substring(0, Math.max(0, l.indexOf(" Fix: "))).contains(why));
    }

    @Then("lint suggests {string}")
    public void suggests(String fix) {
        assertThat(findings()).anyMatch(l -> l.substring(l.indexOf(" Fix: ")).contains(fix));
    }

    @Then("every finding says how to fix it")
    public void everyFindingHasAFix() {
        assertThat(findings()).isNotEmpty().allMatch(l -> l.contains(" Fix: "));
    }

    private void run(String variant, String... more) {
        List<String> args = new ArrayList<>(List.of("lint", "-c", talconfig(variant), "-s", ws.path("talsecret.yaml").toString()));
        args.addAll(List.of(ws.talenvOption()));
        args.addAll(List.of(more));
        ws.run(args.toArray(String[]::new));
    }

    private String talconfig(String variant) {
        return ws.path(variant + "/talconfig.yaml").toString();
    }

    /** The finding lines as the scenario speaks of them (paths relative to the workspace). */
    private List<String> findings() {
        return ws.relative(ws.lastRun().out()).lines()
                .filter(l -> l.startsWith("error ") || l.startsWith("warning ") || l.startsWith("info "))
                .toList();
    }
}
