package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.FreshJvmRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmarks leave nothing in the temporary directory (issue 15: {@code talos-rehearsal-bench*} directories,
 * with generated secrets and journals, stayed behind). Each runs as a user runs it, in its own JVM whose
 * temporary directory is this test's.
 */
class BenchTemporaryFilesTest {
    @TempDir
    Path tmp;

    @Test
    void benchRolloutSimAndGenconfigRemoveTheirDirectoriesWhenTheyEnd() throws IOException {
        for (String[] bench : List.of(new String[] {"bench", "rollout", "--nodes", "5"}, new String[] {"bench", "sim", "--nodes", "1"},
                new String[] {"bench", "genconfig", "--nodes", "5", "--runs", "0"})) {
            FreshJvmRun.Result run = FreshJvmRun.main(List.of("-Djava.io.tmpdir=" + tmp), bench);

            assertThat(run.exitCode()).as(String.join(" ", bench) + "\n" + run).isZero();
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString())).as(String.join(" ", bench)).noneMatch(n -> n.startsWith("talos-rehearsal-bench"));
            }
        }
    }
}
