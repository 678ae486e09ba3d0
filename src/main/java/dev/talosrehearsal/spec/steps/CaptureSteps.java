package dev.talosrehearsal.spec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.common.DirectoryTrees;
import dev.talosrehearsal.spec.CommandRun;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Steps about {@code capture} and {@code rehearse}: the real commands, against the scenario's simulated cluster and on
 * the scenario's copy of the rehearsal directory (or a directory made inside it).
 */
public class CaptureSteps {
    private final Workspace ws;
    private final SimulatedWorld world;
    private final Map<String, CommandRun> rehearsals = new HashMap<>();

    public CaptureSteps(Workspace ws, SimulatedWorld world) {
        this.ws = ws;
        this.world = world;
    }

    @When("I capture the simulated cluster into {string}")
    public void capture(String dir) {
        Path talosconfig = ws.path("capture-talosconfig");
        AtomicFiles.writePrivate(talosconfig, world.full().talosconfig());
        Path kubeconfig = world.full().writeKubeconfig(ws.path("capture-kubeconfig"));
        CommandRun run = ws.run("capture", ws.path(dir).toString(), "--talosconfig", talosconfig.toString(),
                "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).as("capture: " + run).isZero();
    }

    @When("I copy the {string} talconfig into {string}")
    public void copyVariant(String variant, String dir) throws IOException {
        Path from = ws.path(variant);
        Path to = ws.path(dir).resolve(variant);
        DirectoryTrees.copy(from, to, relative -> false);
        if (Files.exists(ws.path("talenv.yaml")) && !Files.exists(ws.path(dir).resolve("talenv.yaml"))) {
            Files.copy(ws.path("talenv.yaml"), ws.path(dir).resolve("talenv.yaml"));
        }
    }

    @When("I rehearse {string} with the {string} configs")
    public void rehearse(String dir, String variant) {
        List<String> args = new ArrayList<>(List.of("rehearse", ws.path(dir).toString(), "--after", variant));
        world.tailnet().ifPresent(t -> args.addAll(List.of("--tailnet", t)));
        rehearsals.put(dir, ws.run(args.toArray(String[]::new)));
    }

    @Then("the rehearsals of {string} and {string} end {string} with the same verdict")
    public void sameVerdict(String first, String second, String verdict) {
        CommandRun a = rehearsed(first);
        CommandRun b = rehearsed(second);
        assertThat(verdict(a, first)).as(first + ": " + a).startsWith(verdict);
        assertThat(verdict(b, second)).as(second + ": " + b).isEqualTo(verdict(a, first));
        assertThat(b.exitCode()).as(second + "'s exit code").isEqualTo(a.exitCode());
    }

    private CommandRun rehearsed(String dir) {
        CommandRun run = rehearsals.get(dir);
        if (run == null) {
            throw new IllegalStateException("no rehearsal of " + dir + ": a step \"I rehearse \\\"" + dir + "\\\" with ...\" runs one");
        }
        return run;
    }

    /** The verdict and the problems under it ({@code REHEARSAL …} to the end), the directory's path written as DIR. */
    private String verdict(CommandRun run, String dir) {
        String out = run.out() + run.err();
        int at = out.lastIndexOf("REHEARSAL ");
        if (at < 0) {
            throw new AssertionError("the rehearsal of " + dir + " printed no verdict: " + run);
        }
        // as the user named it first ("./x" when dir is "."), then normalized
        return out.substring(at).replace(ws.path(dir) + "/", "DIR/").replace(ws.path(dir).normalize() + "/", "DIR/").strip();
    }

}
