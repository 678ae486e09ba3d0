package dev.talosrehearsal.cli;

import dev.talosrehearsal.cli.spec.ShownPath;
import dev.talosrehearsal.cli.spec.SpecRun;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.rehearsal.RehearsalDirectory;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "spec", mixinStandardHelpOptions = true,
        description = {"Run your own Gherkin features (.feature files) against a simulated cluster of a rehearsal directory,"
                + " with the step vocabulary of features/README.md: every scenario starts from a scratch copy of the directory.",
                "Writes report.html, junit.xml and messages.ndjson into --reports.",
                "Exit code 0: every scenario passed (or was skipped, with its reason); 1: a scenario failed; 2: bad input (a"
                        + " missing path, a feature that does not parse, an undefined step: named with the closest defined steps)."})
final class SpecCommand implements Callable<Integer>, DialsTalos {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "PATH",
            description = "Feature files, or directories searched for *.feature (default: the rehearsal directory).")
    List<Path> paths;

    @Option(names = "--cluster", paramLabel = "DIR",
            description = "The rehearsal directory the scenarios run on (default: the first PATH that is one or lies in one,"
                    + " else the current directory).")
    Path cluster;

    @Option(names = "--tags", paramLabel = "EXPR", description = "Run only the scenarios whose tags match, e.g. '@smoke and not @slow'.")
    String tags;

    @Option(names = "--reports", defaultValue = "spec-reports", paramLabel = "DIR",
            description = "Where the reports go (default: ${DEFAULT-VALUE}).")
    Path reports;

    @Option(names = "--tailnet", paramLabel = "SUFFIX",
            description = "The tailnet's MagicDNS suffix (default: the one the configs name, as rehearse finds it).")
    String tailnet;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> given = paths == null || paths.isEmpty() ? null : paths;
        Path dir = cluster != null ? cluster : given == null ? Path.of(".") : rehearsalDirectoryOf(given);
        if (cluster == null && !isRehearsalDirectory(dir)) {
            // found by looking, not named: say where it looked and which flag names it, not just "file not found"
            throw new InputException(given == null ? "." : given.get(0).toString(), 0, (given == null ? "not a rehearsal directory"
                    : "not in a rehearsal directory") + " (no before/talconfig.yaml or before/ machine configs" + (given == null ? "" : " in it or above it, nor here")
                    + "): pass --cluster DIR, a directory talos-rehearsal init made");
        }
        // read and rendered as rehearse reads it, so a broken directory is one line here, not a failure in every scenario
        RehearsalDirectory inputs = new RehearsalDirectory(dir, "after");
        String suffix = inputs.tailnetSuffix(tailnet);
        List<Path> features = given == null ? List.of(dir) : given;
        out.println("spec: " + features.size() + " path" + (features.size() == 1 ? "" : "s") + " on the rehearsal directory " + dir
                + " (cluster " + inputs.clusterName() + ", tailnet: " + (suffix == null ? "none" : suffix) + ")");
        SpecRun.Outcome outcome = SpecRun.run(new SpecRun.Options(features, dir, tags, reports, suffix), out);
        out.println(outcome.summary() + "; reports in " + reports + " (report.html, junit.xml, messages.ndjson)");
        return outcome.passed() ? Main.OK : Main.FOUND;
    }

    /** The first path that is a rehearsal directory or lies inside one (a feature in DIR/features/). */
    private static Path rehearsalDirectoryOf(List<Path> paths) {
        for (Path path : paths) {
            for (Path p = path.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
                if (isRehearsalDirectory(p)) {
                    return p.equals(Path.of("").toAbsolutePath()) ? Path.of(".") : ShownPath.of(p);
                }
            }
        }
        if (!Files.exists(paths.get(0))) {
            throw new InputException(paths.get(0).toString(), 0, "not found (expected a .feature file or a directory of them)");
        }
        return Path.of(".");
    }

    private static boolean isRehearsalDirectory(Path dir) {
        return RehearsalDirectory.isRehearsalDirectory(dir);
    }

}
