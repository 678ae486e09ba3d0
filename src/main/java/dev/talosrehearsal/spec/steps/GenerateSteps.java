package dev.talosrehearsal.spec.steps;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.ClusterConfigDirectory;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.talconfig.TalConfig;
import io.cucumber.java.en.And;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Steps about talconfig.yaml → machine configs: they run the real CLI and read what it wrote. */
public class GenerateSteps {
    private final Workspace ws;
    private final SimulatedWorld world;
    private Map<String, String> firstRunFiles;
    private String lastVariant;

    public GenerateSteps(Workspace ws, SimulatedWorld world) {
        this.ws = ws;
        this.world = world;
    }

    @Given("the {string} talconfig also has the top-level patch:")
    public void alsoHasTopLevelPatch(String variant, String patch) throws IOException {
        Path file = talconfig(variant);
        String text = Files.readString(file);
        String indented = "  - |-\n" + patch.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElse("") + "\n";
        int patches = text.lastIndexOf("\npatches:\n");
        assertThat(patches).as("%s has a top-level patches list", file).isPositive();
        Files.writeString(file, text.endsWith("\n") ? text + indented : text + "\n" + indented);
    }

    @Given("the {string} talconfig has {string} replaced by {string}")
    public void replacedBy(String variant, String original, String replacement) throws IOException {
        Path file = talconfig(variant);
        String text = Files.readString(file);
        assertThat(text).contains(original);
        Files.writeString(file, text.replaceFirst(java.util.regex.Pattern.quote(original), java.util.regex.Matcher.quoteReplacement(replacement)));
    }

    /** One more talhelper {@code extensionServices} entry in the talconfig's {@code worker:} section, which has none yet. */
    @Given("the {string} talconfig configures the extension service {string} on the workers")
    public void configuresExtensionServiceOnWorkers(String variant, String name) throws IOException {
        Path file = talconfig(variant);
        String text = Files.readString(file);
        assertThat(text).as("%s has a worker section without extensionServices", file).contains("\nworker:\n")
                .doesNotContainPattern("(?m)^worker:\\n(  .*\\n|\\s*\\n)*  extensionServices:");
        String entry = "  extensionServices:\n    - name: " + name + "\n      environment:\n        - CONFIGURED_BY=rehearsal\n";
        Files.writeString(file, text.replaceFirst("\nworker:\n", java.util.regex.Matcher.quoteReplacement("\nworker:\n" + entry)));
    }

    @When("I generate the configs for {string}")
    public void generate(String variant) {
        lastVariant = variant;
        genconfig(variant, ws.path("talsecret.yaml"));
    }

    @When("I generate the configs for {string} without a secrets file")
    public void generateWithoutSecrets(String variant) {
        lastVariant = variant;
        genconfig(variant, ws.path("missing/talsecret.yaml"));
    }

    private void genconfig(String variant, Path secrets) {
        List<String> args = new ArrayList<>(List.of("genconfig", "-c", talconfig(variant).toString(), "-s", secrets.toString(),
                "-o", out(variant).toString()));
        args.addAll(List.of(ws.talenvOption()));
        ws.run(args.toArray(String[]::new));
    }

    @When("I generate the configs for {string} again")
    public void generateAgain(String variant) throws IOException {
        firstRunFiles = readAll(out(variant));
        generate(variant);
    }

    @Then("every node's {string} is exactly:")
    public void everyNodesFieldIsExactly(String dotted, List<String> expected) {
        configs().forEach((file, config) -> assertThat(strings(config.at(pointer(dotted))))
                .as("%s in %s", dotted, file).containsExactlyElementsOf(expected));
    }

    @Then("every control plane's {string} is exactly:")
    public void everyControlPlanesFieldIsExactly(String dotted, List<String> expected) {
        Map<String, MachineConfig> cps = controlPlanes();
        assertThat(cps).isNotEmpty();
        cps.forEach((file, config) -> assertThat(strings(config.at(pointer(dotted))))
                .as("%s in %s", dotted, file).containsExactlyElementsOf(expected));
    }

    @Then("every node resolves names through:")
    public void everyNodeResolvesNamesThrough(List<String> expected) {
        configs().forEach((file, config) -> assertThat(nameservers(config)).as("nameservers of %s", file)
                .containsExactlyElementsOf(expected));
    }

    @Then("every node carries the {string} extension service")
    public void everyNodeCarries(String service) {
        configs().forEach((file, config) -> assertThat(config.document("ExtensionServiceConfig", service))
                .as("ExtensionServiceConfig %s in %s", service, file).isPresent());
    }

    @Then("only the control planes carry the {string} extension service")
    public void onlyControlPlanesCarry(String service) {
        configs().forEach((file, config) -> assertThat(config.document("ExtensionServiceConfig", service).isPresent())
                .as("ExtensionServiceConfig %s in %s", service, file).isEqualTo(isControlPlane(config)));
    }

    @Then("the {string} extension service on every control plane has the environment entry {string}")
    public void extensionEnvironment(String service, String entry) {
        controlPlanes().forEach((file, config) -> assertThat(strings(extension(config, service).get("environment")))
                .as("environment of %s in %s", service, file).contains(entry));
    }

    @Then("the {string} extension service on every control plane mounts {string}")
    public void extensionMounts(String service, String mountPath) {
        controlPlanes().forEach((file, config) -> {
            List<String> mounts = new ArrayList<>();
            extension(config, service).path("configFiles").forEach(f -> mounts.add(f.path("mountPath").asText()));
            assertThat(mounts).as("configFiles of %s in %s", service, file).contains(mountPath);
        });
    }

    @Then("every control plane's API server certificate names {string}")
    public void apiServerCertNames(String name) {
        controlPlanes().forEach((file, config) -> assertThat(strings(config.at("/cluster/apiServer/certSANs")))
                .as("cluster.apiServer.certSANs in %s", file).contains(name));
    }

    @Then("the output holds one config per node, a talosconfig and a .gitignore")
    public void outputHolds() throws IOException {
        Map<String, String> files = readAll(out(lastVariant));
        TalConfig cluster = world.talconfig(lastVariant);
        List<String> expected = new ArrayList<>(List.of("talosconfig", ".gitignore"));
        cluster.nodes().forEach(n -> expected.add(cluster.clusterName() + "-" + n.hostname() + ".yaml"));
        assertThat(files.keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Then("every generated file is readable by its owner only")
    public void ownerOnly() throws IOException {
        Path dir = out(lastVariant);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as(f.toString()).isEqualTo("rw-------");
            }
        }
    }

    @Then("every generated file is byte-identical to the first run")
    public void byteIdentical() throws IOException {
        assertThat(ws.lastRun().exitCode()).as(ws.lastRun().toString()).isZero();
        assertThat(readAll(out(lastVariant))).isEqualTo(firstRunFiles);
    }

    @Then("the generation fails with exit code {int}")
    public void generationFails(int code) {
        assertThat(ws.lastRun().exitCode()).as(ws.lastRun().toString()).isEqualTo(code);
    }

    @Then("the error names {string}")
    public void errorNames(String text) {
        assertThat(ws.relative(ws.lastRun().err())).contains(text);
    }

    @Then("the error says {string}")
    public void errorSays(String text) {
        assertThat(ws.lastRun().err()).contains(text);
    }

    @Then("the error is one line starting with {string}")
    public void errorIsOneLine(String start) {
        String err = ws.relative(ws.lastRun().err());
        assertThat(err.lines()).as(err).hasSize(1);
        assertThat(err).startsWith(start).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Then("nothing was written to the output directory")
    public void nothingWritten() {
        assertThat(out(lastVariant)).doesNotExist();
    }

    // --- helpers -------------------------------------------------------------------------------

    private Path talconfig(String variant) {
        return ws.path(variant + "/talconfig.yaml");
    }

    private Path out(String variant) {
        return ws.path("clusterconfig-" + variant);
    }

    Map<String, MachineConfig> configs() {
        assertThat(ws.lastRun().exitCode()).as(ws.lastRun().toString()).isZero();
        return ClusterConfigDirectory.read(out(lastVariant));
    }

    private Map<String, MachineConfig> controlPlanes() {
        Map<String, MachineConfig> cps = new TreeMap<>();
        configs().forEach((f, c) -> {
            if (isControlPlane(c)) {
                cps.put(f, c);
            }
        });
        return cps;
    }

    private static boolean isControlPlane(MachineConfig config) {
        return "controlplane".equals(config.at("/machine/type").asText());
    }

    private static ObjectNode extension(MachineConfig config, String service) {
        return config.document("ExtensionServiceConfig", service)
                .orElseThrow(() -> new AssertionError("no ExtensionServiceConfig " + service));
    }

    /** Nameservers where Talos reads them: v1alpha1 machine.network before 1.12, a ResolverConfig document after. */
    private static List<String> nameservers(MachineConfig config) {
        List<String> out = strings(config.at("/machine/network/nameservers"));
        config.document("ResolverConfig", null).ifPresent(r -> r.path("nameservers").forEach(n -> out.add(n.path("address").asText())));
        return out;
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    static String pointer(String dotted) {
        return "/" + dotted.replace(".", "/");
    }

    private static Map<String, String> readAll(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : (Iterable<Path>) list::iterator) {
                files.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}
