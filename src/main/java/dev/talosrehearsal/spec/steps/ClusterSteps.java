package dev.talosrehearsal.spec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.sim.kube.K3sKubernetes;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.spec.Eventually;
import dev.talosrehearsal.kube.Kubectl;
import io.cucumber.datatable.DataTable;
import dev.talosrehearsal.sim.kube.EmbeddedKubernetes;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.opentest4j.TestAbortedException;

/**
 * Steps about the cluster's Kubernetes side: the node mirror, seen through the real kubectl binary.
 * Every step that changes the simulated cluster, and every kubectl run, first syncs the mirror
 * ({@code NodeMirror.sync()}), so kubectl sees the nodes as they are at that point.
 */
public class ClusterSteps {
    private final Workspace ws;
    private final SimulatedWorld world;
    private Path kubeconfig;
    private Kubectl.Result lastKubectl;
    private Kubectl.Running watch;
    private int watchedRows;

    public ClusterSteps(Workspace ws, SimulatedWorld world) {
        this.ws = ws;
        this.world = world;
    }

    @Before("@requires-docker")
    public void requireDocker() {
        K3sKubernetes.unavailableReason().ifPresent(reason -> {
            throw new TestAbortedException("skipped (@requires-docker): " + reason);
        });
    }

    @Before("@kubectl")
    public void requireKubectl() {
        if (Kubectl.find().isEmpty()) {
            throw new TestAbortedException("skipped (@kubectl): " + Kubectl.MISSING);
        }
    }

    @Given("a simulated cluster running the {string} configs with the {string} Kubernetes API")
    public void aSimulatedClusterWithKubernetes(String variant, String backend) {
        world.start(variant);
        // "embedded" is the default backend: -Dtalos.rehearsal.backend=k3s runs the same scenario on k3s
        world.startKubernetes("embedded".equals(backend) ? SimulatedWorld.configuredBackend() : backend);
        kubeconfig = world.kube().writeKubeconfig(ws.path("kubeconfig"));
    }

    @When("I apply the {string} config to every node")
    public void applyToEveryNode(String variant) {
        for (RenderedNode node : world.rendered(variant).nodes()) {
            String address = world.rendered("before").node(node.hostname()).orElseThrow().addresses().get(0);
            world.client().apply(address, node.config().toYaml().getBytes(StandardCharsets.UTF_8), ApplyMode.AUTO, false, null);
        }
        world.syncKubernetes();
    }

    @When("{string} reboots")
    public void reboots(String hostname) {
        world.client().reboot(world.rendered("before").node(hostname).orElseThrow().addresses().get(0));
        world.syncKubernetes();
    }

    @When("I run {string}")
    public void iRun(String commandLine) {
        List<String> words = Arrays.asList(commandLine.trim().split("\\s+"));
        assertThat(words.get(0)).as("only kubectl runs here").isEqualTo("kubectl");
        if (Kubectl.find().isEmpty()) {
            throw new TestAbortedException(Kubectl.MISSING);
        }
        world.syncKubernetes();
        if (kubeconfig == null) {
            kubeconfig = world.kube().writeKubeconfig(ws.path("kubeconfig"));
        }
        lastKubectl = Kubectl.run(kubeconfig, kubectlArgs(words));
        assertThat(lastKubectl.exitCode()).as("%s\n%s", commandLine, lastKubectl).isZero();
    }

    /** kubectl's arguments after the word "kubectl"; on a real API server (k3s) only the simulated Nodes are listed, not its own. */
    private static String[] kubectlArgs(List<String> words) {
        List<String> args = new java.util.ArrayList<>(words.subList(1, words.size()));
        if (!"embedded".equals(SimulatedWorld.configuredBackend()) && args.size() >= 2 && args.get(0).equals("get")
                && args.get(1).startsWith("node") && !args.contains("-l")) {
            args.addAll(List.of("-l", "talos-rehearsal.dev/simulated=true"));
        }
        return args.toArray(String[]::new);
    }

    @Given("I watch with {string}")
    public void iWatchWith(String commandLine) {
        List<String> words = Arrays.asList(commandLine.trim().split("\\s+"));
        assertThat(words.get(0)).as("only kubectl runs here").isEqualTo("kubectl");
        if (Kubectl.find().isEmpty()) {
            throw new TestAbortedException(Kubectl.MISSING);
        }
        world.syncKubernetes();
        watch = Kubectl.start(kubeconfig, kubectlArgs(words));
        int nodes = world.cluster().nodes().size();
        Eventually.until("kubectl's watch lists every node", () -> watch.stdout().lines().count() > nodes, Duration.ofSeconds(30));
        watchedRows = nodes;
        if (world.kube() instanceof EmbeddedKubernetes embedded) {
            // the embedded API's watches begin when they open, not at the version kubectl listed
            Eventually.until("the embedded API opens kubectl's watch", () -> embedded.openHttpWatches() > 0, Duration.ofSeconds(30));
        }
    }

    @Then("the watch shows {string} become {string}, then {string}")
    public void theWatchShows(String name, String first, String then) {
        world.syncKubernetes();
        Eventually.until("the watch shows " + name + " " + then + ":\n" + watch.stdout(), () -> statusesAfterTheList(name).contains(then),
                Eventually.LIMIT);
        assertThat(statusesAfterTheList(name)).as(watch.stdout()).containsSubsequence(first, then);
    }

    /** The STATUS of every row kubectl printed for {@code name} after the initial list. */
    private List<String> statusesAfterTheList(String name) {
        List<Map<String, String>> rows = Kubectl.table(watch.stdout());
        return rows.subList(Math.min(watchedRows, rows.size()), rows.size()).stream().filter(r -> name.equals(r.get("NAME")))
                .map(r -> r.get("STATUS")).toList();
    }

    @After
    public void stopWatching() {
        if (watch != null) {
            watch.close();
        }
    }

    @Then("kubectl lists these nodes:")
    public void kubectlListsTheseNodes(DataTable expected) {
        List<Map<String, String>> rows = Kubectl.table(lastKubectl.stdout());
        List<Map<String, String>> wanted = expected.asMaps();
        assertThat(rows).as(lastKubectl.stdout()).hasSameSizeAs(wanted);
        for (int i = 0; i < wanted.size(); i++) {
            for (Map.Entry<String, String> cell : wanted.get(i).entrySet()) {
                assertThat(rows.get(i).get(cell.getKey())).as("row %d column %s of\n%s", i + 1, cell.getKey(), lastKubectl.stdout())
                        .isEqualTo(cell.getValue());
            }
        }
    }

    @Then("kubectl shows {string} as {string}")
    public void kubectlShowsNodeAs(String name, String status) {
        Map<String, String> row = Kubectl.table(lastKubectl.stdout()).stream().filter(r -> name.equals(r.get("NAME"))).findFirst()
                .orElseThrow(() -> new AssertionError("kubectl did not list " + name + ":\n" + lastKubectl.stdout()));
        assertThat(row.get("STATUS")).as(lastKubectl.stdout()).isEqualTo(status);
    }
}
