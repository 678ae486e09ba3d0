package dev.talosrehearsal.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.machineconfig.patch.ConfigPatch;
import dev.talosrehearsal.machineconfig.patch.ConfigPatcher;
import dev.talosrehearsal.sim.node.FaultsFile;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coverage-guided fuzzing of the loaders (issue 15) with Jazzer. The property, for every input: the loader
 * either accepts it or throws an {@link InputException} that names the file; any other exception or error (an
 * IllegalArgumentException, a StackOverflowError) is a finding, and so is a hang (the run's time bound).
 *
 * <p>{@code mvn test} replays the seeds in {@code src/test/resources/dev/talosrehearsal/fuzz/LoaderFuzzTestInputs/}
 * (regression mode); {@code mvn verify} also fuzzes {@link #anyLoader} for a few seconds (the {@code fuzz} execution
 * in the POM); docs/testing.md has the command for a longer run of each target. A finding is written next to the
 * seeds as {@code crash-<sha1>}: it then replays as a regression test until the bug is fixed.
 */
class LoaderFuzzTest {
    /** The base documents patches are applied to: a control plane config as genconfig renders it. */
    private static final MachineConfig BASE = MachineConfig.parse(resource("/golden/patch-file_expected/v1.12.9/golden-cp-0.yaml"), "golden-cp-0.yaml");
    private static final Map<String, String> ENV = Map.of("TS_AUTHKEY", "tskey-auth-FUZZ", "LAN", "192.168.20.0/24", "EMPTY", "");
    private static final Path DIR = scratchDirectory();

    /** Every loader at once, the first byte choosing which: what the short run in {@code mvn verify} fuzzes. */
    @FuzzTest(maxDuration = "5s")
    void anyLoader(byte[] input) {
        if (input.length == 0) {
            return;
        }
        byte[] rest = java.util.Arrays.copyOfRange(input, 1, input.length);
        switch (Math.floorMod(input[0], 4)) {
            case 0 -> talconfig(rest);
            case 1 -> patch(rest);
            case 2 -> inventory(rest);
            default -> faults(rest);
        }
    }

    /** talconfig.yaml through the whole loader: size and encoding checks, comments, ${VAR} substitution, parsing, validation, @patch files. */
    @FuzzTest(maxDuration = "5m")
    void talconfig(byte[] input) {
        Path file = DIR.resolve("talconfig.yaml");
        write(file, input);
        expectLoadsOrInputException(file.toString(), () -> new TalConfigLoader(ENV).load(file));
    }

    /** A patch file: strategic merge or RFC 6902, parsed and applied to a rendered control plane config. */
    @FuzzTest(maxDuration = "5m")
    void patch(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        expectLoadsOrInputException("patch.yaml", () -> ConfigPatcher.apply(BASE.documents(), ConfigPatch.parse(text, ConfigPatch.Origin.of("patch.yaml"))));
    }

    @FuzzTest(maxDuration = "5m")
    void inventory(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        expectLoadsOrInputException("inventory.yaml", () -> Inventory.parse(text, "inventory.yaml"));
    }

    @FuzzTest(maxDuration = "5m")
    void faults(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        expectLoadsOrInputException("faults.yaml", () -> FaultsFile.parse(text, "faults.yaml").checkNodes(Set.of("cp-a", "talos-master-1")));
    }

    // --- the property ----------------------------------------------------------------------------------

    private static void expectLoadsOrInputException(String file, Runnable load) {
        try {
            load.run();
        } catch (InputException e) {
            // the file itself, or a file it names (a talconfig's @patch.yaml)
            if (e.file() == null || e.file().isBlank()) {
                throw new AssertionError("an InputException that names no file (loading " + file + "): " + e.oneLine(), e);
            }
            if (e.oneLine().contains("\n")) {
                throw new AssertionError("an InputException on more than one line: " + e.oneLine(), e);
            }
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A directory for the talconfig under test, with a patch file it may name as {@code @patch.yaml}. */
    private static Path scratchDirectory() {
        try {
            Path dir = Files.createTempDirectory("loader-fuzz");
            Files.writeString(dir.resolve("patch.yaml"), "machine:\n  kubelet:\n    nodeIP:\n      validSubnets: [${LAN}]\n");
            dir.toFile().deleteOnExit();
            dir.resolve("patch.yaml").toFile().deleteOnExit();
            dir.resolve("talconfig.yaml").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (var in = LoaderFuzzTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
