package dev.talosrehearsal.spec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.util.List;

/** Steps about {@code talos-rehearsal diff}. */
public class DiffSteps {
    private final Workspace ws;

    public DiffSteps(Workspace ws) {
        this.ws = ws;
    }

    @When("I diff the configs of {string} and {string}")
    public void diff(String before, String after) {
        List<String> args = new java.util.ArrayList<>(List.of("diff", ws.path(before + "/talconfig.yaml").toString(),
                ws.path(after + "/talconfig.yaml").toString(), "-s", ws.path("talsecret.yaml").toString()));
        args.addAll(List.of(ws.talenvOption()));
        ws.run(args.toArray(String[]::new));
    }

    @Then("the diff exits with code {int}")
    public void exitsWith(int code) {
        assertThat(ws.lastRun().exitCode()).as(ws.lastRun().toString()).isEqualTo(code);
    }

    @Then("the diff summary for {string} mentions {string}")
    public void summaryMentions(String node, String text) {
        String line = ws.lastRun().out().lines().filter(l -> l.contains("-" + node + ".yaml: ")).findFirst()
                .orElseThrow(() -> new AssertionError("no summary line for " + node + " in\n" + ws.lastRun().out()));
        assertThat(line).contains(text);
    }

    @Then("no secret from the cluster's secrets bundle appears in the diff")
    public void noSecrets() {
        SecretsBundle bundle = SecretsFile.read(ws.path("talsecret.yaml"));
        String output = ws.lastRun().out() + ws.lastRun().err();
        for (String secret : List.of(bundle.clusterSecret(), bundle.bootstrapToken(), bundle.secretboxEncryptionSecret(),
                bundle.trustdToken(), bundle.os().key(), bundle.k8s().key(), bundle.etcd().key(),
                bundle.k8sAggregator().key(), bundle.k8sServiceAccount().key(), "tskey-auth-")) {
            assertThat(output).doesNotContain(secret);
        }
        assertThat(output).contains("<redacted>");
    }
}
