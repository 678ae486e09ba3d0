package dev.talosrehearsal.spec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.rollout.Applier;
import dev.talosrehearsal.rollout.EventWriter;
import dev.talosrehearsal.rollout.Journal;
import dev.talosrehearsal.rollout.JournalAudit;
import dev.talosrehearsal.rollout.JournalEvent;
import dev.talosrehearsal.rollout.JournalPlans;
import dev.talosrehearsal.rollout.RolloutListener;
import dev.talosrehearsal.rollout.RolloutPlan;
import dev.talosrehearsal.rollout.RolloutReport;
import dev.talosrehearsal.sim.node.Disruption;
import dev.talosrehearsal.sim.node.SimulatedNode;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steps for the fault matrix (features/faults/): what happens to the applier's options, its journal's disk and its
 * process while a rollout runs, and the end states every fault must reach — the journal consistent with what the nodes
 * run, or a stop whose manual steps name paths that exist.
 */
public class FaultSteps {
    /** An absolute path in a message: up to a blank, a parenthesis or a comma. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<=^|[\\s(])(/[^\\s(),]+)");

    private final SimulatedWorld world;
    private final RolloutSteps rollout;
    private final DiskOfTheJournal disk = new DiskOfTheJournal();
    private final List<String> secondApplier = new ArrayList<>();

    public FaultSteps(SimulatedWorld world, RolloutSteps rollout) {
        this.world = world;
        this.rollout = rollout;
        rollout.knobs.eventWriter = disk;
    }

    // ------------------------------------------------------------------ Given: the applier's options and its disk

    // ------------------------------------------------------------------ Given: faults of the simulated nodes

    /** Fault {@code bootsPreviousConfig}: the write of the applied config to the node's disk did not survive its reboot. */
    @Given("{string} comes back from its next reboot with its old config")
    public void bootsPreviousConfig(String hostname) {
        rollout.fault(hostname, "bootsPreviousConfig: true", n -> n.faults().bootsPreviousConfig(true));
    }

    /**
     * etcd on {@code hostname} turns unhealthy (fault {@code etcdUnhealthy}) the moment the applier's apply on {@code applied}
     * returns: after the quorum check that step made. Talos updates a member's peer URLs through etcd's MemberUpdate,
     * which needs quorum (talos PR 6106); without it the update waits.
     */
    @Given("etcd on {string} turns unhealthy once {string} is applied")
    public void etcdTurnsUnhealthy(String hostname, String applied) {
        onApplied(applied, () -> world.full().node(hostname).faults().etcdUnhealthy(true));
    }

    /** The same, for {@code minutes} of the cluster's time; then etcd on the node is healthy again. */
    @Given("etcd on {string} turns unhealthy for {int} minutes once {string} is applied")
    public void etcdTurnsUnhealthyFor(String hostname, int minutes, String applied) {
        onApplied(applied, () -> {
            SimulatedNode node = world.full().node(hostname);
            node.faults().etcdUnhealthy(true);
            world.full().clock().schedule(Duration.ofMinutes(minutes), () -> node.faults().etcdUnhealthy(false));
        });
    }

    private void onApplied(String applied, Runnable then) {
        rollout.knobs.listeners.add(new RolloutListener() {
            private boolean done;

            @Override
            public void progress(String line) {
                if (!done && line.contains(applied + " apply … ok")) {
                    done = true;
                    then.run();
                }
            }
        });
    }

    /** Fault {@code tailnetCutOff}: tailscaled on the node reaches no peer; its LAN and Talos API are fine. */
    @Given("{string} is cut off from the tailnet")
    public void tailnetCutOff(String hostname) {
        rollout.fault(hostname, "tailnetCutOff: true", n -> n.faults().tailnetCutOff(true));
    }

    /** Fault {@code applyAnswerTimesOut}: the apply happens on the node, the client sees DEADLINE_EXCEEDED. */
    @Given("the apply on {string} takes effect but its answer times out")
    public void applyAnswerTimesOut(String hostname) {
        rollout.fault(hostname, "applyAnswerTimesOut: true", n -> n.faults().applyAnswerTimesOut(true));
    }

    /**
     * The Kubernetes API flaps: it does not answer while any control plane reboots, nor for {@code seconds} after it is
     * back. The kubeconfig reaches one API server through the cluster endpoint; when that is a control plane's own
     * address, or a Talos VIP whose holder reboots (the VIP moves only once another control plane wins the election;
     * Talos docs, "Virtual (shared) IP"), the API is gone for the reboot and until kubelet has started the node's
     * kube-apiserver static pod again, which is after apid answers (and the boot ID is confirmed). Embedded Kubernetes
     * API only.
     */
    @Given("the Kubernetes API does not answer while a control plane reboots nor for {int} seconds after")
    public void kubernetesApiFlaps(int seconds) {
        var cluster = world.full().talos();
        Duration after = Duration.ofSeconds(seconds);
        embeddedApi().nodeReadsUnavailableWhile(() -> cluster.nodes().stream().filter(n -> n.controlPlane()).anyMatch(n -> !n.isReachable()
                || n.disruptions().stream().anyMatch(d -> d.kind() == Disruption.Kind.REBOOT && d.end() != null
                        && n.clock().now().isBefore(d.end().plus(after)))));
    }

    /** The Kubernetes API does not answer at all (its endpoint down). Embedded Kubernetes API only. */
    @Given("the Kubernetes API does not answer")
    public void kubernetesApiDown() {
        embeddedApi().nodeReadsUnavailableWhile(() -> true);
    }

    private dev.talosrehearsal.sim.kube.EmbeddedKubernetes embeddedApi() {
        if (!(world.full().kubernetes() instanceof dev.talosrehearsal.sim.kube.EmbeddedKubernetes embedded)) {
            throw new org.opentest4j.TestAbortedException("skipped: the Kubernetes API faults need the embedded Kubernetes API");
        }
        return embedded;
    }

    @Then("the Kubernetes API refused the applier at least once")
    public void kubernetesApiRefused() {
        assertThat(embeddedApi().refusedNodeReads()).as("Node reads answered 503").isPositive();
    }

    // ------------------------------------------------------------------ Given: the applier's options

    @Given("the gates wait at most {int} seconds")
    public void gateTimeout(int seconds) {
        rollout.knobs.gateTimeout = Duration.ofSeconds(seconds);
    }

    @Given("the try timeout is {int} second(s)")
    public void tryTimeout(int seconds) {
        rollout.knobs.tryTimeout = Duration.ofSeconds(seconds);
    }

    @Given("the workers are rolled out {int} at a time")
    public void workersAtATime(int workers) {
        rollout.knobs.workersAtATime = workers;
    }

    /** apply's --node, once per node: the plan changes only the nodes named this way. */
    @Given("the rollout changes only {string}")
    public void onlyNode(String hostname) {
        rollout.knobs.onlyNodes.add(hostname);
    }

    @Given("the journal's disk is full")
    public void diskFull() {
        disk.fullFrom = "";
    }

    @Given("the journal's disk fills up at its first {word} event")
    public void diskFillsAt(String type) {
        disk.fullFrom = JournalEvent.Type.valueOf(type).name();
    }

    @When("the journal's disk has space again")
    public void diskHasSpace() {
        disk.fullFrom = null;
        disk.full = false;
    }

    // ------------------------------------------------------------------ When: the applier's process

    /** {@code talos-rehearsal rollback --journal DIR}: every node the journal shows changed goes back, newest first. */
    @When("I roll back the rollout from its journal")
    public void rollBackFromJournal() {
        try (Journal reopened = Journal.open(rollout.journal().dir(), rollout.knobs.eventWriter)) {
            RolloutPlan plan = JournalPlans.rebuild(reopened);
            rollout.progressLines().clear();
            Applier applier = rollout.target().applier(rollout.knobs.settings(rollout.lastMode(), null),
                    rollout.knobs.around(progressInto(rollout.progressLines())), world.rendered(rollout.lastFrom()).controlPlaneTargets());
            rollout.report(applier.rollback(plan, reopened));
        }
    }

    /**
     * The applier's process dies right after the apply on {@code hostname} returned: before it asked for the reboot etcd
     * needs to listen on its new address, and before the journal recorded that the apply returned.
     */
    @When("I roll out the {string} configs and the applier is killed between the apply on {string} and its reboot")
    public void killedBeforeReboot(String target, String hostname) {
        rollout.knobs.listeners.add(new RolloutListener() {
            @Override
            public void progress(String line) {
                if (line.contains(hostname + " apply … ok")) {
                    throw new IllegalStateException("applier killed after the apply on " + hostname);
                }
            }
        });
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> rollout.rollOut(target)).hasMessageContaining("killed");
        } finally {
            rollout.knobs.listeners.clear();
        }
        rollout.report(null);
    }

    /** A process killed while it wrote an event leaves half a line: {@code resume} must cut it off and go on. */
    @When("the journal's last line was cut short by the kill")
    public void tornLastLine() throws IOException {
        Files.writeString(rollout.journal().dir().resolve("events.ndjson"), "{\"seq\":999,\"at\":\"2026-",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** While the rollout runs, after step {@code step}, another applier (a resume in a second terminal) opens its journal. */
    @When("I roll out the {string} configs and a second applier opens the journal after step {int}")
    public void secondApplier(String target, int step) {
        rollout.knobs.listeners.add(new RolloutListener() {
            @Override
            public void stepDone(RolloutPlan.Step done) {
                if (done.number() != step) {
                    return;
                }
                try (Journal second = Journal.open(rollout.journal().dir())) {
                    secondApplier.add("opened it: " + second.dir());
                } catch (InputException e) {
                    secondApplier.add(e.getMessage());
                }
            }
        });
        rollout.rollOut(target);
    }

    /**
     * SIGTERM (or Ctrl-C) while the applier waits for a gate: what {@code apply} does on that signal — the applier is
     * asked to stop, stops at the gate's next poll and journals it — without ending this JVM.
     */
    @When("I roll out the {string} configs and the applier gets SIGTERM while {string} waits for its gate {string}")
    public void sigtermDuringGate(String target, String hostname, String gate) {
        // the reboot's confirmation is reported as a gate too ("reboot"), with a progress line of its own
        String waiting = gate.equals("reboot") ? hostname + " reboot … waiting for a new boot ID" : hostname + " gate " + gate + " … waiting";
        sigtermAt(target, line -> line.endsWith(waiting));
    }

    /** SIGTERM during a rollback, right after {@code hostname} is back on its old config. */
    @When("I roll out the {string} configs and the applier gets SIGTERM once {string} is rolled back")
    public void sigtermDuringRollback(String target, String hostname) {
        sigtermAt(target, line -> line.startsWith("rollback " + hostname + " … ok"));
    }

    private void sigtermAt(String target, java.util.function.Predicate<String> progressLine) {
        Applier[] running = new Applier[1];
        rollout.knobs.onApplier.add(a -> running[0] = a);
        rollout.knobs.listeners.add(new RolloutListener() {
            @Override
            public void progress(String line) {
                if (progressLine.test(line)) {
                    running[0].requestStop("SIGTERM");
                }
            }
        });
        try {
            rollout.rollOut(target);
        } finally {
            rollout.knobs.onApplier.clear();
            rollout.knobs.listeners.clear();
        }
    }

    // ------------------------------------------------------------------ Then: the end states

    /**
     * The journal is consistent ({@link JournalAudit}: sequence numbers increasing, a FINISHED event last, every
     * node's last word matching the outcome), and every node runs the config the journal says it ends on, byte for byte.
     */
    @Then("the journal is consistent with what every node runs")
    public void journalConsistent() {
        Journal journal = rollout.journal();
        JournalAudit audit = JournalAudit.of(journal);
        String events = journal.events().stream().map(e -> e.seq() + " " + e.type() + " " + (e.node() == null ? "" : e.node()))
                .reduce("", (a, b) -> a + "\n  " + b);
        assertThat(audit.problems()).as("journal %s:%s", journal.dir(), events).isEmpty();
        RolloutSteps.eventually(() -> {
            for (Map.Entry<String, String> side : audit.nodeSides().entrySet()) {
                SimulatedNode node = world.full().node(side.getKey());
                String expected = side.getValue().equals(JournalAudit.AFTER) ? journal.after(side.getKey()).toYaml() : journal.before(side.getKey()).toYaml();
                assertThat(node.activeConfig().toYaml()).as("%s runs the config the journal says (%s)", side.getKey(), side.getValue())
                        .isEqualTo(expected);
            }
        });
    }

    /** Every absolute path the report's failure and manual steps name exists: the journal outlives the process. */
    @Then("every path the report names exists")
    public void pathsExist() {
        RolloutReport report = rollout.report();
        List<String> lines = new ArrayList<>(report.manualSteps);
        if (report.failure != null) {
            lines.add(report.failure);
        }
        List<String> paths = new ArrayList<>();
        for (String line : lines) {
            Matcher m = ABSOLUTE_PATH.matcher(line);
            while (m.find()) {
                paths.add(m.group(1));
                assertThat(Path.of(m.group(1))).as("a path named in: %s", line).exists();
            }
        }
        assertThat(paths).as("the report names at least one path: %s", report.toJson()).isNotEmpty();
    }

    @Then("the report tells the operator to run {string}")
    public void manualStepSays(String command) {
        RolloutReport report = rollout.report();
        assertThat(report.manualSteps).as(report.toJson()).anyMatch(s -> s.contains(command));
    }

    @Then("the second applier was refused, naming the first: {string}")
    public void secondApplierRefused(String says) {
        assertThat(secondApplier).as("what the second applier met").singleElement().asString().contains(says).doesNotStartWith("opened");
    }

    private static RolloutListener progressInto(List<String> lines) {
        return new RolloutListener() {
            @Override
            public void progress(String line) {
                lines.add(line);
            }
        };
    }

    /**
     * The disk the journal is on: fine, or full from a given event on (every write from then fails after writing part of
     * its line, as a full disk does; the journal cuts the part off), until the scenario frees space.
     */
    private static final class DiskOfTheJournal implements EventWriter {
        /** null: never fills; "": full already; else the event type whose first line fills it. */
        volatile String fullFrom;
        volatile boolean full;

        @Override
        public void write(java.nio.channels.FileChannel channel, ByteBuffer line) throws IOException {
            if (fullFrom != null && !full) {
                String text = StandardCharsets.UTF_8.decode(line.duplicate()).toString();
                full = fullFrom.isEmpty() || text.contains("\"type\":\"" + fullFrom + "\"");
            }
            if (full) {
                ByteBuffer half = line.duplicate();
                half.limit(half.position() + half.remaining() / 2);
                EventWriter.DIRECT.write(channel, half);
                throw new IOException("No space left on device");
            }
            EventWriter.DIRECT.write(channel, line);
        }
    }
}
