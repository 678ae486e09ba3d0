package dev.talosrehearsal.spec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.sim.tailnet.DialResult;
import dev.talosrehearsal.sim.tailnet.DialResult.Outcome;
import dev.talosrehearsal.sim.tailnet.SimulatedTailnet;
import dev.talosrehearsal.spec.KubernetesApiStub;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** Steps about the simulated tailnet: what a client on it reaches through a MagicDNS name. */
public class TailnetSteps {
    private final Workspace ws;
    private final SimulatedWorld world;
    private KubernetesApiStub api;
    private SimulatedTailnet tailnet;
    private DialResult last;

    public TailnetSteps(Workspace ws, SimulatedWorld world) {
        this.ws = ws;
        this.world = world;
    }

    @Given("the {string} talconfig does not list {string} in additionalApiServerCertSans")
    public void withoutCertSan(String variant, String name) throws IOException {
        Path file = ws.path(variant + "/talconfig.yaml");
        String text = Files.readString(file);
        String item = "additionalApiServerCertSans:\n  - " + name + "\n";
        assertThat(text).contains(item);
        Files.writeString(file, text.replace(item, ""));
    }

    @Given("the tailnet {string} with the Kubernetes API behind the control planes")
    public void theTailnet(String suffix) {
        api = KubernetesApiStub.http();
        tailnet = new SimulatedTailnet(suffix, world.cluster(), api.upstream());
    }

    @When("kubectl connects to {string}")
    public void kubectlConnects(String nameAndPort) {
        int colon = nameAndPort.lastIndexOf(':');
        // the tailnet a Given step set up here, or the one of the whole simulated cluster (RolloutSteps)
        SimulatedTailnet on = tailnet != null ? tailnet : world.full().tailnet();
        last = on.dial(nameAndPort.substring(0, colon), Integer.parseInt(nameAndPort.substring(colon + 1)));
    }

    @When("ext-tailscale stops on {string}")
    public void extTailscaleStops(String hostname) {
        SimulatedNode node = world.cluster().node(hostname);
        // the node's config without its ExtensionServiceConfig documents: Talos stops ext-tailscale
        MachineConfig without = new MachineConfig(node.activeConfig().documents().stream()
                .filter(d -> !"ExtensionServiceConfig".equals(MachineConfig.kindOf(d))).toList());
        node.apply(without.toYaml().getBytes(StandardCharsets.UTF_8), ApplyMode.AUTO, false, null);
        assertThat(node.tailscaleRunning()).isFalse();
    }

    @When("{string} reboots and never comes back")
    public void rebootsForever(String hostname) {
        SimulatedNode node = world.cluster().node(hostname);
        node.faults().neverReturnsFromReboot(true);
        node.reboot();
        world.cluster().clock().advance(Duration.ofMinutes(10));
        assertThat(node.isReachable()).isFalse();
    }

    @Then("the tailnet serves {string} from {string}")
    public void servesFrom(String nameAndPort, String hosts) {
        List<String> expected = Arrays.stream(hosts.split(",")).map(String::trim).toList();
        assertThat(tailnet.advertised()).containsEntry(nameAndPort, expected);
    }

    @Then("the Kubernetes API answers through {string}")
    public void apiAnswersThrough(String hostname) {
        assertThat(last.outcome()).as(last.message()).isEqualTo(Outcome.REACHED_API);
        assertThat(last.host()).as(last.message()).contains(hostname);
        assertThat(last.apiServer()).as(last.message()).contains(hostname);
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.body()).contains("\"gitVersion\"");
    }

    @Then("tailscaled on {string} answers {string} itself")
    public void tailscaledAnswers(String hostname, String body) {
        assertThat(last.outcome()).as(last.message()).isEqualTo(Outcome.HTTP_ANSWER);
        assertThat(last.host()).contains(hostname);
        assertThat(last.apiServer()).isEmpty();
        assertThat(last.body().trim()).isEqualTo(body);
        assertThat(last.message()).contains("tailscaled on " + hostname);
    }

    @Then("the Kubernetes API was never reached")
    public void apiNeverReached() {
        assertThat(api.requests()).isZero();
    }

    @Then("nothing on the tailnet answers, because {string}")
    public void nothingAnswers(String reason) {
        assertThat(last.outcome()).as(last.message()).isEqualTo(Outcome.REFUSED);
        assertThat(last.message()).isEqualTo(reason);
    }

    @Then("kubectl fails with {string}")
    public void kubectlFails(String text) {
        assertThat(last.outcome()).as(last.message()).isEqualTo(Outcome.CERTIFICATE_ERROR);
        assertThat(last.message()).contains(text);
    }

    @After
    public void stop() {
        if (tailnet != null) {
            tailnet.close();
        }
        if (api != null) {
            api.close();
        }
    }
}
