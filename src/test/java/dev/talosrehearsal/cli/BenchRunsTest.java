package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.FreshJvmRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each benchmark run as a user runs it: in its own JVM, with the launcher's options for bench (bin/talos-rehearsal: C1
 * only, the tiered code cache, the serial collector; LauncherTuningTest) and a temporary directory of the test's own.
 */
class BenchRunsTest {
    @TempDir
    Path tmp;

    /**
     * What a benchmark prints lands in docs/benchmarks.md, so each figure carries the machine, the JVM and its tuning
     * (issue 16: "benchmarks that print figures and the machine"); the rollout bench tells the heap the tool needs from
     * the one the collector took; and nothing is left in the temporary directory (issue 15: {@code talos-rehearsal-bench*}
     * directories, with generated secrets and journals, stayed behind).
     */
    @Test
    void everyBenchNamesItsMachineFirstAndLeavesNothingBehind() throws IOException {
        for (String[] bench : List.of(new String[] {"bench", "rollout", "--nodes", "3"}, new String[] {"bench", "sim", "--nodes", "1"},
                new String[] {"bench", "genconfig", "--nodes", "3", "--runs", "0"})) {
            List<String> jvmOptions = new ArrayList<>(FreshJvmRun.LAUNCHER_OPTIONS);
            jvmOptions.add("-Djava.io.tmpdir=" + tmp);
            FreshJvmRun.Result run = FreshJvmRun.main(jvmOptions, bench);
            String what = String.join(" ", bench);

            assertThat(run.exitCode()).as(what + "\n" + run).isZero();
            List<String> lines = run.outText().lines().toList();
            assertThat(lines.get(0)).as(what).matches("machine: \\S+ \\S+, \\d+ cores \\(.+\\), [0-9.]+ GiB memory, load (unknown|[0-9.]+); "
                    + "Java 17\\S* \\(.+\\), GC Copy/MarkSweepCompact, JIT C1 only; \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            if (bench[1].equals("rollout")) {
                assertThat(lines.get(1)).contains("peak RSS", "live heap");
                assertThat(lines.get(2)).matches("3\\s+[0-9.]+\\s+-\\s+\\d+ MiB\\s+\\d+ MiB\\s+.*migrated");
            }
            try (Stream<Path> left = Files.list(tmp)) {
                assertThat(left.map(p -> p.getFileName().toString())).as(what).noneMatch(n -> n.startsWith("talos-rehearsal-bench"));
            }
        }
    }

    /**
     * bench rehearse times what a user waits for, the rehearsal from process start to exit, against genconfig of the same
     * cluster (issue 16's "at most 3 times genconfig"), in fresh JVMs; run from target/classes there is no archive, and
     * it says so. One run each: the figures themselves are not asserted, only that they are there.
     */
    @Test
    void benchRehearsePrintsTheRehearsalAgainstGenconfigFromProcessStart() {
        CliRun run = CliRun.of("bench", "rehearse", "fixtures/homelab", "--runs", "1");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("machine: ");
        assertThat(lines).anySatisfy(l -> assertThat(l).matches("off\\s+genconfig\\s+[0-9.]+ \\[[0-9.]+\\]\\s+(\\d+ MiB|-)"))
                .anySatisfy(l -> assertThat(l).matches("off\\s+rehearse\\s+[0-9.]+ \\[[0-9.]+\\]\\s+(\\d+ MiB|-)"))
                .anySatisfy(l -> assertThat(l).matches("off\\s+rehearse / genconfig\\s+×[0-9.]+"))
                .noneMatch(l -> l.startsWith("on "));
        assertThat(lines.get(lines.size() - 1)).startsWith("archive on: not measured — not run from target/talos-rehearsal.jar");
    }

    /** A bench of a rehearsal that fails would time the failure: it stops instead, with the command's own reason. */
    @Test
    void benchRehearseOfARehearsalThatFailsStopsWithTheReason() {
        CliRun run = CliRun.of("bench", "rehearse", "fixtures/homelab", "--after", "after-as-written", "--runs", "1");

        assertThat(run.exitCode()).as(run.toString()).isNotZero();
        assertThat(run.err()).contains("rehearse exited with 2, not 0").contains("pass --tailnet");
    }
}
