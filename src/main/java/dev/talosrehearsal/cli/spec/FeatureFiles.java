package dev.talosrehearsal.cli.spec;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.InputFiles;
import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.ParseError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The .feature files a spec run is given (files, or directories searched below), each read with the limits every
 * input has and parsed before anything runs: a feature that does not parse is bad input at its line, which
 * Cucumber's runtime would otherwise report as an exception.
 */
final class FeatureFiles {
    /** Gherkin's parse errors start with "(line:column): ". */
    private static final Pattern POSITION = Pattern.compile("^\\((\\d+):(\\d+)\\): (.*)$", Pattern.DOTALL);

    private FeatureFiles() {}

    /** Every .feature file under {@code paths}, sorted, none of them under {@code skip}; each one parses. */
    static List<Path> collect(List<Path> paths, Path skip) {
        List<Path> features = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new InputException(path.toString(), 0, "not found (expected a .feature file or a directory of them)");
            }
            if (Files.isDirectory(path)) {
                List<Path> found = below(path, skip);
                if (found.isEmpty()) {
                    throw new InputException(path.toString(), 0, "no .feature file in this directory or below it");
                }
                features.addAll(found);
            } else if (path.getFileName().toString().endsWith(".feature")) {
                features.add(path);
            } else {
                throw new InputException(path.toString(), 0, "not a .feature file");
            }
        }
        features.forEach(FeatureFiles::parse);
        return features.stream().distinct().toList();
    }

    private static List<Path> below(Path dir, Path skip) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".feature") && Files.isRegularFile(p))
                    .filter(p -> skip == null || !p.toAbsolutePath().normalize().startsWith(skip))
                    .filter(p -> !hidden(dir.relativize(p)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A path through a hidden directory (.git, an unfinished init's staging directory). */
    private static boolean hidden(Path relative) {
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            if (relative.getName(i).toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Parses one feature; the first parse error is an {@link InputException} at its line. */
    static void parse(Path feature) {
        String text = InputFiles.read(feature);
        Optional<ParseError> error = GherkinParser.builder().includeSource(false).includePickles(false).build()
                .parse(feature.toString(), text.getBytes(StandardCharsets.UTF_8))
                .map(Envelope::getParseError).flatMap(Optional::stream).findFirst();
        if (error.isPresent()) {
            String message = error.get().getMessage();
            int line = error.get().getSource().getLocation().map(l -> l.getLine().intValue()).orElse(0);
            Matcher m = POSITION.matcher(message);
            if (m.matches()) {
                line = Integer.parseInt(m.group(1));
                message = m.group(3);
            }
            throw new InputException(ShownPath.of(feature).toString(), line, "the feature does not parse: " + message.strip());
        }
    }
}
