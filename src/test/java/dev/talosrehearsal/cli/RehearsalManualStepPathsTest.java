package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.Fixtures;
import dev.talosrehearsal.testing.FreshJvmRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 10: a rehearsal that ends with manual steps printed commands into its temporary work directory, which
 * was deleted as the process ended. Run in a JVM of its own, with a temporary directory of its own, because what
 * matters is what exists once the process is gone.
 */
class RehearsalManualStepPathsTest {
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(/[\\w.+-]+)+");

    @TempDir
    Path dir;

    @Test
    void everyPathAManualStepNamesExistsAfterTheProcessHasEnded() throws Exception {
        Path rehearsal = dir.resolve("homelab");
        Fixtures.copy("homelab", rehearsal);
        Files.writeString(rehearsal.resolve("faults.yaml"), "faults:\n  - node: talos-master-1\n    neverReturnsFromReboot: true\n");
        Path tmp = Files.createDirectory(dir.resolve("tmp"));

        FreshJvmRun.Result run = FreshJvmRun.main(List.of("-Djava.io.tmpdir=" + tmp), "",
                new String[] {"rehearse", rehearsal.toString(), "--no-rollback-drill"});

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        List<String> byHand = run.outText().lines().filter(l -> l.startsWith("  by hand: ")).toList();
        assertThat(byHand).as(run.outText()).isNotEmpty();
        List<Path> named = byHand.stream().flatMap(l -> ABSOLUTE_PATH.matcher(l).results().map(java.util.regex.MatchResult::group)).map(Path::of)
                .filter(p -> p.startsWith(tmp)).toList();
        assertThat(named).as("the manual steps name the journal: " + byHand).isNotEmpty();
        assertThat(named).allSatisfy(p -> assertThat(p).exists());
        assertThat(named).anySatisfy(p -> assertThat(p.toString()).endsWith("nodes/talos-master-1/before.yaml"));
        Path work = named.get(0).getParent();
        while (!work.getParent().equals(tmp)) {
            work = work.getParent();
        }
        assertThat(run.outText()).contains("kept in " + work + ", because the manual steps above refer to them");
        assertThat(Files.getPosixFilePermissions(work)).isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
}
