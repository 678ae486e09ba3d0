package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.testing.TalconfigText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.common.InputException;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Go templates in patches, with what the golden case patch-templates does not show: which config each template
 * sees. talhelper (pkg/patcher/patcher.go PatchesPatcher, v3.1.16) loads the template data once per list of
 * patches, from the config before that list — so a node's patches see the node settings, the top-level patches see
 * what the node's patches did, and no patch sees the patches of its own list.
 */
class PatchTemplatesTest {
    private static final String HEAD = """
            clusterName: branch-office
            talosVersion: %s
            kubernetesVersion: v1.34.1
            endpoint: https://172.16.40.5:6443
            nodes:
              - hostname: bo-cp
                ipAddress: 172.16.40.5
                controlPlane: true
                installDisk: /dev/vda
                patches:
                  - |-
                    machine:
                      install:
                        disk: /dev/vdb
                  - |-
                    machine:
                      env:
                        NODE_PATCH_SAW: "{{ .MachineConfig.MachineInstall.InstallDisk }}"
            patches:
              - |-
                machine:
                  env:
                    TOP_PATCH_SAW: "{{ .MachineConfig.MachineInstall.InstallDisk }}"
            """;

    @TempDir
    Path dir;

    private final ClusterRenderer renderer = new ClusterRenderer();

    @Test
    void eachListOfPatchesSeesTheConfigAsItWasBeforeThatList() throws IOException {
        MachineConfig config = render(HEAD.formatted("v1.13.9"));

        assertThat(config.at("/machine/env/NODE_PATCH_SAW").asText())
                .as("the node's second patch sees the node settings, not the node's first patch").isEqualTo("/dev/vda");
        assertThat(config.at("/machine/env/TOP_PATCH_SAW").asText())
                .as("a top-level patch sees what the node's patches did").isEqualTo("/dev/vdb");
        assertThat(renderer.warnings()).isEmpty();
    }

    @Test
    void aFieldTalosKeepsInAnotherDocumentAtV114IsRenderedEmptyWithAWarningNamingTheTemplate() throws IOException {
        // at v1.14 Talos refuses machine.install beside its UnattendedInstallConfig: only the reading patch here
        String talconfig = HEAD.formatted("v1.14.0-rc.1").replace("""
                      - |-
                        machine:
                          install:
                            disk: /dev/vdb
                """, "");
        MachineConfig config = render(talconfig);

        assertThat(config.at("/machine/env/NODE_PATCH_SAW").asText()).isEmpty();
        assertThat(renderer.warnings()).anySatisfy(w -> assertThat(w)
                .startsWith(dir.resolve("talconfig.yaml") + ":12: template reads .MachineConfig.MachineInstall.InstallDisk,"
                        + " which is empty in the v1alpha1 document at Talos v1.14.0-rc.1"));
    }

    /**
     * A field the config leaves out prints as Go prints its zero value (the field's declared type, from
     * v1alpha1_types.go): a nil list {@code []}, a nil map {@code map[]}, a nil pointer {@code <nil>}, a string empty.
     */
    @Test
    void anAbsentFieldPrintsAsGoPrintsItsZeroValue() throws IOException {
        String talconfig = HEAD.formatted("v1.13.9") + """
                  - |-
                    machine:
                      env:
                        LIST: "{{ .MachineConfig.MachineKubelet.KubeletClusterDNS }}"
                        MAP: "{{ .MachineConfig.MachineKubelet.KubeletExtraArgs }}"
                        POINTER: "{{ .MachineConfig.MachineKubelet.KubeletNodeIP }}"
                        OPTIONAL_FLAG: "{{ .MachineConfig.MachineKubelet.KubeletSkipNodeRegistration }}"
                        NUMBER: "{{ .ClusterConfig.ControlPlane.LocalAPIServerPort }}"
                        IF_NIL: "{{ if .MachineConfig.MachineKubelet.KubeletNodeIP }}set{{ else }}unset{{ end }}"
                """;

        MachineConfig config = render(talconfig);

        assertThat(config.at("/machine/env/LIST").asText()).isEqualTo("[]");
        assertThat(config.at("/machine/env/MAP").asText()).isEqualTo("map[]");
        assertThat(config.at("/machine/env/POINTER").asText()).isEqualTo("<nil>");
        assertThat(config.at("/machine/env/OPTIONAL_FLAG").asText()).as("a *bool").isEqualTo("<nil>");
        assertThat(config.at("/machine/env/NUMBER").asText()).isEqualTo("0");
        assertThat(config.at("/machine/env/IF_NIL").asText()).isEqualTo("unset");
    }

    /**
     * Up to v1.13 the v1alpha1 document is talhelper's own: a section it leaves out is a nil pointer there, and Go's
     * template fails reading a field through it ("nil pointer evaluating"), so talhelper fails on this patch too. At
     * v1.13 Talos's generator leaves machine.network out (generate/network.go: only before KubeSpan's multi-doc
     * config, v1.13, does it write an empty one).
     */
    @Test
    void aFieldReadThroughASectionTheConfigLeavesOutFailsAsInTalhelper() throws IOException {
        String talconfig = HEAD.formatted("v1.13.9") + """
                  - |-
                    machine:
                      env:
                        NS: "{{ .MachineConfig.MachineNetwork.NameServers }}"
                """;

        assertThatThrownBy(() -> render(talconfig)).isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .isEqualTo(dir.resolve("talconfig.yaml") + ":27: template: nil pointer evaluating *v1alpha1.NetworkConfig.NameServers:"
                        + " .MachineConfig.MachineNetwork is not in the node's v1alpha1 document, so talhelper fails on this template"
                        + " too (node bo-cp)");
    }

    @Test
    void aTemplateThatFailsForANodeNamesTheLineOfTheActionAndTheNode() throws IOException {
        String talconfig = HEAD.formatted("v1.13.9") + """
                  - |-
                    machine:
                      env:
                        RANGE: "{{ range .ClusterConfig.ClusterName }}x{{ end }}"
                """;

        assertThatThrownBy(() -> render(talconfig)).isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .isEqualTo(dir.resolve("talconfig.yaml") + ":27: template: range can't iterate over branch-office (node bo-cp)");
    }

    private MachineConfig render(String talconfig) throws IOException {
        return TalconfigText.render(renderer, dir, talconfig).nodes().get(0).config();
    }
}
