package dev.talosrehearsal.machineconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalEnv;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden files in the style of talhelper's: every {@code src/test/resources/golden/<case>_input/}
 * (a talconfig.yaml, optionally a talenv.yaml and patch files) is rendered with the TEST ONLY
 * secrets bundle through the path {@code genconfig} takes, and every file genconfig would write
 * ({@code <cluster>-<host>.yaml} per node and {@code talosconfig}; not .gitignore, which depends on
 * what is already in the output directory) must equal {@code <case>_expected/<file>} byte for byte,
 * with no file missing or extra.
 *
 * <p>Variables come from the case's talenv.yaml only, never from the process environment, so the
 * result does not depend on who runs the test. A case with a {@code talos-versions} file is rendered at each
 * version it lists ({@link #cases()}).
 *
 * <p>To regenerate the expected files after an intended change, run
 * <pre>
 * mvn -B -ntp -o test -Dtest=GoldenGeneratorTest -Dgolden.update=true
 * </pre>
 * then read the diff ({@code git diff src/test/resources/golden}) before committing it: the files
 * are the specification, so blessing output without reading it defeats them.
 */
class GoldenGeneratorTest {
    static final Path GOLDEN = Path.of("src/test/resources/golden");
    static final Path TEST_SECRETS = Path.of("src/test/resources/secrets/test-talsecret.yaml");
    private static final String INPUT = "_input";
    private static final String EXPECTED = "_expected";
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    @TestFactory
    Stream<DynamicTest> goldenFiles() {
        List<String> cases = cases();
        assertThat(cases).as("golden cases under " + GOLDEN.toAbsolutePath()).isNotEmpty();
        return cases.stream().map(name -> DynamicTest.dynamicTest(name, () -> check(name)));
    }

    /**
     * The case names: every {@code <case>_input} directory, sorted; a case whose input has a {@value #VERSIONS} file
     * (one Talos version per line) is one case per version, {@code <case>@<version>}, its talconfig.yaml reading the
     * version from {@code ${TALOS_VERSION}} and its expected files under {@code <case>_expected/<version>/}.
     */
    static List<String> cases() {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            List<String> out = new ArrayList<>();
            for (String name : dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(INPUT)).map(n -> n.substring(0, n.length() - INPUT.length())).sorted().toList()) {
                Path versions = GOLDEN.resolve(name + INPUT).resolve(VERSIONS);
                if (Files.exists(versions)) {
                    Files.readAllLines(versions).stream().map(String::strip).filter(v -> !v.isEmpty() && !v.startsWith("#"))
                            .forEach(v -> out.add(name + "@" + v));
                } else {
                    out.add(name);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of a case's input that lists the Talos versions it is rendered at. */
    static final String VERSIONS = "talos-versions";

    private static String base(String name) {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    private static String version(String name) {
        int at = name.indexOf('@');
        return at < 0 ? null : name.substring(at + 1);
    }

    static Path expectedDir(String name) {
        Path dir = GOLDEN.resolve(base(name) + EXPECTED);
        return version(name) == null ? dir : dir.resolve(version(name));
    }

    /** The case's talconfig.yaml, loaded with variables from its talenv.yaml only (if any) and its TALOS_VERSION. */
    static TalConfig load(String name) {
        Path input = GOLDEN.resolve(base(name) + INPUT);
        Path talenv = input.resolve("talenv.yaml");
        Map<String, String> env = new TreeMap<>(Files.exists(talenv) ? TalEnv.read(talenv) : Map.of());
        if (version(name) != null) {
            env.put("TALOS_VERSION", version(name));
        }
        return new TalConfigLoader(env).load(input.resolve("talconfig.yaml"));
    }

    /** What genconfig writes for the case, file name → content (without .gitignore). */
    static Map<String, String> render(String name) {
        Path input = GOLDEN.resolve(base(name) + INPUT);
        TalConfig cluster = load(name);
        SecretsBundle secrets = SecretsFile.read(TEST_SECRETS);
        RenderedCluster rendered = new ClusterRenderer().render(cluster, secrets);
        String talosconfig = rendered.talosconfigFile(secrets);
        // The out dir only matters for an existing .gitignore; point it somewhere that has none.
        Map<String, String> files = new TreeMap<>(ClusterConfigWriter.files(rendered, talosconfig,
                input.resolve("no-such-clusterconfig")));
        files.remove(ClusterConfigWriter.GITIGNORE);
        return files;
    }

    private static void check(String name) throws IOException {
        Map<String, String> actual = render(name);
        Path expected = expectedDir(name);
        if (UPDATE) {
            update(expected, actual);
        }
        assertThat(Files.isDirectory(expected)).as(expected + " exists (run with -Dgolden.update=true to create it)").isTrue();
        assertEquals(new TreeSet<>(actual.keySet()), new TreeSet<>(listFiles(expected)),
                "files written for case " + name + " vs " + expected);
        for (Map.Entry<String, String> f : actual.entrySet()) {
            String want = Files.readString(expected.resolve(f.getKey()), StandardCharsets.UTF_8);
            // assertEquals shows a line diff in IDEs; the message names the file
            assertEquals(want, f.getValue(), name + ": " + f.getKey() + " differs from " + expected.resolve(f.getKey()));
        }
    }

    private static List<String> listFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void update(Path expected, Map<String, String> actual) throws IOException {
        Files.createDirectories(expected);
        List<String> stale = new ArrayList<>(listFiles(expected));
        stale.removeAll(actual.keySet());
        for (String s : stale) {
            Files.delete(expected.resolve(s));
        }
        for (Map.Entry<String, String> f : actual.entrySet()) {
            Files.writeString(expected.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
        }
    }
}
