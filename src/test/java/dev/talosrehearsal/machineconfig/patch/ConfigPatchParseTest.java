package dev.talosrehearsal.machineconfig.patch;

import static dev.talosrehearsal.machineconfig.patch.Yaml.docs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.common.InputException;
import org.junit.jupiter.api.Test;

class ConfigPatchParseTest {

    private static final ConfigPatch.Origin TALCONFIG = new ConfigPatch.Origin("talconfig.yaml", 30);

    private static InputException parseError(String text) {
        try {
            ConfigPatch.parse(text, TALCONFIG);
        } catch (InputException e) {
            return e;
        }
        throw new AssertionError("expected an InputException for:\n" + text);
    }

    @Test
    void malformedYamlPointsAtTheFileLineOfTheProblem() {
        InputException e = parseError("""
                machine:
                  network:
                    hostname: cp1
                   interfaces: []
                """);

        assertThat(e.file()).isEqualTo("talconfig.yaml");
        assertThat(e.line()).isEqualTo(33);
        assertThat(e.oneLine()).startsWith("talconfig.yaml:33: invalid YAML");
    }

    @Test
    void duplicateKeysAreAnError() {
        assertThat(parseError("machine:\n  type: worker\n  type: controlplane\n").oneLine())
                .isEqualTo("talconfig.yaml:32: mapping key \"type\" already defined");
    }

    @Test
    void aDocumentWithoutKindIsAnError() {
        assertThat(parseError("machine:\n  type: worker\n---\napiVersion: v1alpha1\nname: x\n").oneLine())
                .startsWith("talconfig.yaml:33: missing kind");
    }

    @Test
    void aScalarDocumentIsAnError() {
        assertThat(parseError("just text\n").oneLine())
                .isEqualTo("talconfig.yaml:30: expected a YAML document (a mapping), got a string");
    }

    @Test
    void jsonPatchOperationsAreChecked() {
        assertThat(parseError("- op: remove\n  path: /machine/type\n- op: frobnicate\n  path: /x\n").oneLine())
                .startsWith("talconfig.yaml:32: JSON patch operation needs op: one of add, remove, replace");
        assertThat(parseError("- op: replace\n  path: /machine/type\n").oneLine())
                .isEqualTo("talconfig.yaml:30: JSON patch operation replace /machine/type needs a value");
    }

    @Test
    void onlyPatchDeleteIsSupported() {
        assertThat(parseError("machine:\n  certSANs:\n    $patch: replace\n").oneLine())
                .startsWith("talconfig.yaml:32: unsupported `$patch: replace` at 'machine.certSANs'");
    }

    @Test
    void patchDeleteOnAnInnerKeyOfAListItemIsAnError() {
        assertThat(parseError("""
                machine:
                  network:
                    interfaces:
                      - interface: eth0
                        addresses:
                          $patch: delete
                """).oneLine()).startsWith("talconfig.yaml:35: cannot delete an inner key in"
                + " 'machine.network.interfaces.[0].addresses'");
    }

    @Test
    void emptyTextIsAPatchThatChangesNothing() {
        ConfigPatch patch = ConfigPatch.parse("# nothing yet\n", TALCONFIG);

        assertThat(patch.type()).isEqualTo(ConfigPatch.Type.STRATEGIC_MERGE);
        assertThat(ConfigPatcher.apply(docs("version: v1alpha1\n"), patch)).isEqualTo(docs("version: v1alpha1\n"));
    }

    @Test
    void scalarsAreTypedLikeYaml12() {
        ConfigPatch patch = ConfigPatch.parse("""
                machine:
                  kubelet:
                    extraConfig:
                      maxPods: 250
                      serializeImagePulls: false
                      quoted: "true"
                      octal: 0o644
                """, TALCONFIG);

        var out = ConfigPatcher.apply(docs("version: v1alpha1\n"), patch).get(0).at("/machine/kubelet/extraConfig");
        assertThat(out.get("maxPods").isInt()).isTrue();
        assertThat(out.get("serializeImagePulls").isBoolean()).isTrue();
        assertThat(out.get("quoted").isTextual()).isTrue();
        assertThat(out.get("octal").asInt()).isEqualTo(0644);
    }
}
