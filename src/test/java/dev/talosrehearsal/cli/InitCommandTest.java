package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.CliRun;
import dev.talosrehearsal.testing.Fixtures;
import dev.talosrehearsal.testing.FreshJvmRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init DIR --from talconfig.yaml}: a user's first rehearsal directory, made from their own cluster (here the
 * office fixture, not the homelab), ready for {@code rehearse} once they have edited {@code after/}.
 */
class InitCommandTest {
    private static final Path OFFICE = Fixtures.ROOT.resolve("office");

    @TempDir
    Path tmp;

    @Test
    void aDirectoryMadeFromTheUsersTalconfigHasANewBundleItsRehearsalRunsOn() throws Exception {
        Path dir = tmp.resolve("office-rehearsal");

        FreshJvmRun.Result init = FreshJvmRun.generatingABundle("init", dir.toString(), "--from", OFFICE.resolve("before/talconfig.yaml").toString(),
                "-e", OFFICE.resolve("talenv.yaml").toString());

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.outText()).contains("made " + dir + ": cluster office, 4 nodes")
                .contains("talsecret.yaml: a new secrets bundle for the rehearsal")
                .contains("then run: talos-rehearsal rehearse " + dir + " --tailnet <your-tailnet>.ts.net");
        assertThat(dir.resolve("before/talconfig.yaml")).hasSameTextualContentAs(OFFICE.resolve("before/talconfig.yaml"));
        assertThat(dir.resolve("after/talconfig.yaml")).hasSameTextualContentAs(OFFICE.resolve("before/talconfig.yaml"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("talsecret.yaml"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("talenv.yaml"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String inventory = Files.readString(dir.resolve("inventory.yaml"));
        assertThat(inventory).contains("  cp-a:\n    interfaces:\n      eth0: [10.40.0.11/24]   # GUESS")
                .contains("  build-1:\n    interfaces:\n      eth0: [10.40.0.31/24]   # GUESS");
        // only the control planes run the tailscale extension
        assertThat(inventory.lines().filter(l -> l.strip().startsWith("tailscale:"))).hasSize(3);
        assertThat(Files.readString(dir.resolve("faults.yaml"))).contains("faults: []").contains("#  - node: cp-a");
        assertThat(Files.readString(dir.resolve("README.md"))).contains("cluster `office`").contains("**edit it**");

        CliRun unchanged = CliRun.of("rehearse", dir.toString(), "--tailnet", "tail7c3e2.ts.net");
        assertThat(unchanged.exitCode()).as(unchanged.out() + unchanged.err()).isZero();
    }

    @Test
    void theUsersMigrationRehearsesInADirectoryMadeFromTheirTalconfig() throws Exception {
        Path dir = tmp.resolve("office-rehearsal");
        // the office's own (test-only) bundle: the test above rehearses on a new one
        CliRun init = CliRun.of("init", dir.toString(), "--from", OFFICE.resolve("before/talconfig.yaml").toString(),
                "-e", OFFICE.resolve("talenv.yaml").toString(), "-s", OFFICE.resolve("talsecret.yaml").toString());
        assertThat(init.exitCode()).as(init.err()).isZero();

        Files.copy(OFFICE.resolve("after/talconfig.yaml"), dir.resolve("after/talconfig.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        CliRun migration = CliRun.of("rehearse", dir.toString());
        assertThat(migration.exitCode()).as(migration.out() + migration.err()).isZero();
        assertThat(migration.out()).contains("PASS same-subnet: all 4 node IPs are in 10.40.0.0/24").contains("REHEARSAL PASSED");
    }

    @Test
    void patchFilesTheTalconfigReferencesAreCopiedBesideBothCopies() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("repo"));
        Files.createDirectories(source.resolve("patches"));
        Files.writeString(source.resolve("patches/labels.yaml"), "machine:\n  nodeLabels:\n    site: office\n");
        Files.writeString(source.resolve("talconfig.yaml"), Files.readString(OFFICE.resolve("before/talconfig.yaml"))
                .replace("\npatches:\n", "\npatches:\n  - \"@./patches/labels.yaml\"\n"));
        Path dir = tmp.resolve("rehearsal");

        CliRun init = CliRun.of("init", dir.toString(), "--from", source.resolve("talconfig.yaml").toString(),
                "-e", OFFICE.resolve("talenv.yaml").toString(), "-s", OFFICE.resolve("talsecret.yaml").toString());

        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(init.out()).doesNotContain("new secrets bundle");
        assertThat(dir.resolve("before/patches/labels.yaml")).hasContent("machine:\n  nodeLabels:\n    site: office");
        assertThat(dir.resolve("after/patches/labels.yaml")).exists();
        CliRun genconfig = CliRun.of("genconfig", "-c", dir.resolve("after/talconfig.yaml").toString(), "-e",
                dir.resolve("talenv.yaml").toString(), "-s", dir.resolve("talsecret.yaml").toString(), "--dry-run",
                "-o", tmp.resolve("out").toString());
        assertThat(genconfig.exitCode()).as(genconfig.err()).isIn(0, 1);
        assertThat(genconfig.out()).contains("site: office");
    }

    @Test
    void anExistingDirectoryIsNeverTouched() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(dir.resolve("notes.txt"), "mine");

        CliRun init = CliRun.of("init", dir.toString(), "--from", OFFICE.resolve("before/talconfig.yaml").toString());

        assertThat(init.exitCode()).isEqualTo(2);
        assertThat(init.err().lines()).singleElement().asString().startsWith(dir + ": exists and is not empty");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(dir.resolve("notes.txt"));
        }
    }

    @Test
    void aTalconfigThatDoesNotLoadMakesNothing() throws Exception {
        Path bad = Files.writeString(tmp.resolve("talconfig.yaml"), "clusterName: x\nendpoint: https://10.0.0.1:6443\nnodes: []\n");
        Path dir = tmp.resolve("never");

        CliRun init = CliRun.of("init", dir.toString(), "--from", bad.toString());

        assertThat(init.exitCode()).isEqualTo(2);
        assertThat(init.err().lines()).singleElement().asString().startsWith(bad.toString());
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files).containsExactly(bad);
        }
    }
}
