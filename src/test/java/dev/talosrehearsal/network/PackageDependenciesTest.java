package dev.talosrehearsal.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layering the address rule relies on: network stands alone; lint and rollout never reach into the simulator. */
class PackageDependenciesTest {
    private static final Path MAIN = Path.of("src/main/java/dev/talosrehearsal");

    @Test
    void networkImportsOnlyCommon() throws IOException {
        assertThat(importsOf("network")).allMatch(i -> !i.startsWith("dev.talosrehearsal.") || i.startsWith("dev.talosrehearsal.common."));
    }

    @Test
    void lintAndRolloutNeverImportTheSimulator() throws IOException {
        assertThat(importsOf("lint")).noneMatch(i -> i.startsWith("dev.talosrehearsal.sim."));
        assertThat(importsOf("rollout")).noneMatch(i -> i.startsWith("dev.talosrehearsal.sim."));
    }

    private static List<String> importsOf(String pkg) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java")).flatMap(PackageDependenciesTest::lines)
                    .filter(l -> l.startsWith("import ")).map(l -> l.replaceFirst("^import (static )?", "").replace(";", "").trim())
                    .toList();
        }
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
