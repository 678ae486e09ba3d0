package dev.talosrehearsal.cli;

import dev.talosrehearsal.rehearsal.RehearsalScaffold;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Make a rehearsal directory from a cluster's talconfig.yaml: before/ and after/ as copies of it",
                "(with its patch files), the secrets bundle (-s, or a new one for the rehearsal), inventory.yaml drafted",
                "from the config with every guess marked, a commented faults.yaml, an example spec (features/example.feature) and a README.",
                "Edit after/, check inventory.yaml, then run: talos-rehearsal rehearse DIR.",
                "Refuses an existing non-empty DIR; writes all or nothing."})
final class InitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The rehearsal directory to make (must not exist, or be empty).")
    Path dir;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The cluster's talconfig.yaml.")
    Path talconfig;

    @Option(names = {"-e", "--env-file"}, paramLabel = "FILE", description = "talenv.yaml: variables for the talconfig (copied, mode 0600).")
    Path talenv;

    @Option(names = {"-s", "--secret-file"}, paramLabel = "FILE",
            description = "The cluster's talsecret.yaml (copied, mode 0600). Without it a new bundle is made: the rehearsal"
                    + " does not need the production keys.")
    Path talsecret;

    @Override
    public Integer call() {
        RehearsalScaffold.Made made = RehearsalScaffold.create(dir, talconfig, talenv, talsecret);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("made %s: cluster %s, %d nodes; before/ and after/ are copies of %s%n", made.dir(), made.clusterName(),
                made.nodes(), talconfig);
        if (made.newSecrets()) {
            out.println("talsecret.yaml: a new secrets bundle for the rehearsal (not the cluster's keys)");
        }
        if (!made.guesses().isEmpty()) {
            out.printf("inventory.yaml: %d guessed line%s marked GUESS; check them against the machines%n", made.guesses().size(),
                    made.guesses().size() == 1 ? "" : "s");
        }
        out.printf("specs: %s passes as made; run it and your own features with: %s%n", made.dir().resolve(RehearsalScaffold.EXAMPLE_FEATURE),
                made.specCommand());
        out.printf("next: edit %s, then run: %s%n", made.dir().resolve("after/talconfig.yaml"), made.rehearseCommand());
        return Main.OK;
    }
}
