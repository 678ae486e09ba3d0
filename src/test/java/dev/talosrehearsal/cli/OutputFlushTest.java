package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import dev.talosrehearsal.testing.FreshJvmRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output printed without a line end sits in the writer's buffer; a process that exits without flushing it
 * loses the tail (issue 15: three dry runs printed 16,384, 24,576 and 0 bytes, all with exit 0, and zero
 * bytes reads as "no changes"). Only a real process exit shows it, so this runs a fresh JVM.
 */
class OutputFlushTest {
    @TempDir
    Path dir;

    @Test
    void genconfigDryRunPrintsEveryByteBeforeTheProcessExits() {
        Fixtures.copy("homelab", dir);
        String[] args = {"genconfig", "--dry-run", "-c", dir.resolve("after/talconfig.yaml").toString(),
                "-s", dir.resolve("talsecret.yaml").toString(), "-e", dir.resolve("talenv.yaml").toString(),
                "-o", dir.resolve("clusterconfig").toString()};
        CliRun inProcess = CliRun.of(args);
        assertThat(inProcess.exitCode()).as(inProcess.toString()).isZero();
        int expected = inProcess.out().getBytes(StandardCharsets.UTF_8).length;
        assertThat(expected).as("more than one 8 KiB buffer of output").isGreaterThan(3 * 8192);

        FreshJvmRun.Result run = FreshJvmRun.main(List.of(), args);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().length).as(run.toString()).isEqualTo(expected);
        assertThat(run.outText()).isEqualTo(inProcess.out());
        assertThat(dir.resolve("clusterconfig")).doesNotExist();
    }
}
