package dev.talosrehearsal.spec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talosrehearsal.kube.impact.ObjectFiles;
import dev.talosrehearsal.sim.kube.ClusterObjects;
import dev.talosrehearsal.sim.kube.EmbeddedKubernetes;
import dev.talosrehearsal.spec.CommandRun;
import inet.ipaddr.IPAddressString;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.After;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Steps about {@code impact}: the real CLI against the scenario's copy of the fixture, or an embedded API loaded with it. */
public class ImpactSteps {
    private final Workspace ws;
    private EmbeddedKubernetes api;
    private final List<List<String>> scans = new ArrayList<>();

    public ImpactSteps(Workspace ws) {
        this.ws = ws;
    }

    @Given("a simulated Kubernetes API holding the objects in {string}")
    public void apiHolding(String dir) {
        api = new EmbeddedKubernetes();
        api.start();
        ClusterObjects.load(api, ObjectFiles.read(ws.path(dir)));
    }

    @Given("the file {string} holds:")
    public void fileHolds(String file, String text) throws IOException {
        Files.writeString(ws.path(file), text);
    }

    @When("I scan the simulated cluster for objects referring to {string} moving to {string}")
    public void scanCluster(String from, String to) {
        Path kubeconfig = api.writeKubeconfig(ws.path("impact-kubeconfig"));
        scan(from, to, "--kubeconfig", kubeconfig.toString());
    }

    @When("I scan the files in {string} for objects referring to {string} moving to {string}")
    public void scanFiles(String dir, String from, String to) {
        scan(from, to, ws.path(dir).toString());
    }

    @Then("the scan exits with code {int}")
    public void exitsWith(int code) {
        assertThat(ws.lastRun().exitCode()).as(ws.lastRun().toString()).isEqualTo(code);
    }

    @Then("the scan lists exactly these objects:")
    public void listsExactly(DataTable table) {
        List<String> expected = table.asMaps().stream()
                .map(r -> r.get("kind") + " " + orEmpty(r.get("namespace")) + "/" + r.get("name")).toList();
        List<String> objects = findings().stream().map(f -> f.path("kind").asText() + " " + f.path("namespace").asText() + "/"
                + f.path("name").asText()).distinct().toList();
        assertThat(objects).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Then("the scan shows {string} = {string} for {word} {string}")
    public void shows(String field, String value, String kind, String name) {
        assertThat(findings()).anyMatch(f -> f.path("kind").asText().equals(kind) && f.path("name").asText().equals(name)
                && f.path("field").asText().equals(field) && f.path("value").asText().equals(value));
    }

    @Then("the scan lists nothing from a Secret")
    public void nothingFromASecret() {
        assertThat(findings()).noneMatch(f -> f.path("kind").asText().equals("Secret"));
    }

    /** Each row an address or a range; a listed value that is an address or range inside one of them fails. */
    @Then("the scan lists no value inside:")
    public void noValueInside(List<String> ranges) {
        for (JsonNode f : findings()) {
            IPAddressString value = new IPAddressString(f.path("value").asText());
            for (String range : ranges) {
                assertThat(value.isIPAddress() && new IPAddressString(range).contains(value))
                        .as("%s %s/%s %s = %s is inside %s", f.path("kind").asText(), f.path("namespace").asText(), f.path("name").asText(),
                                f.path("field").asText(), value, range).isFalse();
            }
        }
    }

    @Then("both scans list the same values")
    public void bothTheSame() {
        assertThat(scans).hasSize(2);
        assertThat(scans.get(0)).isNotEmpty().containsExactlyElementsOf(scans.get(1));
    }

    private void scan(String from, String to, String... source) {
        List<String> args = new ArrayList<>(List.of("impact", "--from-cidr", from, "--to-cidr", to, "--json"));
        args.addAll(List.of(source));
        CommandRun run = ws.run(args.toArray(String[]::new));
        if (run.exitCode() == 0) {
            scans.add(findings().stream().map(JsonNode::toString).toList());
        }
    }

    private List<JsonNode> findings() {
        CommandRun run = ws.lastRun();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        try {
            List<JsonNode> out = new ArrayList<>();
            new ObjectMapper().readTree(run.out()).forEach(out::add);
            return out;
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + run, e);
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    @After
    public void stop() {
        if (api != null) {
            api.stop();
        }
    }
}
