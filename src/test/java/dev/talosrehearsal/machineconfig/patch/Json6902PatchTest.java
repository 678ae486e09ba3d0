package dev.talosrehearsal.machineconfig.patch;

import static dev.talosrehearsal.machineconfig.patch.Yaml.doc;
import static dev.talosrehearsal.machineconfig.patch.Yaml.docs;
import static dev.talosrehearsal.machineconfig.patch.Yaml.patch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class Json6902PatchTest {

    private static final String BASE = """
            version: v1alpha1
            machine:
              kubelet:
                nodeIP:
                  validSubnets:
                    - 100.64.0.0/10
              certSANs: [a.example]
            cluster:
              etcd:
                advertisedSubnets: [100.64.0.0/10]
            """;

    @Test
    void aYamlListOfOperationsIsAJsonPatch_aMapIsAStrategicPatch() {
        assertThat(patch("- op: remove\n  path: /machine/certSANs\n").type()).isEqualTo(ConfigPatch.Type.JSON6902);
        assertThat(patch("[{\"op\": \"remove\", \"path\": \"/machine/certSANs\"}]").type())
                .isEqualTo(ConfigPatch.Type.JSON6902);
        assertThat(patch("machine:\n  certSANs: [b]\n").type()).isEqualTo(ConfigPatch.Type.STRATEGIC_MERGE);
    }

    @Test
    void replaceSetsExactlyTheNewList() {
        List<ObjectNode> out = ConfigPatcher.apply(docs(BASE), patch("""
                - op: replace
                  path: /machine/kubelet/nodeIP/validSubnets
                  value:
                    - 192.168.20.0/24
                """));

        assertThat(out.get(0).at("/machine/kubelet/nodeIP/validSubnets"))
                .isEqualTo(doc("v: [192.168.20.0/24]").get("v"));
    }

    @Test
    void addAndRemove() {
        List<ObjectNode> out = ConfigPatcher.apply(docs(BASE), patch("""
                - op: add
                  path: /machine/certSANs/-
                  value: b.example
                - op: add
                  path: /cluster/etcd/listenSubnets
                  value: [192.168.20.0/24]
                - op: remove
                  path: /cluster/etcd/advertisedSubnets
                """));

        assertThat(out.get(0).at("/machine/certSANs")).isEqualTo(doc("v: [a.example, b.example]").get("v"));
        assertThat(out.get(0).at("/cluster/etcd")).isEqualTo(doc("listenSubnets: [192.168.20.0/24]"));
    }

    /**
     * Talos's json-patch (github.com/evanphx/json-patch v5.9.11+incompatible, the root package configpatcher imports)
     * never fails an object lookup (partialDoc.get in patch.go), so a replace of a key missing from an object that exists
     * sets it; RFC 6902 calls that an error. TrueCharts' clustertool patches rely on it ({@code replace /machine/time}).
     */
    @Test
    void replacingAKeyItsObjectLacksSetsIt_asTalossJsonPatchDoes() {
        List<ObjectNode> out = ConfigPatcher.apply(docs(BASE), patch("""
                - op: replace
                  path: /machine/kubelet/nodeIP/listenSubnets
                  value: [192.168.20.0/24]
                - op: replace
                  path: /machine/time
                  value: {disabled: false}
                """));

        assertThat(out.get(0).at("/machine/kubelet/nodeIP/listenSubnets")).isEqualTo(doc("v: [192.168.20.0/24]").get("v"));
        assertThat(out.get(0).at("/machine/time/disabled").asBoolean(true)).isFalse();
    }

    @Test
    void replacingUnderAParentThatDoesNotExistNamesTheOriginAndThePath() {
        ConfigPatch patch = ConfigPatch.parse("""
                - op: add
                  path: /machine/certSANs/-
                  value: b.example
                - op: replace
                  path: /machine/network/interfaces
                  value: []
                """, new ConfigPatch.Origin("talconfig.yaml", 20));

        assertThatThrownBy(() -> ConfigPatcher.apply(docs(BASE), patch))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.file()).isEqualTo("talconfig.yaml");
                    assertThat(e.line()).isEqualTo(23);
                    assertThat(e.oneLine()).startsWith(
                            "talconfig.yaml:23: JSON patch replace /machine/network/interfaces failed: path does not exist");
                });
    }

    @Test
    void removingAPathThatDoesNotExistIsAnError() {
        assertThatThrownBy(() -> ConfigPatcher.apply(docs(BASE), patch("- op: remove\n  path: /machine/install\n")))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine())
                        .isEqualTo("patch.yaml:1: JSON patch remove /machine/install failed:"
                                + " path does not exist (Missing field install)"));
    }

    @Test
    void jsonPatchesAreRefusedForMultiDocumentConfigs_asTalosDoes() {
        List<ObjectNode> base = docs(BASE + """
                ---
                apiVersion: v1alpha1
                kind: ExtensionServiceConfig
                name: tailscale
                environment: [A=B]
                """);

        assertThatThrownBy(() -> ConfigPatcher.apply(base, ConfigPatch.parse(
                "- op: remove\n  path: /machine/certSANs\n", new ConfigPatch.Origin("talconfig.yaml", 7))))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine()).startsWith(
                        "talconfig.yaml:7: JSON6902 patches are not supported for multi-document machine configuration"));
    }

    @Test
    void inputIsNotModified() {
        List<ObjectNode> base = docs(BASE);
        List<ObjectNode> before = Yaml.deepCopies(base);

        ConfigPatcher.apply(base, patch("- op: remove\n  path: /machine/certSANs\n"));

        assertThat(base).isEqualTo(before);
    }
}
