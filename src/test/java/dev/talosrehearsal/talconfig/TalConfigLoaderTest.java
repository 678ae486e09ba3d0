package dev.talosrehearsal.talconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.talosrehearsal.talconfig.TalConfig.ExtensionService;
import dev.talosrehearsal.talconfig.TalConfig.Node;
import dev.talosrehearsal.talconfig.TalConfig.PatchSource;
import dev.talosrehearsal.common.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How talconfig.yaml becomes nodes, talhelper's way: the {@code controlPlane:} group merges into
 * control planes and the {@code worker:} group into workers; patches combine group first, certSANs
 * node first, and every other field is the node's when the node sets it, else the group's, whole.
 */
class TalConfigLoaderTest {
    private static final String HEADER = """
            clusterName: homelab
            talosVersion: v1.11.5
            kubernetesVersion: v1.34.1
            endpoint: https://10.0.0.10:6443
            """;

    @TempDir
    Path dir;

    private TalConfig load(String rest) throws IOException {
        return load(rest, Map.of());
    }

    private TalConfig load(String rest, Map<String, String> env) throws IOException {
        Path file = dir.resolve("talconfig.yaml");
        Files.writeString(file, HEADER + rest);
        return new TalConfigLoader(env).load(file);
    }

    private static Node node(TalConfig config, String hostname) {
        return config.nodes().stream().filter(n -> n.hostname().equals(hostname)).findFirst().orElseThrow();
    }

    private static List<String> patchTexts(Node node) {
        return node.patches().stream().map(PatchSource::text).toList();
    }

    /** talhelper only warns about a talosVersion that is no release (checkSupportedTalosVersion): so does the loader, naming what it renders. */
    @Test
    void aTalosVersionThatIsNoReleaseTagIsRenderedAsTheMinorsFirstReleaseWithAWarning() throws IOException {
        Path file = dir.resolve("talconfig.yaml");
        Files.writeString(file, HEADER.replace("talosVersion: v1.11.5", "talosVersion: \"1.13\"")
                + "nodes:\n  - hostname: cp-0\n    ipAddress: 10.0.0.10\n    controlPlane: true\n    installDisk: /dev/sda\n");
        TalConfig config = new TalConfigLoader(Map.of()).load(file);
        assertThat(config.talosVersion().tag()).isEqualTo("v1.13.0");
        assertThat(config.warnings()).singleElement().asString().endsWith("talconfig.yaml:2: talosVersion: '1.13' is not a release tag;"
                + " rendered as v1.13.0 (installer image and version-dependent defaults): write the release the nodes run, e.g. v1.13.0");
        assertThat(load("nodes:\n  - hostname: cp-0\n    ipAddress: 10.0.0.10\n    controlPlane: true\n    installDisk: /dev/sda\n").warnings())
                .as("v1.11.5 is a release").isEmpty();
    }

    /**
     * talhelper decodes talconfig.yaml leniently and drops keys it does not know (a real talconfig carried a top-level
     * {@code stableHostname: true}): so does the loader, with a warning each. A key that is a typo of a known one is
     * still refused, naming the key it resembles.
     */
    @Test
    void keysTalhelperDoesNotKnowAreIgnoredWithAWarningAndTyposAreRefused() throws IOException {
        TalConfig config = load("stableHostname: true\nnodes:\n  - hostname: cp-0\n    ipAddress: 10.0.0.10\n    controlPlane: true\n"
                + "    installDisk: /dev/sda\n    rack: r3\nworker:\n  zone: b\n");

        assertThat(config.warnings()).hasSize(3)
                .anySatisfy(w -> assertThat(w).contains("stableHostname: not a key of talconfig talhelper knows; it ignores it"))
                .anySatisfy(w -> assertThat(w).contains("nodes[0].rack: not a key of a node talhelper knows"))
                .anySatisfy(w -> assertThat(w).contains("worker.zone: not a key of worker group talhelper knows"));
        assertThatThrownBy(() -> load("nodes:\n  - hostname: cp-0\n    ipAddress: 10.0.0.10\n    controlPlane: true\n    instalDisk: /dev/sda\n"))
                .isInstanceOf(InputException.class).hasMessageContaining("did you mean 'installDisk'?");
        assertThat(load("extensions: [siderolabs/tailscale]\nnodes:\n  - hostname: cp-0\n    ipAddress: 10.0.0.10\n    controlPlane: true\n"
                + "    installDisk: /dev/sda\n").warnings()).as("a node's retired key at the top level is warned about, never dropped in silence")
                .singleElement().asString().contains("extensions: not a key of talconfig talhelper knows");
    }

    /**
     * talhelper decodes a schematic leniently into the Image Factory's struct: a field it lacks (a real worker group's
     * {@code extraKernelArgs} one level too high) is dropped, once for the group however many workers share it; a typo
     * of a field (systemExtension) is refused.
     */
    @Test
    void aSchematicFieldTheFactoryLacksIsDroppedAndATypoIsRefused() throws IOException {
        TalConfig config = load("nodes:\n  - hostname: cp-0\n    ipAddress: 10.0.0.10\n    controlPlane: true\n    installDisk: /dev/sda\n"
                + "  - hostname: w-0\n    ipAddress: 10.0.0.20\n    installDisk: /dev/sda\n"
                + "  - hostname: w-1\n    ipAddress: 10.0.0.21\n    installDisk: /dev/sda\n"
                + "worker:\n  schematic:\n    extraKernelArgs: [apparmor=0]\n    customization:\n      extraKernelArgs: [mitigations=off]\n");

        assertThat(config.nodes().get(1).schematic().toString()).isEqualTo("{\"customization\":{\"extraKernelArgs\":[\"mitigations=off\"]}}");
        assertThat(config.warnings()).singleElement().asString()
                .contains("worker.schematic.extraKernelArgs: not a field of an Image Factory schematic");
        assertThatThrownBy(() -> load("nodes:\n  - hostname: cp-0\n    ipAddress: 10.0.0.10\n    controlPlane: true\n    installDisk: /dev/sda\n"
                + "    schematic:\n      customization:\n        systemExtension: {}\n"))
                .isInstanceOf(InputException.class).hasMessageContaining("unknown field of an Image Factory schematic");
    }

    /** talhelper decodes installDiskSelector into Talos's InstallDiskSelector: a key that struct lacks is dropped. */
    @Test
    void anInstallDiskSelectorKeepsOnlyTheFieldsTalosSelectorHas() throws IOException {
        TalConfig config = load("nodes:\n  - hostname: cp-0\n    ipAddress: 10.0.0.10\n    controlPlane: true\n"
                + "    installDiskSelector:\n      serial: S123\n      transport: usb\n");

        assertThat(config.nodes().get(0).installDiskSelector().toString()).isEqualTo("{\"serial\":\"S123\"}");
        assertThat(config.warnings()).singleElement().asString()
                .contains("nodes[0].installDiskSelector.transport: not a key of installDiskSelector (Talos's InstallDiskSelector) talhelper knows");
    }

    /**
     * A pre-release other than v1.14.0-rc.1, whose rules the newest branch follows, is rendered by those rules with a
     * warning: a real talconfig written for v1.14.0-alpha.2 carried a machine.kubelet patch rc.1 refuses.
     */
    @Test
    void aPreReleaseOtherThanTheModelledOneIsRenderedWithAWarning() throws IOException {
        String nodes = "nodes:\n  - hostname: cp-0\n    ipAddress: 10.0.0.10\n    controlPlane: true\n    installDisk: /dev/sda\n";
        Path file = dir.resolve("talconfig.yaml");
        Files.writeString(file, HEADER.replace("talosVersion: v1.11.5", "talosVersion: v1.14.0-alpha.2") + nodes);

        assertThat(new TalConfigLoader(Map.of()).load(file).warnings()).singleElement().asString().endsWith("talconfig.yaml:2:"
                + " talosVersion v1.14.0-alpha.2 is a pre-release; talos-rehearsal renders and simulates v1.14 as v1.14.0-rc.1 does,"
                + " which may differ from it");
        Files.writeString(file, HEADER.replace("talosVersion: v1.11.5", "talosVersion: v1.14.0-rc.1") + nodes);
        assertThat(new TalConfigLoader(Map.of()).load(file).warnings()).as("the modelled pre-release").isEmpty();
    }

    @Nested
    class Patches {
        private static final String GROUP_AND_NODE_PATCHES = """
                nodes:
                  - hostname: cp-0
                    ipAddress: 10.0.0.10
                    controlPlane: true
                    installDisk: /dev/sda
                    patches:
                      - "machine: {env: {from: node}}"
                controlPlane:
                  patches:
                    - "machine: {env: {from: group}}"
                """;

        @Test
        void theGroupsPatchesComeBeforeTheNodes() throws IOException {
            assertThat(patchTexts(node(load(GROUP_AND_NODE_PATCHES), "cp-0")))
                    .containsExactly("machine: {env: {from: group}}", "machine: {env: {from: node}}");
        }

        @Test
        void overridePatchesDropsTheGroupsPatches() throws IOException {
            String yaml = GROUP_AND_NODE_PATCHES.replace("    patches:\n", "    overridePatches: true\n    patches:\n");
            assertThat(patchTexts(node(load(yaml), "cp-0"))).containsExactly("machine: {env: {from: node}}");
        }

        @Test
        void overridePatchesOnANodeWithoutPatchesStillGetsTheGroups() throws IOException {
            // talhelper merges with "the node's value unless it is empty": overridePatches only
            // replaces the group's patches by the node's own.
            String yaml = GROUP_AND_NODE_PATCHES.replace("    patches:\n      - \"machine: {env: {from: node}}\"\n",
                    "    overridePatches: true\n");
            assertThat(patchTexts(node(load(yaml), "cp-0"))).containsExactly("machine: {env: {from: group}}");
        }

        @Test
        void topLevelPatchesStayOnTheClusterNotTheNodes() throws IOException {
            TalConfig config = load(GROUP_AND_NODE_PATCHES + """
                    patches:
                      - "machine: {env: {from: top}}"
                    """);
            assertThat(config.patches()).extracting(PatchSource::text).containsExactly("machine: {env: {from: top}}");
            assertThat(patchTexts(node(config, "cp-0"))).doesNotContain("machine: {env: {from: top}}");
        }

        @Test
        void anInlinePatchRemembersItsLine() throws IOException {
            PatchSource patch = node(load(GROUP_AND_NODE_PATCHES), "cp-0").patches().get(1);
            assertThat(patch.file()).isEqualTo(dir.resolve("talconfig.yaml").toString());
            assertThat(patch.line()).isEqualTo(11); // HEADER is 4 lines; "- machine: {env: {from: node}}" is line 7 after it
        }

        @Test
        void aFilePatchIsReadRelativeToTheTalconfigAndSubstituted() throws IOException {
            Files.createDirectories(dir.resolve("patches"));
            Files.writeString(dir.resolve("patches/kubelet.yaml"), """
                    # ${NOT_SET} in a comment is fine
                    machine:
                      kubelet:
                        extraArgs:
                          node-labels: site=${SITE}
                    """);
            TalConfig config = load("""
                    nodes:
                      - hostname: cp-0
                        ipAddress: 10.0.0.10
                        controlPlane: true
                        installDisk: /dev/sda
                        patches:
                          - "@patches/kubelet.yaml"
                    """, Map.of("SITE", "attic"));

            PatchSource patch = node(config, "cp-0").patches().get(0);
            assertThat(patch.text()).contains("node-labels: site=attic").doesNotContain("${");
            assertThat(patch.file()).isEqualTo(dir.resolve("patches/kubelet.yaml").toString());
            assertThat(patch.line()).isEqualTo(1);
        }
    }

    @Nested
    class CertSANs {
        private static final String SANS = """
                nodes:
                  - hostname: cp-0
                    ipAddress: 10.0.0.10
                    controlPlane: true
                    installDisk: /dev/sda
                    certSANs: [node.example]
                controlPlane:
                  certSANs: [group.example]
                """;

        @Test
        void areTheNodesThenTheGroups() throws IOException {
            assertThat(node(load(SANS), "cp-0").certSANs()).containsExactly("node.example", "group.example");
        }

        @Test
        void overrideMachineCertSANsKeepsOnlyTheNodes() throws IOException {
            String yaml = SANS.replace("    certSANs:", "    overrideMachineCertSANs: true\n    certSANs:");
            assertThat(node(load(yaml), "cp-0").certSANs()).containsExactly("node.example");
        }

        @Test
        void overrideMachineCertSANsOnANodeWithoutCertSANsStillGetsTheGroups() throws IOException {
            String yaml = SANS.replace("    certSANs: [node.example]", "    overrideMachineCertSANs: true");
            assertThat(node(load(yaml), "cp-0").certSANs()).containsExactly("group.example");
        }
    }

    @Nested
    class OtherGroupFields {
        private static final String GROUP = """
                controlPlane:
                  nameservers: [10.0.0.1, 1.1.1.1]
                  nodeLabels: {zone: attic, tier: gold}
                  nodeAnnotations: {owner: group}
                  nodeTaints: {dedicated: "cp:NoSchedule"}
                  kernelModules: [{name: br_netfilter}]
                  machineFiles: [{path: /var/group, content: g, permissions: 0o644, op: create}]
                  networkInterfaces: [{interface: eth0, dhcp: true}]
                  disableSearchDomain: true
                  talosImageURL: factory.example/group
                  extensionServices:
                    - name: tailscale
                      environment: [TS_HOSTNAME=group]
                """;

        @Test
        void aNodeThatSetsNothingTakesEverythingFromItsGroup() throws IOException {
            Node cp = node(load("""
                    nodes:
                      - hostname: cp-0
                        ipAddress: 10.0.0.10
                        controlPlane: true
                        installDisk: /dev/sda
                    """ + GROUP), "cp-0");

            assertThat(cp.nameservers()).containsExactly("10.0.0.1", "1.1.1.1");
            assertThat(cp.nodeLabels()).containsExactly(Map.entry("zone", "attic"), Map.entry("tier", "gold"));
            assertThat(cp.nodeAnnotations()).containsExactly(Map.entry("owner", "group"));
            assertThat(cp.nodeTaints()).containsExactly(Map.entry("dedicated", "cp:NoSchedule"));
            assertThat(cp.kernelModules().get(0).get("name").asText()).isEqualTo("br_netfilter");
            assertThat(cp.machineFiles().get(0).get("path").asText()).isEqualTo("/var/group");
            assertThat(cp.networkInterfaces().get(0).get("interface").asText()).isEqualTo("eth0");
            assertThat(cp.disableSearchDomain()).isTrue();
            assertThat(cp.talosImageURL()).isEqualTo("factory.example/group");
            assertThat(cp.extensionServices()).extracting(ExtensionService::environment)
                    .containsExactly(List.of("TS_HOSTNAME=group"));
        }

        @Test
        void aNodeThatSetsAFieldReplacesTheGroupsValueWhole() throws IOException {
            Node cp = node(load("""
                    nodes:
                      - hostname: cp-0
                        ipAddress: 10.0.0.10
                        controlPlane: true
                        installDisk: /dev/sda
                        nameservers: [9.9.9.9]
                        nodeLabels: {zone: basement}
                        nodeAnnotations: {owner: node}
                        nodeTaints: {}
                        kernelModules: [{name: nbd}]
                        machineFiles: [{path: /var/node, content: n, permissions: 0o644, op: create}]
                        networkInterfaces: [{interface: eth1, dhcp: false}]
                        talosImageURL: factory.example/node
                        extensionServices:
                          - name: tailscale
                            environment: [TS_HOSTNAME=node]
                    """ + GROUP), "cp-0");

            assertThat(cp.nameservers()).containsExactly("9.9.9.9");
            assertThat(cp.nodeLabels()).containsExactly(Map.entry("zone", "basement")); // no tier: no deep merge
            assertThat(cp.nodeAnnotations()).containsExactly(Map.entry("owner", "node"));
            assertThat(cp.nodeTaints()).isEmpty(); // an empty map is a value, as in talhelper
            assertThat(cp.kernelModules()).extracting(m -> m.get("name").asText()).containsExactly("nbd");
            assertThat(cp.machineFiles()).extracting(f -> f.get("path").asText()).containsExactly("/var/node");
            assertThat(cp.networkInterfaces()).extracting(i -> i.get("interface").asText()).containsExactly("eth1");
            assertThat(cp.talosImageURL()).isEqualTo("factory.example/node");
            assertThat(cp.extensionServices()).extracting(ExtensionService::environment)
                    .containsExactly(List.of("TS_HOSTNAME=node"));
        }

        @Test
        void aNodeCannotTurnOffABooleanItsGroupTurnedOn() throws IOException {
            // talhelper takes the node's value only when it is not Go's zero value, and false is
            // the zero value of a bool: the group's true stays.
            Node cp = node(load("""
                    nodes:
                      - hostname: cp-0
                        ipAddress: 10.0.0.10
                        controlPlane: true
                        installDisk: /dev/sda
                        disableSearchDomain: false
                    """ + GROUP), "cp-0");
            assertThat(cp.disableSearchDomain()).isTrue();
        }
    }

    @Nested
    class Groups {
        private static final String TWO_NODES_TWO_GROUPS = """
                nodes:
                  - hostname: cp-0
                    ipAddress: 10.0.0.10
                    controlPlane: true
                    installDisk: /dev/sda
                  - hostname: worker-0
                    ipAddress: 10.0.0.20
                    installDisk: /dev/nvme0n1
                controlPlane:
                  nodeLabels: {role: cp}
                  patches: ["machine: {env: {group: cp}}"]
                worker:
                  nodeLabels: {role: worker}
                  patches: ["machine: {env: {group: worker}}"]
                """;

        @Test
        void theControlPlaneGroupAppliesOnlyToControlPlanes() throws IOException {
            Node cp = node(load(TWO_NODES_TWO_GROUPS), "cp-0");
            assertThat(cp.controlPlane()).isTrue();
            assertThat(cp.nodeLabels()).containsExactly(Map.entry("role", "cp"));
            assertThat(patchTexts(cp)).containsExactly("machine: {env: {group: cp}}");
        }

        @Test
        void theWorkerGroupAppliesOnlyToWorkers() throws IOException {
            Node worker = node(load(TWO_NODES_TWO_GROUPS), "worker-0");
            assertThat(worker.controlPlane()).isFalse();
            assertThat(worker.nodeLabels()).containsExactly(Map.entry("role", "worker"));
            assertThat(patchTexts(worker)).containsExactly("machine: {env: {group: worker}}");
        }
    }

    @Nested
    class Environment {
        @Test
        void talenvValuesOverrideTheProcessEnvironment() throws IOException {
            assumeThat(System.getenv("PATH")).as("the process environment has PATH").isNotNull();
            Path talenv = dir.resolve("talenv.yaml");
            Files.writeString(talenv, "PATH: /from/talenv\nSITE: attic\n");

            Map<String, String> env = TalConfigLoader.environment(talenv, true);

            assertThat(env).containsEntry("PATH", "/from/talenv").containsEntry("SITE", "attic");
        }

        @Test
        void theProcessEnvironmentIsUsedWhenThereIsNoTalenv() {
            assumeThat(System.getenv("PATH")).as("the process environment has PATH").isNotNull();
            Map<String, String> env = TalConfigLoader.environment(dir.resolve("talenv.yaml"), false);
            assertThat(env).containsEntry("PATH", System.getenv("PATH"));
        }

        @Test
        void theEnvironmentIsSubstitutedIntoTheTalconfig() throws IOException {
            TalConfig config = load("""
                    nodes:
                      - hostname: ${HOST}
                        ipAddress: 10.0.0.10
                        controlPlane: true
                        installDisk: /dev/sda
                    """, Map.of("HOST", "cp-from-env"));
            assertThat(config.nodes()).extracting(Node::hostname).containsExactly("cp-from-env");
        }
    }

    @Nested
    class Addresses {
        @Test
        void ipAddressMayBeACommaSeparatedList() throws IOException {
            Node cp = node(load("""
                    nodes:
                      - hostname: cp-0
                        ipAddress: 10.0.0.10, fd00::10,cp-0.lan
                        controlPlane: true
                        installDisk: /dev/sda
                    """), "cp-0");
            assertThat(cp.ipAddresses()).containsExactly("10.0.0.10", "fd00::10", "cp-0.lan");
            assertThat(cp.primaryAddress()).isEqualTo("10.0.0.10");
        }
    }
}
