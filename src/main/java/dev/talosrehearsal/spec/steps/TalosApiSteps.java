package dev.talosrehearsal.spec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosResults.ApplyResult;
import dev.talosrehearsal.talos.TalosResults.VersionResult;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Steps that talk to simulated nodes through the real Talos client. */
public class TalosApiSteps {
    private final SimulatedWorld world;
    private ApplyResult lastApply;
    private TalosApiException lastError;

    public TalosApiSteps(SimulatedWorld world) {
        this.world = world;
    }

    @Given("a simulated cluster running the {string} configs")
    public void aSimulatedClusterRunning(String variant) {
        world.start(variant);
    }

    @Then("every node answers the Talos API with version {string}")
    public void everyNodeAnswers(String tag) {
        List<String> nodes = world.rendered("before").talosconfigNodes();
        List<NodeReply<VersionResult>> replies = world.client().version(nodes);
        assertThat(replies).hasSize(nodes.size()).allSatisfy(r -> assertThat(r.orThrow().tag()).isEqualTo(tag));
    }

    @When("I dry-run the {string} config on {string}")
    public void dryRun(String variant, String hostname) {
        apply(variant, hostname, ApplyMode.AUTO, true, null);
    }

    @When("I apply the {string} config to {string} in {string} mode")
    public void applyIn(String variant, String hostname, String mode) {
        apply(variant, hostname, ApplyMode.parse(mode), false, null);
    }

    @When("I apply the {string} config to {string} in {string} mode for {int} seconds")
    public void applyInFor(String variant, String hostname, String mode, int seconds) {
        apply(variant, hostname, ApplyMode.parse(mode), false, Duration.ofSeconds(seconds));
    }

    @When("I apply the {string} config with {string} set to {string} to {string} in {string} mode")
    public void applyChanged(String variant, String dotted, String value, String hostname, String mode) {
        MachineConfig config = node(variant, hostname).config();
        ObjectNode v1alpha1 = config.v1alpha1().deepCopy();
        String[] path = dotted.split("\\.");
        ObjectNode parent = v1alpha1;
        for (int i = 0; i < path.length - 1; i++) {
            parent = parent.has(path[i]) ? (ObjectNode) parent.get(path[i]) : parent.putObject(path[i]);
        }
        int eq = value.indexOf('=');
        parent.putObject(path[path.length - 1]).put(value.substring(0, eq), value.substring(eq + 1));
        List<ObjectNode> docs = new java.util.ArrayList<>(config.documents());
        docs.set(docs.indexOf(config.v1alpha1()), v1alpha1);
        send(new MachineConfig(docs), hostname, ApplyMode.parse(mode), false, null);
    }

    @When("{int} seconds pass on the cluster's clock")
    public void secondsPass(int seconds) {
        world.cluster().clock().advance(Duration.ofSeconds(seconds));
    }

    @Then("Talos answers with a dry-run summary whose diff mentions {string}")
    public void dryRunSummary(String text) {
        assertThat(lastApply.details()).startsWith("Dry run summary:").contains("Config diff:").contains(text);
    }

    @Then("the answer contains no secret from the cluster's secrets bundle")
    public void noSecrets() {
        SecretsBundle b = world.secrets();
        for (String secret : List.of(b.clusterSecret(), b.bootstrapToken(), b.trustdToken(), b.secretboxEncryptionSecret(),
                b.os().key(), b.k8s().key(), b.etcd().key(), b.k8sAggregator().key(), b.k8sServiceAccount().key())) {
            assertThat(lastApply.details()).doesNotContain(secret);
        }
    }

    @Then("Talos says it {string}")
    public void talosSays(String details) {
        assertThat(lastApply.details()).isEqualTo(details);
    }

    @Then("{string} picks the kubelet node IP {string}")
    public void picksNodeIp(String hostname, String ip) {
        assertThat(world.cluster().node(hostname).kubeletNodeIp()).contains(ip);
    }

    @Then("{string} runs its {string} config again")
    public void runsConfig(String hostname, String variant) {
        assertThat(world.cluster().node(hostname).activeConfig().toYaml()).isEqualTo(node(variant, hostname).config().toYaml());
    }

    @Then("{string} was never rebooted")
    public void neverRebooted(String hostname) {
        assertThat(world.cluster().node(hostname).events())
                .noneMatch(e -> e.kind().name().startsWith("REBOOT"));
    }

    @Then("the apply fails with {string} naming {string}")
    public void applyFails(String code, String node) {
        assertThat(lastError).as("the apply should have failed").isNotNull();
        assertThat(lastError.code().name()).isEqualTo(code);
        assertThat(lastError.getMessage()).contains(node);
    }

    @Then("Talos's error says {string}")
    public void talosErrorSays(String text) {
        assertThat(lastError.getMessage()).contains(text);
    }

    private RenderedNode node(String variant, String hostname) {
        return world.rendered(variant).node(hostname).orElseThrow(() -> new AssertionError("no node " + hostname));
    }

    private void apply(String variant, String hostname, ApplyMode mode, boolean dryRun, Duration tryTimeout) {
        send(node(variant, hostname).config(), hostname, mode, dryRun, tryTimeout);
    }

    private void send(MachineConfig config, String hostname, ApplyMode mode, boolean dryRun, Duration tryTimeout) {
        String address = node("before", hostname).addresses().get(0);
        try {
            lastApply = world.client().apply(address, config.toYaml().getBytes(StandardCharsets.UTF_8), mode, dryRun, tryTimeout);
        } catch (TalosApiException e) {
            lastError = e;
        }
    }
}
