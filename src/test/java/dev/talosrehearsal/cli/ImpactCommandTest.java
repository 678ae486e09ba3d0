package dev.talosrehearsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.talosrehearsal.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImpactCommandTest {
    private static final String FIXTURE = "fixtures/homelab/cluster";

    @Test
    void jsonIsAnArrayOfFindingsWithTheSixFields() throws Exception {
        CliRun run = CliRun.of("impact", "--from-cidr", "100.64.0.0/10", "--to-cidr", "192.168.20.0/24", "--json", "--objects", FIXTURE);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.isArray()).isTrue();
        JsonNode service = null;
        for (JsonNode f : json) {
            assertThat(f.fieldNames()).toIterable().containsExactly("kind", "namespace", "name", "field", "value", "note");
            if (f.path("field").asText().equals("spec.loadBalancerIP")) {
                service = f;
            }
        }
        assertThat(service).isNotNull();
        assertThat(service.toString()).isEqualTo("{\"kind\":\"Service\",\"namespace\":\"media\",\"name\":\"jellyfin\","
                + "\"field\":\"spec.loadBalancerIP\",\"value\":\"100.101.0.11\","
                + "\"note\":\"address in 100.64.0.0/10; not in the new range 192.168.20.0/24\"}");
    }

    @Test
    void theTableHasAHeaderAndASummaryAndClusterScopedObjectsShowADash() {
        CliRun run = CliRun.of("impact", "--from-cidr", "100.64.0.0/10", FIXTURE);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines().findFirst().orElseThrow()).matches("KIND +NAMESPACE +NAME +FIELD +VALUE +NOTE");
        assertThat(run.out()).containsPattern("Node +- +talos-master-0 +metadata.annotations.flannel.alpha.coreos.com/public-ip +100.101.0.10 +address in 100.64.0.0/10\n")
                .endsWith("30 values in 17 objects refer to the old range\n");
    }

    @Test
    void nothingFoundIsStillExitZero() {
        CliRun run = CliRun.of("impact", "--from-cidr", "172.16.0.0/12", FIXTURE);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("no object refers to the old range\n");
    }

    @Test
    void aCidrThatDoesNotParseIsExitTwoWithOneLine() {
        CliRun run = CliRun.of("impact", "--from-cidr", "100.64.0.0/40", FIXTURE);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("--from-cidr '100.64.0.0/40' is not a CIDR (expected e.g. 100.64.0.0/10)\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aMalformedObjectFileIsExitTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: ConfigMap\n"
                + "metadata:\n  name: [unclosed\n");
        CliRun run = CliRun.of("impact", "--from-cidr", "100.64.0.0/10", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith(dir.resolve("a.yaml") + ":9: not valid YAML").hasLineCount(1);
    }

    @Test
    void aDocumentThatIsNotAnObjectIsExitTwoNamingFileAndLine(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.yaml"), "# header\n---\nkind: ConfigMap\nmetadata: {name: x}\n");
        CliRun run = CliRun.of("impact", "--from-cidr", "100.64.0.0/10", "--objects", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(dir.resolve("b.yaml") + ":3: not a Kubernetes object: expected apiVersion and kind\n");
    }

    @Test
    void anUnreadableFileIsExitTwo(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve("c.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        CliRun run = CliRun.of("impact", "--from-cidr", "100.64.0.0/10", dir.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(dir.resolve("c.yaml") + ":1: not UTF-8 text: invalid byte 0xff at byte offset 0 (save the file as UTF-8)\n");
    }

    @Test
    void aMissingDirectoryOrKubeconfigIsExitTwo(@TempDir Path dir) {
        CliRun run = CliRun.of("impact", "--from-cidr", "100.64.0.0/10", dir.resolve("nope").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(dir.resolve("nope") + ": directory not found\n");
        run = CliRun.of("impact", "--from-cidr", "100.64.0.0/10", "--kubeconfig", dir.resolve("kubeconfig").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo(dir.resolve("kubeconfig") + ": kubeconfig not found\n");
    }

    @Test
    void aClusterThatDoesNotAnswerIsExitTwoAtOnce(@TempDir Path dir) throws Exception {
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: 'http://127.0.0.1:1'}}]\n"
                + "users: [{name: u, user: {}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n");
        long start = System.nanoTime();
        CliRun run = CliRun.of("impact", "--from-cidr", "100.64.0.0/10", "--kubeconfig", kubeconfig.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("cannot read the cluster at http://127.0.0.1:1/: ").hasLineCount(1);
        assertThat(System.nanoTime() - start).as("no retries with back-off").isLessThan(10_000_000_000L);
    }

    @Test
    void exactlyOneSourceIsRequired() {
        CliRun none = CliRun.of("impact", "--from-cidr", "100.64.0.0/10");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("say where the objects are: --kubeconfig FILE, --objects DIR or DIR\n");
        CliRun both = CliRun.of("impact", "--from-cidr", "100.64.0.0/10", "--kubeconfig", "k", FIXTURE);
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("give only one source of objects: --kubeconfig FILE, --objects DIR or DIR\n");
    }
}
