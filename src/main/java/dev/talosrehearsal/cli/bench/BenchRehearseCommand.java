package dev.talosrehearsal.cli.bench;

import dev.talosrehearsal.common.DirectoryTrees;
import dev.talosrehearsal.common.InputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * What a user waits for: {@code rehearse DIR} from process start to exit, against {@code genconfig} of the same
 * cluster's new talconfig.yaml (issue 16's targets: a rehearsal in at most 3 s with the archive, 4 s without, and at
 * most 3 times genconfig). Fresh JVMs with this JVM's tuning (the launcher's), without and with the archive, the two
 * commands alternating so that both see the same machine.
 */
@Command(name = "rehearse", mixinStandardHelpOptions = true,
        description = {"Time 'rehearse DIR' from process start to exit, as a user waits for it, against 'genconfig' of DIR's",
                "new talconfig.yaml, in fresh JVMs without and with the archive bin/talos-rehearsal maps; per setting:",
                "median wall time (best in brackets), peak RSS, and the ratio rehearse / genconfig."})
final class BenchRehearseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "fixtures/homelab", paramLabel = "DIR",
            description = "A rehearsal directory that rehearses green (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--after", defaultValue = "after", paramLabel = "NAME",
            description = "Which subdirectory holds the new talconfig.yaml (default: ${DEFAULT-VALUE}).")
    String afterName;

    @Option(names = "--runs", defaultValue = "5", paramLabel = "K", description = "Runs of each command per setting (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path rehearsal = dir.toAbsolutePath().normalize();
        Path after = rehearsal.resolve(afterName);
        if (!Files.isRegularFile(after.resolve("talconfig.yaml"))) {
            throw new InputException(after.resolve("talconfig.yaml").toString(), 0, "not found: DIR must be a rehearsal directory");
        }
        if (runs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1");
        }
        FreshJvm jvm = FreshJvm.current(spec.root().userObject().getClass().getName());
        out.println(BenchMachine.describe());
        out.printf("%s, %d runs of each command per setting, alternating; wall time from process start to exit%n", rehearsal, runs);
        out.printf("%-8s %-22s %22s %12s%n", "archive", "command", "wall s (median [best])", "peak RSS");
        List<Optional<Path>> archives = jvm.archiveSettings();
        Path work = BenchDirectory.create("-rehearse");
        try {
            for (Optional<Path> archive : archives) {
                List<FreshJvm.Run> genconfig = new ArrayList<>();
                List<FreshJvm.Run> rehearse = new ArrayList<>();
                for (int k = 0; k < runs; k++) {
                    // the rehearsal first: one that fails stops the bench before anything else is timed
                    rehearse.add(succeeded(jvm.run(archive, rehearsal, "rehearse", rehearsal.toString(), "--after", afterName,
                            "--work", work.resolve("rehearse-" + archives.indexOf(archive) + "-" + k).toString()), "rehearse"));
                    genconfig.add(succeeded(jvm.run(archive, after, genconfigArgs(rehearsal, after, work.resolve("out-" + k))), "genconfig"));
                }
                String setting = archive.isPresent() ? "on" : "off";
                print(out, setting, "genconfig", genconfig);
                print(out, setting, "rehearse", rehearse);
                out.printf("%-8s %-22s %22s%n", setting, "rehearse / genconfig", String.format("×%.1f", median(rehearse) / median(genconfig)));
                out.flush();
            }
        } finally {
            DirectoryTrees.delete(work);
        }
        out.println(jvm.archiveNote());
        return CommandLine.ExitCode.OK;
    }

    /** genconfig of DIR's new talconfig.yaml as a user runs it from that directory, written to a scratch directory. */
    private static String[] genconfigArgs(Path rehearsal, Path after, Path outDir) {
        List<String> args = new ArrayList<>(List.of("genconfig", "-c", after.resolve("talconfig.yaml").toString(),
                "-s", rehearsal.resolve("talsecret.yaml").toString(), "-o", outDir.toString()));
        if (Files.isRegularFile(rehearsal.resolve("talenv.yaml"))) {
            args.addAll(List.of("-e", rehearsal.resolve("talenv.yaml").toString()));
        }
        return args.toArray(String[]::new);
    }

    /** A bench of a failing command would time its failure: stop and say why instead. */
    private static FreshJvm.Run succeeded(FreshJvm.Run run, String command) {
        if (run.exit() != 0) {
            throw new IllegalStateException(command + " exited with " + run.exit() + ", not 0; its last lines: " + String.join(" | ", run.tail()));
        }
        return run;
    }

    private static void print(PrintWriter out, String setting, String command, List<FreshJvm.Run> runs) {
        double best = runs.stream().mapToLong(FreshJvm.Run::wallNanos).min().orElseThrow() / 1e9;
        OptionalLong peak = runs.stream().map(FreshJvm.Run::peakRss).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).max();
        out.printf("%-8s %-22s %22s %12s%n", setting, command, String.format("%.2f [%.2f]", median(runs), best), PeakRss.format(peak));
    }

    private static double median(List<FreshJvm.Run> runs) {
        List<Long> sorted = runs.stream().map(FreshJvm.Run::wallNanos).sorted(Comparator.naturalOrder()).toList();
        return sorted.get(sorted.size() / 2) / 1e9;
    }
}
