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

class MultiDocumentPatchTest {

    private static final String V1ALPHA1 = """
            version: v1alpha1
            machine:
              type: worker
            """;

    private static final String TAILSCALE = """
            apiVersion: v1alpha1
            kind: ExtensionServiceConfig
            name: tailscale
            configFiles:
              - content: '{"TCP": {"6443": {"HTTPS": true}}}'
                mountPath: /var/lib/tailscale/serve.json
            environment:
              - TS_AUTHKEY=tskey-auth-x
            """;

    @Test
    void anUnmatchedPatchDocumentIsAppended() {
        List<ObjectNode> out = ConfigPatcher.apply(docs(V1ALPHA1), patch("""
                machine:
                  nodeLabels:
                    role: edge
                ---
                """ + TAILSCALE));

        assertThat(out).hasSize(2);
        assertThat(out.get(0).at("/machine/nodeLabels/role").asText()).isEqualTo("edge");
        assertThat(out.get(1)).isEqualTo(doc(TAILSCALE));
    }

    @Test
    void twoPatchesOnOneExtensionServiceConfig_configFilesMergeByMountPath_environmentConcatenates() {
        List<ObjectNode> base = docs(V1ALPHA1 + "---\n" + TAILSCALE);

        List<ObjectNode> out = ConfigPatcher.apply(ConfigPatcher.apply(base, patch("""
                apiVersion: v1alpha1
                kind: ExtensionServiceConfig
                name: tailscale
                configFiles:
                  - content: '{"TCP": {"6443": {"TCPForward": "127.0.0.1:6443"}}}'
                    mountPath: /var/lib/tailscale/serve.json
                environment:
                  - TS_SERVE_CONFIG=/var/lib/tailscale/serve.json
                """)), patch("""
                apiVersion: v1alpha1
                kind: ExtensionServiceConfig
                name: tailscale
                configFiles:
                  - content: extra
                    mountPath: /etc/extra.conf
                environment:
                  - TS_ACCEPT_DNS=false
                """));

        assertThat(out).hasSize(2);
        assertThat(out.get(1)).isEqualTo(doc("""
                apiVersion: v1alpha1
                kind: ExtensionServiceConfig
                name: tailscale
                configFiles:
                  - content: '{"TCP": {"6443": {"TCPForward": "127.0.0.1:6443"}}}'
                    mountPath: /var/lib/tailscale/serve.json
                  - content: extra
                    mountPath: /etc/extra.conf
                environment:
                  - TS_AUTHKEY=tskey-auth-x
                  - TS_SERVE_CONFIG=/var/lib/tailscale/serve.json
                  - TS_ACCEPT_DNS=false
                """));
    }

    @Test
    void documentsAreMatchedByName() {
        List<ObjectNode> out = ConfigPatcher.apply(docs(V1ALPHA1 + "---\n" + TAILSCALE), patch("""
                apiVersion: v1alpha1
                kind: ExtensionServiceConfig
                name: nut-client
                environment: [NUT_UPS=ups]
                """));

        assertThat(out).extracting(d -> d.path("name").asText()).containsExactly("", "tailscale", "nut-client");
        assertThat(out.get(1)).isEqualTo(doc(TAILSCALE));
    }

    @Test
    void patchDeleteOnADocumentRootRemovesTheDocument() {
        List<ObjectNode> out = ConfigPatcher.apply(docs(V1ALPHA1 + "---\n" + TAILSCALE), patch("""
                apiVersion: v1alpha1
                kind: ExtensionServiceConfig
                name: tailscale
                $patch: delete
                """));

        assertThat(out).hasSize(1);
        assertThat(out.get(0)).isEqualTo(doc(V1ALPHA1));
    }

    @Test
    void patchDeleteOnAConfigFileSelectsItByItsFirstKey() {
        List<ObjectNode> out = ConfigPatcher.apply(docs(TAILSCALE), patch("""
                apiVersion: v1alpha1
                kind: ExtensionServiceConfig
                name: tailscale
                configFiles:
                  - mountPath: /var/lib/tailscale/serve.json
                    $patch: delete
                """));

        assertThat(out.get(0).has("configFiles")).isTrue();
        assertThat(out.get(0).get("configFiles")).isEmpty();
        assertThat(out.get(0).get("environment")).hasSize(1);
    }

    @Test
    void deletingADocumentThatIsNotThereIsAnError() {
        assertThatThrownBy(() -> ConfigPatcher.apply(docs(V1ALPHA1), ConfigPatch.parse("""
                # drop tailscale
                apiVersion: v1alpha1
                kind: ExtensionServiceConfig
                name: tailscale
                $patch: delete
                """, new ConfigPatch.Origin("talconfig.yaml", 10))))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine()).isEqualTo(
                        "talconfig.yaml:11: patch delete: document v1alpha1/ExtensionServiceConfig/tailscale"
                                + " is not in the machine config"));
    }

    @Test
    void theV1alpha1DocumentCannotBeDeleted() {
        assertThatThrownBy(() -> patch("version: v1alpha1\n$patch: delete\n"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine())
                        .isEqualTo("patch.yaml:1: can't delete the root of the v1alpha1 document"));
    }
}
