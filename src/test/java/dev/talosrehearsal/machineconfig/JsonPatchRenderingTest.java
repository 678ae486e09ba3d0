package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.testing.TalconfigText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.common.InputException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * JSON (RFC 6902) patches as talhelper and Talos apply them. A JSON patch applies to the config as Talos's generator
 * encoded it until a strategic merge decodes it: up to v1.12 that encoding holds {@code machine.registries: {}} (an
 * empty, non-nil mirrors map), so TrueCharts' clustertool patch {@code replace /machine/registries/mirrors} works there —
 * a real v1.10 cluster's talconfig was refused before. And Talos refuses a JSON patch on a config of more than one
 * document, which talhelper (since v3.0.37) makes before the patches for a node with extension services, volumes or, from
 * v1.12, its HostnameConfig.
 */
class JsonPatchRenderingTest {
    private static final String HEAD = """
            clusterName: t
            talosVersion: %s
            kubernetesVersion: v1.33.1
            endpoint: https://192.168.40.10:6443
            nodes:
              - hostname: cp-0
                ipAddress: 192.168.40.10
                controlPlane: true
                installDisk: /dev/sda
            patches:
            """;
    private static final String REPLACE_MIRRORS = """
              - |-
                - op: replace
                  path: /machine/registries/mirrors
                  value:
                    docker.io:
                      endpoints: [http://192.168.40.5:5000]
            """;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v1.8.4", "v1.10.2", "v1.11.5"})
    void replacingTheMirrorsWorksOnTheConfigAsGenerated(String version) throws IOException {
        MachineConfig config = render(HEAD.formatted(version) + REPLACE_MIRRORS);

        assertThat(config.strings("/machine/registries/mirrors/docker.io/endpoints")).containsExactly("http://192.168.40.5:5000");
    }

    @Test
    void afterAStrategicMergeTheEmptyRegistriesAreGoneAsTalosDecodedThem() {
        String strategicFirst = HEAD.formatted("v1.11.5") + "  - |-\n    machine:\n      sysctls:\n        vm.max_map_count: \"262144\"\n"
                + REPLACE_MIRRORS;

        assertThatThrownBy(() -> render(strategicFirst)).isInstanceOf(InputException.class)
                .hasMessageContaining("/machine/registries/mirrors").hasMessageContaining("path does not exist")
                // why the same patch works on the nodes without one of their own (found on a real cluster when a
                // node got a patch of its own), and the two ways that work on every node
                .hasMessageContaining("the strategic merge patch at " + dir.resolve("talconfig.yaml") + ":12 decoded this node's config first")
                .hasMessageContaining("set the mirrors in a strategic merge patch")
                .hasMessageContaining("add /machine/registries whole (op: add, value: {mirrors: ...})");
    }

    /** The refusal's second fix, tried: adding the registries whole works before and after a strategic merge. */
    @ParameterizedTest(name = "strategic patch first: {0}")
    @ValueSource(booleans = {false, true})
    void addingTheRegistriesWholeWorksWhetherOrNotTheConfigWasDecoded(boolean strategicFirst) throws IOException {
        String addRegistries = """
                  - |-
                    - op: add
                      path: /machine/registries
                      value:
                        mirrors:
                          docker.io:
                            endpoints: [http://192.168.40.5:5000]
                """;
        String talconfig = HEAD.formatted("v1.11.5") + (strategicFirst ? "  - |-\n    machine:\n      sysctls:\n        vm.max_map_count: \"262144\"\n" : "")
                + addRegistries;

        assertThat(render(talconfig).strings("/machine/registries/mirrors/docker.io/endpoints")).containsExactly("http://192.168.40.5:5000");
    }

    @Test
    void aJsonPatchThatLeavesRegistriesAloneRendersNoEmptyRegistries() throws IOException {
        MachineConfig config = render(HEAD.formatted("v1.11.5") + "  - |-\n    - op: add\n      path: /machine/sysctls\n      value: {vm.max_map_count: \"262144\"}\n");

        assertThat(config.at("/machine/sysctls/vm.max_map_count").asText()).isEqualTo("262144");
        assertThat(config.at("/machine").has("registries")).isFalse();
    }

    @Test
    void aJsonPatchOnANodeWithAnExtensionServiceIsRefusedAsTalosRefusesMultiDocumentConfigs() {
        String talconfig = HEAD.formatted("v1.11.5").replace("    installDisk: /dev/sda\n",
                "    installDisk: /dev/sda\n    extensionServices:\n      - name: nut-client\n        environment: [UPS_NAME=ups]\n") + REPLACE_MIRRORS;

        assertThatThrownBy(() -> render(talconfig)).isInstanceOf(InputException.class)
                .hasMessageContaining("JSON6902 patches are not supported for multi-document machine configuration")
                .hasMessageContaining("2 documents: v1alpha1, ExtensionServiceConfig");
    }

    @Test
    void fromV1_12EveryNodeHasItsHostnameConfigSoJsonPatchesAreRefused() {
        assertThatThrownBy(() -> render(HEAD.formatted("v1.12.9") + REPLACE_MIRRORS)).isInstanceOf(InputException.class)
                .hasMessageContaining("HostnameConfig");
    }

    private MachineConfig render(String talconfig) throws IOException {
        return TalconfigText.firstNode(dir, talconfig);
    }
}
