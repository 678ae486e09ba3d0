package dev.talosrehearsal.cli;

import dev.talosrehearsal.rehearsal.Rehearsal;
import dev.talosrehearsal.rehearsal.RehearsalDirectory;
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

/** {@code sim up DIR}: a simulated cluster running DIR/before with DIR/cluster/ loaded, for people to poke at. */
@Command(name = "sim", mixinStandardHelpOptions = true, description = "The simulated cluster.",
        subcommands = {SimUpCommand.Up.class})
final class SimUpCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a subcommand: up");
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start a simulated cluster running DIR/before, with DIR/cluster/*.yaml loaded (as rehearse does),"
                    + " and keep it up until Ctrl-C.")
    static final class Up implements java.util.concurrent.Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "A rehearsal directory (e.g. fixtures/homelab).")
        Path dir;

        @Option(names = "--backend", defaultValue = "embedded", paramLabel = "NAME", description = "embedded, k3s or kubeconfig (default: ${DEFAULT-VALUE}).")
        String backend;

        @Option(names = "--tailnet", paramLabel = "SUFFIX", description = "The tailnet's MagicDNS suffix (default: the one the configs name, as rehearse finds it).")
        String tailnet;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            RehearsalDirectory inputs = new RehearsalDirectory(dir, "after");
            String suffix = inputs.tailnetSuffix(tailnet);
            Rehearsal rehearsal = new Rehearsal(inputs, new Rehearsal.Options(backend, suffix, false, false), out);
            try (WorkDir work = WorkDir.create(null); SimulatedCluster cluster = rehearsal.startCluster()) {
                cluster.runInRealTime();
                out.println("simulated cluster " + inputs.clusterName() + " is up, running " + dir.resolve("before")
                        + ", tailnet: " + Rehearsal.describeTailnet(suffix));
                SimulatedClusterAccess.write(cluster, work.path(), out).printManualApply(cluster, inputs, suffix, out);
                out.println("Press Ctrl-C to stop it.");
                out.flush();
                Thread.currentThread().join();
                return Main.OK;
            }
        }
    }
}
