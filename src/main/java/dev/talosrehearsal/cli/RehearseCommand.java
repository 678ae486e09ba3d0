package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.rehearsal.Rehearsal;
import dev.talosrehearsal.rehearsal.RehearsalDirectory;
import dev.talosrehearsal.rehearsal.RehearsalOutcome;
import dev.talosrehearsal.rehearsal.RehearsalReportHtml;
import dev.talosrehearsal.rehearsal.RehearsalReportJson;
import dev.talosrehearsal.rehearsal.SimulatedClusterAccess;
import dev.talosrehearsal.sim.SimulatedCluster;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "rehearse", mixinStandardHelpOptions = true,
        description = {"Rehearse a migration: render DIR/before and DIR/after, start a simulated cluster running before/,"
                + " lint, plan and roll after/ out with every gate, run the verification list, then rehearse the"
                + " rollback procedure (back to before/, verified again).",
                "DIR holds before/talconfig.yaml (or the nodes' machine configs, as capture writes them), after/talconfig.yaml, talsecret.yaml, inventory.yaml and optionally"
                        + " talenv.yaml, faults.yaml and cluster/*.yaml (Kubernetes objects: loaded into the simulated cluster and"
                        + " scanned for references to before/'s node subnet, as 'impact' does; information only).",
                "Exit code 0: migration and rollback drill passed with no lint error; 1: the rehearsal found a problem (a lint"
                        + " error counts, unless --allow-lint-errors); 2: bad input."})
final class RehearseCommand implements Callable<Integer>, DialsTalos {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The rehearsal directory (e.g. fixtures/homelab).")
    Path dir;

    @Option(names = "--after", defaultValue = "after", paramLabel = "NAME",
            description = "Which subdirectory holds the new talconfig.yaml (default: ${DEFAULT-VALUE}).")
    String after;

    @Option(names = "--backend", defaultValue = "embedded", paramLabel = "NAME",
            description = "Simulated Kubernetes API: embedded, k3s (needs Docker) or kubeconfig (default: ${DEFAULT-VALUE}).")
    String backend;

    @Option(names = "--tailnet", paramLabel = "SUFFIX",
            description = "The tailnet's MagicDNS suffix (default: the one the configs name: a *.ts.net certSAN, a serve-config"
                    + " Web name or TS_CERT_DOMAIN; a cluster on Tailscale that names none must pass it).")
    String tailnet;

    @Option(names = "--allow-lint-errors",
            description = "Let the rehearsal pass despite lint errors (they are still shown, and the verdict says they were allowed).")
    boolean allowLintErrors;

    @Option(names = "--no-rollback-drill", description = "Stop after the migration and its verification.")
    boolean noRollbackDrill;

    @Option(names = "--report", paramLabel = "FILE.json", description = "Write a machine-readable report.")
    Path reportJson;

    @Option(names = "--report-html", paramLabel = "FILE.html", description = "Write the rehearsal's report as one HTML page: verdict, lint, impact, migration with a timeline,"
                    + " verification, rollback drill.")
    Path reportHtml;

    @Option(names = "--work", paramLabel = "DIR",
            description = "Keep the journals, configs and reports in a new directory inside DIR (default: a new temporary directory).")
    Path workParent;

    @Option(names = "--keep-running", description = "Leave the simulated cluster up afterwards (for kubectl and 'talos') until Ctrl-C.")
    boolean keepRunning;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        RehearsalDirectory inputs = new RehearsalDirectory(dir, after);
        String suffix = inputs.tailnetSuffix(tailnet);
        Rehearsal rehearsal = new Rehearsal(inputs, new Rehearsal.Options(backend, suffix, !noRollbackDrill, allowLintErrors), out);
        try (WorkDir workDir = WorkDir.create(workParent); SimulatedCluster cluster = rehearsal.startCluster()) {
            Path work = workDir.path();
            int nodes = inputs.beforeConfigs().nodes().size();
            out.println("simulated cluster " + inputs.clusterName() + ": " + nodes + (nodes == 1 ? " node" : " nodes") + " running before/, Kubernetes API: " + backend + ", tailnet: " + Rehearsal.describeTailnet(suffix));
            RehearsalOutcome outcome = rehearsal.run(cluster, work);
            if (reportJson != null) {
                AtomicFiles.writePrivate(reportJson, RehearsalReportJson.render(outcome));
            }
            if (reportHtml != null) {
                AtomicFiles.writePrivate(reportHtml, RehearsalReportHtml.render(inputs.clusterName(), outcome));
            }
            out.println();
            out.println(outcome.verdict());
            outcome.problems().forEach(p -> out.println("  " + p));
            String workPath = work.toAbsolutePath().toString();
            if (!workDir.kept() && outcome.manualSteps().stream().anyMatch(step -> step.contains(workPath))) {
                // the manual steps printed above name files in the journal: they must still be there after this process
                workDir.keep();
                out.println("journals and configs (secrets included, mode 0600) kept in " + work
                        + ", because the manual steps above refer to them; remove the directory when you are done (it holds the cluster's keys)");
            } else if (workDir.kept()) {
                out.println("journals and configs (secrets included, mode 0600) kept in " + work);
            }
            if (keepRunning) {
                cluster.runInRealTime();
                SimulatedClusterAccess.write(cluster, work, out);
                out.println("The simulated cluster keeps running; press Ctrl-C to stop it.");
                out.flush();
                Thread.currentThread().join();
            }
            return outcome.passed() ? Main.OK : Main.FOUND;
        }
    }
}
