package dev.talosrehearsal.cli.bench;

import picocli.CommandLine.Command;

/** Benchmarks that print figures; never run as tests (speed is measured, not asserted). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure how fast the parts of talos-rehearsal run on this machine.",
        subcommands = {BenchGenconfigCommand.class, BenchSimCommand.class, BenchRolloutCommand.class, BenchRehearseCommand.class, BenchKubeCommand.class,
                BenchKubeStartupCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a benchmark, e.g. 'bench genconfig'");
    }
}
