package dev.talosrehearsal.machineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.talconfig.TalEnv;
import dev.talosrehearsal.talconfig.TalosVersion;
import dev.talosrehearsal.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every document the generator writes validates against Talos's published JSON schema for the
 * release it was written for (the schema {@link TalosFields#forVersion} derives its table from:
 * v1.8 for 1.8, v1.11 for 1.9–1.11, v1.12 for 1.12, v1.13 for 1.13, v1.14 for 1.14). Covers the golden expected files and the
 * homelab fixture's before/ and after/ clusters.
 *
 * <p>{@code persist} is removed before validating: talosctl writes it and Talos accepts it, but the
 * schema does not list it (docs/talos-behaviour.md#machine-config-documents). Non-v1alpha1 documents (HostnameConfig,
 * ExtensionServiceConfig, ...) validate against the same schema: its top-level {@code oneOf} covers
 * every document kind.
 *
 * <p>One erratum: Talos v1.14.0-rc.1's schema spells UnattendedInstallConfig's kind "UnattendedInstall"
 * (its docgen annotation), while Talos registers and decodes "UnattendedInstallConfig"
 * (pkg/machinery/config/types/runtime/unattended_install.go); the document is validated under the schema's
 * spelling ({@link #SCHEMA_KIND_ERRATA}, the same table as tools/derive-config-fields.py's KIND_ERRATA).
 *
 * <p>The schemas live in the developers' {@code ../shared/reference/schemas}; without it these
 * tests are skipped with the missing path as the reason.
 */
class TalosSchemaValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TABLES = Path.of("src/main/resources/dev/talosrehearsal/machineconfig");
    private static final Path DERIVE = Path.of("tools/derive-config-fields.py");
    private static final Map<String, String> SCHEMA_KIND_ERRATA = Map.of("UnattendedInstallConfig", "UnattendedInstall",
            "KubeSpanEndpointsConfig", "KubeSpanEndpoints");
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();

    @TestFactory
    Stream<DynamicTest> goldenExpectedConfigsValidate() {
        Path schemaDir = schemaDir();
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : GoldenGeneratorTest.cases()) {
            tests.add(DynamicTest.dynamicTest(name, () -> {
                TalosVersion version = GoldenGeneratorTest.load(name).talosVersion();
                Path expected = GoldenGeneratorTest.expectedDir(name);
                List<Path> configs;
                try (Stream<Path> files = Files.list(expected)) {
                    configs = files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
                }
                assertThat(configs).as("machine configs in " + expected).isNotEmpty();
                for (Path config : configs) {
                    MachineConfig parsed = MachineConfig.parse(Files.readString(config, StandardCharsets.UTF_8), config.toString());
                    assertValid(schemaDir, version, parsed, config.toString());
                }
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> homelabFixturesValidate() {
        Path schemaDir = schemaDir();
        Path homelab = Fixtures.ROOT.resolve("homelab");
        return Stream.of("before", "after").map(stage -> DynamicTest.dynamicTest("homelab/" + stage, () -> {
            Map<String, String> env = TalEnv.read(homelab.resolve("talenv.yaml"));
            TalConfig cluster = new TalConfigLoader(env).load(homelab.resolve(stage).resolve("talconfig.yaml"));
            SecretsBundle secrets = SecretsFile.read(homelab.resolve("talsecret.yaml"));
            RenderedCluster rendered = new ClusterRenderer().render(cluster, secrets);
            assertThat(rendered.nodes()).isNotEmpty();
            for (RenderedCluster.RenderedNode node : rendered.nodes()) {
                // validate what is written, read back: the file is what Talos gets
                MachineConfig written = MachineConfig.parse(node.config().toYaml(), rendered.fileName(node));
                assertValid(schemaDir, cluster.talosVersion(), written, "homelab/" + stage + "/" + rendered.fileName(node));
            }
        }));
    }

    /** Guards the tests above against a validator that accepts anything. */
    @Test
    void schemaRejectsUnknownFieldsAndPersist() throws IOException {
        Path schemaDir = schemaDir();
        JsonSchema schema = schema(schemaDir, TalosFields.forVersion(TalosVersion.parse("v1.11.5")).source());
        MachineConfig golden = MachineConfig.parse(Files.readString(
                GoldenGeneratorTest.expectedDir("controlplane-worker-v1.11").resolve("golden-cp-0.yaml")), "cp-0");
        ObjectNode doc = golden.v1alpha1().deepCopy();
        assertThat(schema.validate(doc)).as("persist is not in the schema").isNotEmpty();
        doc.remove("persist");
        assertThat(schema.validate(doc)).isEmpty();
        ((ObjectNode) doc.get("machine").get("kubelet")).put("nodeIp", "typo");
        assertThat(schema.validate(doc)).as("unknown field machine.kubelet.nodeIp").isNotEmpty();
        ObjectNode hostname = JSON.createObjectNode().put("apiVersion", "v1alpha1").put("kind", "HostnameConfig").put("auto", "off");
        assertThat(schema.validate(hostname)).as("HostnameConfig is not a v1.11 document").isNotEmpty();
    }

    /** The bundled field tables are exactly what tools/derive-config-fields.py derives from the schemas. */
    @TestFactory
    Stream<DynamicTest> fieldTablesMatchTheSchemas() throws IOException {
        Path schemaDir = schemaDir();
        Assumptions.assumeTrue(python3Available(), "python3 is not on the PATH: cannot run " + DERIVE);
        List<Path> tables;
        try (Stream<Path> files = Files.list(TABLES)) {
            tables = files.filter(p -> p.getFileName().toString().matches("talos-fields-v\\d+\\.\\d+\\.json")).sorted().toList();
        }
        assertThat(tables).as("field tables in " + TABLES).hasSize(5);
        return tables.stream().map(table -> DynamicTest.dynamicTest(table.getFileName().toString(), () -> {
            String minor = table.getFileName().toString().replaceAll("talos-fields-(v\\d+\\.\\d+)\\.json", "$1");
            Path schema = schemaDir.resolve("talos-" + minor + "-config.schema.json");
            assertThat(schema).as("the schema the table was derived from").isRegularFile();
            Path out = Files.createTempFile("talos-fields-" + minor, ".json");
            try {
                List<String> command = new ArrayList<>(List.of("python3", DERIVE.toString(), schema.toString(), out.toString()));
                JsonNode acceptedFrom = JSON.readTree(table.toFile()).get("acceptedFrom");
                if (acceptedFrom != null) {
                    acceptedFrom.forEach(older -> command.addAll(List.of("--accepted-from", schemaDir.resolve(older.asText()).toString())));
                }
                Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("derive-config-fields.py finished").isTrue();
                assertThat(p.exitValue()).as("derive-config-fields.py exit code; output:\n" + output).isZero();
                JsonNode derived = JSON.readTree(out.toFile());
                JsonNode bundled = JSON.readTree(table.toFile());
                assertThat(bundled).as(table + " vs derived from " + schema
                        + " (re-run tools/derive-all-config-fields.sh to update it)").isEqualTo(derived);
            } finally {
                Files.deleteIfExists(out);
            }
        }));
    }

    private void assertValid(Path schemaDir, TalosVersion version, MachineConfig config, String file) {
        JsonSchema schema = schema(schemaDir, TalosFields.forVersion(version).source());
        List<String> problems = new ArrayList<>();
        for (ObjectNode document : config.documents()) {
            ObjectNode doc = document.deepCopy();
            doc.remove("persist"); // emitted by talosctl and accepted by Talos, absent from the schema
            if (doc.has("kind") && SCHEMA_KIND_ERRATA.containsKey(doc.get("kind").asText())) {
                doc.put("kind", SCHEMA_KIND_ERRATA.get(doc.get("kind").asText()));
            }
            if (!doc.has("kind")) {
                // Talos's structs still decode the deprecated fields its schema hides (the table's "deprecated" list,
                // checked against v1alpha1_types.go): a config that uses them is valid for Talos, so they are left out
                // of what the schema judges
                withoutDeprecated(doc, "v1alpha1.Config", table(version));
            }
            Set<ValidationMessage> errors = schema.validate(doc);
            String kind = MachineConfig.kindOf(doc) + (MachineConfig.nameOf(doc) == null ? "" : " " + MachineConfig.nameOf(doc));
            errors.forEach(e -> problems.add(kind + ": " + e.getMessage()));
        }
        assertThat(problems).as(file + " against " + TalosFields.forVersion(version).source()).isEmpty();
    }

    private static JsonNode table(TalosVersion version) {
        try {
            return JSON.readTree(Path.of("src/main/resources/dev/talosrehearsal/machineconfig/talos-fields-" + version.minorTag() + ".json").toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Removes from {@code node} (of table type {@code type}) every field the table lists as deprecated, at any depth. */
    private static void withoutDeprecated(JsonNode node, String type, JsonNode table) {
        Set<String> deprecated = new java.util.HashSet<>();
        table.path("deprecated").forEach(n -> deprecated.add(n.asText()));
        for (JsonNode field : table.path("types").path(type)) {
            String name = field.get(0).asText();
            JsonNode value = node.get(name);
            if (value == null) {
                continue;
            }
            if (deprecated.contains(type + "." + name)) {
                ((ObjectNode) node).remove(name);
            } else if (!field.get(1).isNull()) {
                String child = field.get(1).asText();
                if (value.isObject() && "".equals(field.get(2).asText())) {
                    withoutDeprecated(value, child, table);
                } else if (value.isArray()) {
                    value.forEach(item -> withoutDeprecated(item, child, table));
                }
            }
        }
    }

    private JsonSchema schema(Path schemaDir, String fileName) {
        return schemas.computeIfAbsent(fileName, f -> {
            try (InputStream in = Files.newInputStream(schemaDir.resolve(f))) {
                JsonNode node = JSON.readTree(in);
                assertThat(node.path("$schema").asText()).as(f + " $schema").isEqualTo("https://json-schema.org/draft/2020-12/schema");
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(node);
            } catch (IOException e) {
                throw new AssertionError("cannot read " + schemaDir.resolve(f), e);
            }
        });
    }

    /** ../shared/reference/schemas, or the test is skipped naming what is missing. */
    private static Path schemaDir() {
        Path shared = Fixtures.shared();
        String configured = System.getProperty("talos.rehearsal.shared", "../shared");
        Assumptions.assumeTrue(shared != null,
                "shared reference folder not found at " + Path.of(configured, "reference").toAbsolutePath().normalize()
                        + " (system property talos.rehearsal.shared): Talos JSON schemas unavailable");
        Path dir = shared.resolve("reference/schemas");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no Talos JSON schemas at " + dir.toAbsolutePath().normalize());
        return dir;
    }

    private static boolean python3Available() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
