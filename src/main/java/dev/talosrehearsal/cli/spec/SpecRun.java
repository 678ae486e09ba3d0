package dev.talosrehearsal.cli.spec;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.rehearsal.ScenarioSettings;
import io.cucumber.core.options.CommandlineOptionsParser;
import io.cucumber.core.options.RuntimeOptions;
import io.cucumber.core.runtime.Runtime;
import io.cucumber.plugin.Plugin;
import io.cucumber.tagexpressions.TagExpressionException;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs users' features with Cucumber's runtime as a library, the shipped step vocabulary as glue. Bad input is found
 * before anything runs or is written: a missing path, a feature that does not parse, a tag expression that does not
 * parse, and — by a dry run, which matches every step without running one — a step no definition matches. Then the
 * real run writes the html, junit and message reports.
 */
public final class SpecRun {
    /** The glue, named (never imported: Cucumber loads it by package). */
    public static final String GLUE = "dev.talosrehearsal.spec.steps";
    /** How many defined steps an undefined one is shown next to. */
    private static final int SUGGESTIONS = 3;

    /**
     * @param paths   .feature files or directories of them
     * @param cluster the rehearsal directory every scenario copies
     * @param tags    a Cucumber tag expression, or null
     * @param reports where report.html, junit.xml and messages.ndjson go
     * @param tailnet the tailnet's MagicDNS suffix, or null for the one the configs name
     */
    public record Options(List<Path> paths, Path cluster, String tags, Path reports, String tailnet) {}

    /** How the run ended: every scenario passed (skipped ones included) or not, and the counts line. */
    public record Outcome(boolean passed, String summary) {}

    private SpecRun() {}

    public static Outcome run(Options options, PrintWriter out) {
        Path reports = options.reports().toAbsolutePath().normalize();
        List<Path> features = FeatureFiles.collect(options.paths(), reports);
        if (options.tags() != null) {
            try {
                TagExpressionParser.parse(options.tags());
            } catch (TagExpressionException e) {
                throw new InputException("--tags", 0, "not a tag expression: " + e.getMessage().replace('\n', ' '));
            }
        }
        refuseUndefinedSteps(features, options.tags());

        try {
            Files.createDirectories(reports);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + options.reports() + ": " + e.getMessage(), e);
        }
        List<String> args = arguments(features, options.tags());
        args.addAll(List.of("--plugin", "html:" + reports.resolve("report.html"), "--plugin", "junit:" + reports.resolve("junit.xml"),
                "--plugin", "message:" + reports.resolve("messages.ndjson")));
        ScenarioLines lines = new ScenarioLines(out, Path.of(""));
        byte status;
        try (ScenarioSettings.Applied previous = ScenarioSettings.apply(options.cluster(), options.tailnet(), reports)) {
            Runtime runtime = runtime(args, lines);
            runtime.run();
            status = runtime.exitStatus();
        }
        return new Outcome(status == 0, lines.summary());
    }

    /** A dry run with the glue: the first undefined step is bad input, naming the defined steps closest to it. */
    private static void refuseUndefinedSteps(List<Path> features, String tags) {
        UndefinedSteps listener = new UndefinedSteps();
        List<String> args = arguments(features, tags);
        args.add("--dry-run");
        runtime(args, listener).run();
        List<UndefinedSteps.Undefined> undefined = listener.undefined();
        if (undefined.isEmpty()) {
            return;
        }
        UndefinedSteps.Undefined first = undefined.get(0);
        String closest = StepSuggestions.closest(first.text(), listener.patterns(), SUGGESTIONS).stream()
                .map(p -> "\"" + p + "\"").collect(Collectors.joining(", "));
        String more = undefined.size() == 1 ? "" : " (and " + (undefined.size() - 1) + " more undefined step"
                + (undefined.size() == 2 ? "" : "s") + ")";
        throw new InputException(display(first.uri()), first.line(), "undefined step \"" + first.text() + "\"; closest defined steps: "
                + closest + more + " (all steps: features/README.md)");
    }

    private static List<String> arguments(List<Path> features, String tags) {
        List<String> args = new ArrayList<>(List.of("--glue", GLUE, "--monochrome"));
        if (tags != null) {
            args.addAll(List.of("--tags", tags));
        }
        features.forEach(f -> args.add(f.toString()));
        return args;
    }

    private static Runtime runtime(List<String> args, Plugin plugin) {
        // Cucumber's own usage text for options it cannot parse goes nowhere: every option here is ours
        RuntimeOptions options = new CommandlineOptionsParser(new ByteArrayOutputStream()).parse(args.toArray(String[]::new)).build();
        return Runtime.builder().withRuntimeOptions(options).withClassLoader(() -> SpecRun.class.getClassLoader())
                .withAdditionalPlugins(plugin).build();
    }

    /** A feature's path as the user would name it: relative to the current directory when below it. */
    private static String display(java.net.URI uri) {
        try {
            return ShownPath.of(Path.of(uri)).toString();
        } catch (IllegalArgumentException e) {
            return uri.toString();
        }
    }
}
