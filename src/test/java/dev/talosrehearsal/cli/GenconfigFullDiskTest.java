package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import dev.talosrehearsal.testing.FreshJvmRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 8: genconfig into a file system that refuses its writes (a fresh JVM under {@code ulimit -f 8}: any file
 * past 8 KiB fails, as on a full disk; a rendered machine config is larger). It used to leave an empty output
 * directory, and to set an existing directory's mode to 0700 while saying "nothing in the directory was changed".
 */
class GenconfigFullDiskTest {
    @TempDir
    Path dir;

    @BeforeEach
    void copyHomelab() {
        Fixtures.copy("homelab", dir);
    }

    private String[] genconfig(Path out) {
        return new String[] {"genconfig", "-c", dir.resolve("after/talconfig.yaml").toString(), "-s", dir.resolve("talsecret.yaml").toString(),
                "-e", dir.resolve("talenv.yaml").toString(), "-o", out.toString()};
    }

    @Test
    void aNewOutputDirectoryIsNotCreatedWhenTheWriteFails() throws IOException {
        Path out = dir.resolve("deeper/clusterconfig");

        FreshJvmRun.Result run = FreshJvmRun.mainWithFileSizeLimit(8, genconfig(out));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err().lines()).as(run.toString()).containsExactly(out + ": cannot write output: File too large"
                + " (nothing was written: the directory was not created)");
        assertThat(dir.resolve("deeper")).doesNotExist();
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    @Test
    void anExistingOutputDirectoryKeepsItsFilesAndItsModeWhenTheWriteFails() throws IOException {
        Path out = Files.createDirectory(dir.resolve("clusterconfig"));
        Files.writeString(out.resolve("homelab-talos-master-0.yaml"), "the previous generation\n");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));

        FreshJvmRun.Result run = FreshJvmRun.mainWithFileSizeLimit(8, genconfig(out));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err().lines()).as(run.toString()).containsExactly(out + ": cannot write output: File too large"
                + " (no file in the directory was changed)");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwxr-xr-x");
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("homelab-talos-master-0.yaml");
        }
        assertThat(Files.readString(out.resolve("homelab-talos-master-0.yaml"))).isEqualTo("the previous generation\n");
    }

    /** Once the write succeeded, the directory holding private keys is made owner-only, and the output says so. */
    @Test
    void anExistingDirectoryIsTightenedOnlyAfterASuccessfulWriteAndSaysSo() throws IOException {
        Path out = Files.createDirectory(dir.resolve("clusterconfig"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));

        CliRun run = CliRun.of(genconfig(out));

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("permissions of " + out + " tightened to rwx------ (were rwxr-xr-x): it holds private keys");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rwx------");
    }
}
