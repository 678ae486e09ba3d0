package dev.talosrehearsal.spec.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.DirectoryTrees;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.kube.KubeNode;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.Journal;
import dev.talosrehearsal.rollout.JournalEvent;
import dev.talosrehearsal.rollout.JournalEvent.Type;
import dev.talosrehearsal.rollout.JournalPlans;
import dev.talosrehearsal.rollout.JournalState;
import dev.talosrehearsal.rollout.Planner;
import dev.talosrehearsal.rollout.RolloutListener;
import dev.talosrehearsal.rollout.RolloutPlan;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.rollout.RolloutTarget;
import dev.talosrehearsal.rehearsal.SimulatedTarget;
import dev.talosrehearsal.rollout.Verifier;
import dev.talosrehearsal.spec.Eventually;
import dev.talosrehearsal.sim.SimulatedCluster;
import dev.talosrehearsal.sim.kube.K3sKubernetes;
import dev.talosrehearsal.sim.node.Disruption;
import dev.talosrehearsal.sim.node.NodeEvent;
import dev.talosrehearsal.sim.node.SimulatedNode;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.talos.BootId;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosResults.ApplyResult;
import dev.talosrehearsal.talos.TalosResults.EtcdMemberInfo;
import dev.talosrehearsal.talos.TalosResults.EtcdMemberStatus;
import dev.talosrehearsal.talos.TalosResults.ServiceStatus;
import inet.ipaddr.IPAddressString;
import io.cucumber.datatable.DataTable;
import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.opentest4j.TestAbortedException;

/**
 * Steps about rolling a migration out: the whole simulated cluster of the rehearsal directory (Talos nodes, a
 * Kubernetes API, the tailnet) is started and faulted by Given steps only; When steps run the real planner, applier and
 * verifier through the real Talos client, exactly as {@code rehearse} wires them, with the simulated
 * cluster's clock (a rollout that waits minutes runs in a second); Then steps read the rollout report,
 * the journal, the nodes' own records, the Talos API and Kubernetes.
 */
public class RolloutSteps {
    private final Workspace ws;
    private final SimulatedWorld world;
    private final Map<String, Inventory.Node> inventoryOverrides = new LinkedHashMap<>();
    private final StringBuilder faults = new StringBuilder();
    private final List<String> progress = new ArrayList<>();
    /** Nodes whose kubelet crash-loops from their apply until the rollback begins. */
    private final List<String> crashloopUnderNewConfig = new ArrayList<>();
    private final Map<String, ApplyResult> dryRuns = new LinkedHashMap<>();
    private String running;
    private String lastFrom;
    private String lastTo;
    private ApplyMode lastMode = ApplyMode.AUTO;
    private boolean lastWithInventory;
    private int rollouts;
    private RolloutTarget target;
    private RolloutReport report;
    private Journal journal;
    /** A step after which the applier is "killed"; 0 for none. */
    private int killAfterStep;
    private List<Verifier.Check> checks;
    /** What fault steps change about the next rollouts (FaultSteps); the defaults are the applier's own. */
    final RolloutKnobs knobs = new RolloutKnobs();

    public RolloutSteps(Workspace ws, SimulatedWorld world) {
        this.ws = ws;
        this.world = world;
    }

    /** -Dtalos.rehearsal.backend=k3s without Docker: every scenario is skipped, with the reason, rather than run on another backend. */
    @Before(order = 0)
    public void requireConfiguredBackend() {
        if ("k3s".equals(SimulatedWorld.configuredBackend())) {
            K3sKubernetes.unavailableReason().ifPresent(reason -> {
                throw new TestAbortedException("skipped (-D" + SimulatedWorld.BACKEND_PROPERTY + "=k3s): " + reason);
            });
        }
    }

    // ------------------------------------------------------------------ Given: the simulated cluster

    @Given("the simulated cluster is running the {string} configs")
    public void theClusterIsRunning(String variant) {
        world.startFull(variant, inventory(), faults.length() == 0 ? null : "faults:\n" + faults);
        running = variant;
    }

    /** For a scenario whose configs no longer name the tailnet (a certSAN removed): the name the cluster is on. */
    @Given("the cluster's tailnet is {string}")
    public void theTailnetIs(String suffix) {
        world.tailnet(suffix);
    }

    /**
     * The machine's first link gets an address in 198.51.100.0/24 (TEST-NET-2, reserved for documentation, so in no
     * cluster's subnets) instead of its LAN addresses; tailscale0 is unchanged.
     */
    @Given("{string} has no address on the LAN")
    public void hasNoLanAddress(String hostname) {
        if (world.fullStarted()) {
            throw new IllegalStateException("a machine's addresses are set before the cluster starts: put this step before"
                    + " \"the simulated cluster is running ...\"");
        }
        Inventory.Node node = Inventory.read(ws.path("inventory.yaml")).node(hostname)
                .orElseThrow(() -> new AssertionError("no machine " + hostname + " in inventory.yaml"));
        String link = node.interfaces().keySet().stream().findFirst()
                .orElseThrow(() -> new AssertionError("machine " + hostname + " has no link in inventory.yaml"));
        int index = new ArrayList<>(Inventory.read(ws.path("inventory.yaml")).nodes().keySet()).indexOf(hostname);
        String other = "198.51.100." + (10 + index) + "/24";
        inventoryOverrides.put(hostname, Inventory.Node.of(hostname,
                node.tailscale().map(a -> a.withoutPrefixLength().toString()).orElse(null), link, other));
    }

    /** The services the node's image defines, as inventory.yaml's {@code extensionServices} says ("" for none). */
    @Given("the image of {string} defines the extension services {string}")
    public void imageDefines(String hostname, String services) {
        if (world.fullStarted()) {
            throw new IllegalStateException("a machine's image is set before the cluster starts: put this step before"
                    + " \"the simulated cluster is running ...\"");
        }
        Inventory.Node node = inventoryOverrides.containsKey(hostname) ? inventoryOverrides.get(hostname)
                : Inventory.read(ws.path("inventory.yaml")).node(hostname).orElseThrow(() -> new AssertionError("no machine " + hostname + " in inventory.yaml"));
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (String name : services.split(",")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        inventoryOverrides.put(hostname, new Inventory.Node(hostname, node.interfaces(), node.tailscale(), java.util.Optional.of(names)));
    }

    @Given("{string} will not come back from a reboot")
    public void neverComesBack(String hostname) {
        fault(hostname, "neverReturnsFromReboot: true", n -> n.faults().neverReturnsFromReboot(true));
    }

    /**
     * Fault rebootIgnored: Reboot (or an apply that reboots) is answered, but the reboot sequence never starts and the
     * node answers on, with the same boot ID — machined's sequencer locked (talos v1alpha1_server.go, Reboot;
     * v1alpha1_controller.go, Run: runtime.ErrLocked is only logged).
     */
    @Given("{string} does not reboot when asked to")
    public void neverReboots(String hostname) {
        fault(hostname, "rebootIgnored: true", n -> n.faults().rebootIgnored(null));
    }

    /** The same for the node's next reboot only: later ones (a rollback's) happen. */
    @Given("{string} does not reboot the first time it is asked to")
    public void skipsOneReboot(String hostname) {
        fault(hostname, "rebootIgnored: 1", n -> n.faults().rebootIgnored(1));
    }

    @Given("the apply on {string} fails with {string}")
    public void applyFails(String hostname, String code) {
        fault(hostname, "grpcError: {method: ApplyConfiguration, code: " + code + ", message: connection reset by peer, times: 1}",
                n -> n.faults().grpcError(new dev.talosrehearsal.sim.node.NodeFaults.GrpcError("ApplyConfiguration",
                        dev.talosrehearsal.sim.node.ApiCode.valueOf(code), "connection reset by peer", 1)));
    }

    @Given("{string} answers {string} with {string} every time")
    public void alwaysFails(String hostname, String method, String code) {
        fault(hostname, "grpcError: {method: " + method + ", code: " + code + ", message: injected failure}",
                n -> n.faults().grpcError(new dev.talosrehearsal.sim.node.NodeFaults.GrpcError(method,
                        dev.talosrehearsal.sim.node.ApiCode.valueOf(code), "injected failure", null)));
    }

    @Given("etcd on {string} is unhealthy")
    public void etcdUnhealthy(String hostname) {
        fault(hostname, "etcdUnhealthy: true", n -> n.faults().etcdUnhealthy(true));
    }

    @Given("the kubelet on {string} is crash-looping")
    public void kubeletCrashloop(String hostname) {
        fault(hostname, "kubeletCrashloop: true", n -> n.faults().kubeletCrashloop(true));
    }

    /**
     * A kubelet that fails only under the new config (pre-flight sees it healthy): it starts crash-looping when the
     * applier's apply on the node succeeds and stops when the rollback begins, so the rollback's own gates pass.
     */
    @Given("the kubelet on {string} crash-loops once it runs its new config")
    public void kubeletCrashloopUnderNewConfig(String hostname) {
        crashloopUnderNewConfig.add(hostname);
    }

    /** Before the cluster starts, the fault goes into its faults.yaml; once it runs, onto the node itself. */
    void fault(String hostname, String yaml, java.util.function.Consumer<SimulatedNode> now) {
        if (world.fullStarted()) {
            now.accept(world.full().node(hostname));
            world.full().sync();
        } else {
            faults.append("  - node: ").append(hostname).append("\n    ").append(yaml).append('\n');
        }
    }

    private Inventory inventory() {
        Map<String, Inventory.Node> nodes = new LinkedHashMap<>(Inventory.read(ws.path("inventory.yaml")).nodes());
        nodes.putAll(inventoryOverrides);
        return new Inventory(nodes);
    }

    // ------------------------------------------------------------------ When: the real planner, applier, verifier

    @When("I roll out the {string} configs")
    public void rollOut(String target) {
        rollout(running, target, ApplyMode.AUTO, false);
    }

    @When("I roll out the {string} configs with the inventory")
    public void rollOutWithInventory(String target) {
        rollout(running, target, ApplyMode.AUTO, true);
    }

    @When("I roll out the {string} configs in {string} mode")
    public void rollOutInMode(String target, String mode) {
        rollout(running, target, ApplyMode.parse(mode), false);
    }

    @When("I roll out the same configs again")
    public void rollOutAgain() {
        assertThat(lastTo).as("a rollout ran before").isNotNull();
        rollout(lastFrom, lastTo, lastMode, lastWithInventory);
    }

    /**
     * The rollback procedure: put the old values back into talconfig.yaml: that is the "before" talconfig;
     * regenerate with the real generator; apply node by node with the applier, which rolls a plan out the same
     * way in either direction. before/ is reverted to as a whole — its talconfig with the patch and manifest files it
     * reads beside itself, or its captured configs — as {@code git revert} brings back every file of the commit; a
     * copy of the talconfig alone left its {@code @./patches/...} behind (most real clusters', 2026-12-07).
     */
    @When("I run the rollback procedure")
    public void rollbackProcedure() throws IOException {
        DirectoryTrees.copy(ws.path("before"), ws.path("reverted"), relative -> false);
        rollout(running, "reverted", ApplyMode.AUTO, false);
    }

    @When("I dry-run the {string} configs on every node")
    public void dryRunEveryNode(String variant) {
        for (RenderedNode node : world.rendered(variant).nodes()) {
            byte[] config = node.config().toYaml().getBytes(StandardCharsets.UTF_8);
            dryRuns.put(node.hostname(), talos().apply(address(node.hostname()), config, ApplyMode.AUTO, true, null));
        }
    }

    @When("I verify the cluster against the {string} configs")
    public void verify(String variant) {
        SimulatedCluster cluster = world.full();
        cluster.sync();
        RenderedCluster expected = world.rendered(variant);
        checks = target().verifier(expected.controlPlaneTargets()).verify(expected);
    }

    @When("{int} minutes pass on the cluster's clock")
    public void minutesPass(int minutes) {
        world.full().advance(Duration.ofMinutes(minutes));
    }

    /**
     * As if the applier's process were killed (kill -9, a lost laptop lid) right after step {@code step}
     * passed its gates: the run stops there, and what it leaves is the journal as it is on disk.
     */
    @When("I roll out the {string} configs and the applier is killed after step {int}")
    public void rollOutAndKill(String target, int step) {
        killAfterStep = step;
        try {
            assertThatThrownBy(() -> rollOut(target)).hasMessageContaining("killed");
        } finally {
            killAfterStep = 0;
        }
        report = null;
    }

    /** {@code talos-rehearsal resume}: the plan is rebuilt from the journal alone, and the rollout goes on where it stopped. */
    @When("I resume the rollout from its journal")
    public void resume() {
        try (Journal reopened = Journal.open(journal.dir(), knobs.eventWriter)) {
            RolloutPlan plan = JournalPlans.rebuild(reopened);
            progress.clear();
            Applier applier = target().applier(knobs.settings(lastMode, null), progressListener(), world.rendered(lastFrom).controlPlaneTargets());
            knobs.applierStarted(applier);
            report = applier.resume(plan, reopened);
            journal = reopened; // closed, still readable
        }
        if (report.outcome == RolloutReport.Outcome.MIGRATED) {
            running = lastTo;
        }
    }

    private RolloutListener progressListener() {
        return knobs.around(new RolloutListener() {
            @Override
            public void progress(String line) {
                progress.add(line);
                for (String host : crashloopUnderNewConfig) {
                    if (line.contains(host + " apply … ok")) {
                        world.full().node(host).faults().kubeletCrashloop(true);
                    } else if (line.contains("rolling back")) {
                        world.full().node(host).faults().kubeletCrashloop(false);
                    }
                }
            }

            @Override
            public void stepDone(RolloutPlan.Step step) {
                if (step.number() == killAfterStep) {
                    throw new IllegalStateException("applier killed after step " + step.number());
                }
            }
        });
    }

    private void rollout(String from, String to, ApplyMode mode, boolean withInventory) {
        lastFrom = from;
        lastTo = to;
        lastMode = mode;
        lastWithInventory = withInventory;
        RolloutPlan plan = new Planner().plan(world.rendered(from), world.rendered(to),
                new Planner.Options(knobs.workersAtATime, knobs.onlyNodes, world.tailnet().orElse(null)));
        Applier.Settings settings = knobs.settings(mode, withInventory ? addresses(inventory()) : null);
        journal = Journal.create(ws.path("journal-" + (++rollouts)), JournalPlans.manifest(plan, settings, knobs.workersAtATime,
                world.tailnet().orElse(null)), plan.nodeChanges(), knobs.eventWriter);
        progress.clear();
        try (Journal locked = journal) { // released like a process's lock when it ends, killed or not; still readable
            Applier applier = target().applier(settings, progressListener(), world.rendered(from).controlPlaneTargets());
            knobs.applierStarted(applier);
            report = applier.run(plan, locked);
        }
        if (report.outcome == RolloutReport.Outcome.MIGRATED) {
            running = to;
        }
    }

    /** The operator's inventory as pre-flight takes it: every address a machine has, tailscale0's included. */
    private static Map<String, List<String>> addresses(Inventory inventory) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        inventory.nodes().forEach((host, node) -> {
            List<String> all = new ArrayList<>(node.addresses().stream().map(a -> a.withoutPrefixLength().toString()).toList());
            node.tailscale().ifPresent(t -> all.add(t.withoutPrefixLength().toString()));
            map.put(host, all);
        });
        return map;
    }

    /** The simulated cluster as the applier sees it, wired exactly as {@code rehearse} wires it (the cluster's own clock). */
    RolloutTarget target() {
        if (target == null) {
            target = SimulatedTarget.of(world.full(), world.tailnet().orElse(null));
        }
        return target;
    }

    private TalosClient talos() {
        return target().talos();
    }

    private ClusterView kube() {
        return target().kube();
    }

    /** The address the Talos client reaches a node at: the one of the config it booted with. */
    private String address(String hostname) {
        return world.rendered(running).node(hostname).orElseThrow(() -> new AssertionError("no node " + hostname)).addresses().get(0);
    }

    /** The last rollout's report, for FaultSteps (null before any rollout, and after a killed one). */
    RolloutReport report() {
        return report;
    }

    void report(RolloutReport report) {
        this.report = report;
    }

    /** The last rollout's journal (closed once its run ended; still readable). */
    Journal journal() {
        assertThat(journal).as("a rollout ran before").isNotNull();
        return journal;
    }

    List<String> progressLines() {
        return progress;
    }

    /** The variant the last rollout started from (what its control planes' addresses are). */
    String lastFrom() {
        return lastFrom;
    }

    String lastTo() {
        return lastTo;
    }

    ApplyMode lastMode() {
        return lastMode;
    }

    /** Called when a rollout or a rollback from the journal migrated to {@code variant}. */
    void nowRunning(String variant) {
        running = variant;
    }

    @After
    public void close() {
        if (target != null) {
            target.close();
        }
    }

    // ------------------------------------------------------------------ Then: the report and the journal

    @Then("the rollout ends {string}")
    public void rolloutEnds(String outcome) {
        // the failure first: a spec run prints the first line of the message next to the scenario
        assertThat(report.outcome.id()).as("the rollout's outcome (%s)%n%s%nprogress:%n%s",
                report.failure == null ? "no failure" : report.failure, report.toJson(), String.join("\n", progress)).isEqualTo(outcome);
    }

    @Then("the report says {string}")
    public void reportSays(String text) {
        assertThat(report.failure).as(report.toJson()).contains(text);
    }

    @Then("the nodes were changed in this order:")
    public void changedInOrder(List<String> hostnames) {
        assertThat(journalNodes(Type.APPLIED)).as(String.join("\n", progress)).containsExactlyElementsOf(hostnames);
    }

    @Then("each node passed its gates before the next one was changed:")
    public void gatesPerNode(DataTable table) {
        for (Map<String, String> row : table.asMaps()) {
            RolloutReport.NodeRecord record = report.nodes.get(row.get("node"));
            assertThat(record).as("node %s in the report", row.get("node")).isNotNull();
            assertThat(record.gates.stream().map(g -> g.gate() + (g.passed() ? "" : " (failed)")).collect(Collectors.joining(", ")))
                    .as(report.toJson()).isEqualTo(row.get("gates"));
        }
        List<JournalEvent> events = journal.events().stream().filter(e -> e.type() == Type.APPLYING || e.type() == Type.GATES_PASSED).toList();
        for (int i = 0; i < events.size(); i++) {
            JournalEvent event = events.get(i);
            if (event.type() == Type.APPLYING) {
                assertThat(i + 1 < events.size() ? events.get(i + 1) : null).as("after applying %s, the journal shows its gates passed", event.node())
                        .matches(e -> e != null && e.type() == Type.GATES_PASSED && e.node().equals(event.node()));
            }
        }
    }

    @Then("the rollout rolled back, in this order:")
    public void rolledBackInOrder(List<String> hostnames) {
        assertThat(report.rolledBack).as(report.toJson()).containsExactlyElementsOf(hostnames);
    }

    @Then("nothing was rolled back")
    public void nothingRolledBack() {
        assertThat(report.rolledBack).as(report.toJson()).isEmpty();
        assertThat(journalNodes(Type.ROLLBACK_APPLYING)).isEmpty();
    }

    @Then("pre-flight failed the check {string} for {string}")
    public void preflightFailed(String check, String node) {
        assertThat(report.preflight).as(report.toJson())
                .anyMatch(c -> c.name().equals(check) && !c.passed() && ("-".equals(node) ? c.node() == null : node.equals(c.node())));
    }

    @Then("pre-flight passed the check {string} for {string}")
    public void preflightPassed(String check, String node) {
        assertThat(report.preflight).as(report.toJson()).anyMatch(c -> c.name().equals(check) && c.passed() && node.equals(c.node()));
    }

    @Then("the journal shows these nodes done and the rollout unfinished:")
    public void journalShowsUnfinished(List<String> hostnames) {
        assertThat(journalNodes(Type.GATES_PASSED)).containsExactlyElementsOf(hostnames);
        assertThat(journal.events()).extracting(JournalEvent::type).doesNotContain(Type.FINISHED);
    }

    /**
     * The journal holds a REBOOT_CONFIRMED event for each node, in this order, and the node's last one names the boot ID
     * it runs on now (the applier read it through MachineService.Read, as talosctl's reboot --wait does).
     */
    @Then("the journal confirms each reboot by a new boot ID, in this order:")
    public void rebootsConfirmed(List<String> hostnames) {
        List<JournalEvent> confirmed = journal.events().stream().filter(e -> e.type() == Type.REBOOT_CONFIRMED).toList();
        assertThat(confirmed).extracting(JournalEvent::node).as(String.join("\n", progress)).containsExactlyElementsOf(hostnames);
        for (String host : hostnames) {
            JournalEvent last = confirmed.stream().filter(e -> e.node().equals(host)).reduce((a, b) -> b).orElseThrow();
            assertThat(last.detail()).as(host).matches("boot ID [0-9a-f-]{36} → [0-9a-f-]{36}")
                    .endsWith(world.full().node(host).bootId());
        }
    }

    /**
     * A run stopped while {@code hostname} rebooted, and the resumed run confirmed that reboot with the boot ID the
     * stopped run had journaled: after the STOPPED event, a REBOOT_CONFIRMED for it from that ID to the one it runs on now.
     */
    @Then("the journal confirms the reboot of {string} after the stop, by the boot ID journaled before it")
    public void rebootConfirmedAfterStop(String hostname) {
        List<JournalEvent> events = journal.events();
        int stop = events.stream().map(JournalEvent::type).toList().lastIndexOf(Type.STOPPED);
        assertThat(stop).as("a STOPPED event in %s", journal.dir()).isNotNegative();
        BootId journaled = JournalState.unconfirmedReboots(events.subList(0, stop)).get(hostname);
        assertThat(journaled).as("%s's boot ID, journaled before the stop with its reboot unconfirmed", hostname).isNotNull();
        List<JournalEvent> confirmed = events.subList(stop, events.size()).stream()
                .filter(e -> e.type() == Type.REBOOT_CONFIRMED && hostname.equals(e.node())).toList();
        assertThat(confirmed).as(String.join("\n", progress)).hasSize(1);
        assertThat(confirmed.get(0).detail()).isEqualTo("boot ID " + journaled + " → " + world.full().node(hostname).bootId());
    }

    @Then("the journal shows every node already ran these configs")
    public void alreadyApplied() {
        assertThat(journalNodes(Type.APPLYING)).isEmpty();
        assertThat(journalNodes(Type.ALREADY_APPLIED)).hasSize(world.rendered(lastTo).nodes().size());
    }

    @Then("the report tells the operator what to finish by hand:")
    public void manualSteps(DataTable table) {
        for (Map<String, String> row : table.asMaps()) {
            assertThat(report.manualSteps).as(report.toJson())
                    .anyMatch(s -> s.startsWith(row.get("node") + ": ") && s.contains(row.get("says")));
        }
    }

    private List<String> journalNodes(Type type) {
        return journal.events().stream().filter(e -> e.type() == type).map(JournalEvent::node).toList();
    }

    // ------------------------------------------------------------------ Then: the nodes' own records

    @Then("no node applied a config")
    public void noNodeApplied() {
        for (SimulatedNode node : world.full().talos().nodes()) {
            assertThat(node.events()).as(node.hostname()).noneMatch(e -> e.kind() == NodeEvent.Kind.APPLIED);
        }
    }

    @Then("these nodes never applied a config:")
    public void neverApplied(List<String> hostnames) {
        for (String host : hostnames) {
            assertThat(world.full().node(host).events()).as(host).noneMatch(e -> e.kind() == NodeEvent.Kind.APPLIED);
        }
    }

    @Then("every node applied a config exactly once")
    public void appliedOnce() {
        for (SimulatedNode node : world.full().talos().nodes()) {
            assertThat(node.events().stream().filter(e -> e.kind() == NodeEvent.Kind.APPLIED)).as(node.hostname()).hasSize(1);
        }
    }

    @Then("every node runs its {string} config")
    public void everyNodeRuns(String variant) {
        eventually(() -> {
            for (RenderedNode expected : world.rendered(variant).nodes()) {
                assertThat(world.full().node(expected.hostname()).activeConfig().toYaml()).as(expected.hostname())
                        .isEqualTo(expected.config().toYaml());
            }
        });
    }

    @Then("{string} still runs its {string} config")
    public void stillRuns(String hostname, String variant) {
        eventually(() -> assertThat(world.full().node(hostname).activeConfig().toYaml())
                .isEqualTo(world.rendered(variant).node(hostname).orElseThrow().config().toYaml()));
    }

    @Then("{string} reverted the try by itself")
    public void revertedTry(String hostname) {
        assertThat(world.full().node(hostname).events()).anyMatch(e -> e.kind() == NodeEvent.Kind.TRY_REVERTED);
    }

    @Then("every node confirmed its try")
    public void confirmedTry() {
        for (SimulatedNode node : world.full().talos().nodes()) {
            assertThat(node.events()).as(node.hostname()).anyMatch(e -> e.kind() == NodeEvent.Kind.TRY_CONFIRMED)
                    .noneMatch(e -> e.kind() == NodeEvent.Kind.TRY_REVERTED);
            assertThat(node.tryPending()).as(node.hostname()).isFalse();
        }
    }

    @Then("no two control planes were disrupted at the same time")
    public void neverTwoControlPlanes() {
        List<Disruption> all = new ArrayList<>();
        for (SimulatedNode node : world.full().talos().nodes()) {
            if (node.controlPlane()) {
                all.addAll(node.disruptions());
            }
        }
        assertThat(all.stream().map(Disruption::node).distinct()).as("control planes the rollout disrupted: %s", all).hasSizeGreaterThan(1);
        for (Disruption a : all) {
            for (Disruption b : all) {
                if (!a.node().equals(b.node())) {
                    assertThat(a.overlaps(b)).as("%s overlaps %s", a, b).isFalse();
                }
            }
        }
    }

    @Then("every dry run answers with a diff and no node changed")
    public void dryRunsChangeNothing() {
        assertThat(dryRuns).hasSize(world.full().talos().nodes().size());
        dryRuns.forEach((host, reply) -> assertThat(reply.details()).as(host).startsWith("Dry run summary:").contains("Config diff:")
                .doesNotContain("No changes."));
        noNodeApplied();
    }

    // ------------------------------------------------------------------ Then: what Kubernetes, Talos and the tailnet show

    @Then("Kubernetes sees every node on an address in {string}")
    public void kubernetesSeesEveryNodeIn(String subnet) {
        eventually(() -> {
            world.full().sync();
            // by the Node name Talos derives (m0.k8s.internal is Node m0), not the hostname
            List<String> names = world.full().talos().nodes().stream().map(SimulatedNode::nodeName).toList();
            List<KubeNode> all = kube().nodes();
            List<KubeNode> nodes = all.stream().filter(n -> names.contains(n.name())).toList();
            assertThat(nodes).as("Nodes %s among %s", names, all.stream().map(KubeNode::name).toList()).hasSameSizeAs(names);
            for (KubeNode node : nodes) {
                assertThat(node.ready()).as("%s Ready", node.name()).isTrue();
                assertThat(node.internalIPs()).as(node.name()).isNotEmpty()
                        .allMatch(ip -> new IPAddressString(subnet).contains(new IPAddressString(ip)));
            }
        });
    }

    @Then("the verification list passes:")
    public void verificationPasses(DataTable table) {
        String all = checks.stream().map(Object::toString).collect(Collectors.joining("\n"));
        assertThat(checks).as(all).isNotEmpty().allMatch(Verifier.Check::passed);
        for (Map<String, String> row : table.asMaps()) {
            String says = row.get("says");
            assertThat(checks).as("a %s check saying \"%s\" in%n%s", row.get("check"), says, all)
                    .anyMatch(c -> c.name().equals(row.get("check")) && (says == null || c.detail().contains(says)));
        }
    }

    @Then("the verification fails {string} for {string} because {string}")
    public void verificationFails(String check, String node, String because) {
        assertThat(checks).as(checks.toString())
                .anyMatch(c -> c.name().equals(check) && node.equals(c.node()) && !c.passed() && c.detail().contains(because));
    }

    @Then("etcd lists {int} members, each healthy, with peer URLs in {string}")
    public void etcdMembers(int count, String subnet) {
        eventually(() -> {
            List<String> cps = world.rendered(running).controlPlaneTargets();
            List<NodeReply<List<EtcdMemberInfo>>> replies = talos().etcdMembers(List.of(cps.get(0)));
            List<EtcdMemberInfo> members = replies.get(0).orThrow();
            assertThat(members).hasSize(count);
            for (EtcdMemberInfo m : members) {
                assertThat(m.peerUrls()).as(m.hostname()).isNotEmpty()
                        .allMatch(url -> new IPAddressString(subnet).contains(new IPAddressString(java.net.URI.create(url).getHost())));
            }
            for (NodeReply<EtcdMemberStatus> status : talos().etcdStatus(cps)) {
                assertThat(status.orThrow().healthy()).as(status.toString()).isTrue();
            }
        });
    }

    @Then("{string} is running on every control plane and on no worker")
    public void serviceOnControlPlanesOnly(String service) {
        serviceRunning(service, true, false);
    }

    @Then("{string} is running on every node")
    public void serviceEverywhere(String service) {
        serviceRunning(service, true, true);
    }

    private void serviceRunning(String service, boolean onControlPlanes, boolean onWorkers) {
        eventually(() -> {
            for (RenderedNode node : world.rendered(running).nodes()) {
                ServiceStatus status = talos().services(List.of(node.addresses().get(0))).get(0).orThrow().stream()
                        .filter(s -> s.id().equals(service)).findFirst().orElse(null);
                boolean want = node.controlPlane() ? onControlPlanes : onWorkers;
                if (want) {
                    assertThat(status).as("%s on %s", service, node.hostname()).isNotNull();
                    assertThat(status.runningAndHealthy()).as("%s on %s: %s", service, node.hostname(), status).isTrue();
                } else {
                    assertThat(status == null || !"Running".equals(status.state())).as("%s on %s: %s", service, node.hostname(), status).isTrue();
                }
            }
        });
    }

    @Then("every control plane's serve config forwards {string} port {int} to {string}")
    public void serveConfigForwards(String service, int port, String target) {
        for (SimulatedNode node : world.full().talos().nodes()) {
            if (!node.controlPlane()) {
                continue;
            }
            Optional<JsonNode> serve = node.serveConfig();
            assertThat(serve).as("%s has a serve config", node.hostname()).isPresent();
            assertThat(serve.get().at("/Services/" + service.replace("/", "~1") + "/TCP/" + port + "/TCPForward").asText())
                    .as("%s: %s", node.hostname(), serve.get()).isEqualTo(target);
        }
    }

    static void eventually(Eventually.Assertion assertion) {
        Eventually.holds(assertion);
    }
}
