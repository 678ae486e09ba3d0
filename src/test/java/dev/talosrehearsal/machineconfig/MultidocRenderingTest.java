package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.testing.TalconfigText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.common.InputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Talos v1.14 (rc.1's generator): what the golden cases do not show — patches in either shape, the
 * v1alpha1 fields Talos refuses beside their documents (V1Alpha1Conflicts, with Talos's reasons), the
 * install disk selector's fallback, and what allowSchedulingOnControlPlanes and cniConfig become.
 */
class MultidocRenderingTest {
    private static final String HEAD = """
            clusterName: t
            talosVersion: %s
            kubernetesVersion: v1.36.3
            endpoint: https://192.168.20.10:6443
            nodes:
              - hostname: cp-0
                ipAddress: 192.168.20.10
                controlPlane: true
                installDisk: /dev/sda
            """;

    @TempDir
    Path dir;

    @Test
    void theV1alpha1NodeIpPatchIsRefusedWithTalosReasonAndTheDocumentToWrite() throws IOException {
        String talconfig = HEAD.formatted("v1.14.0-rc.1") + """
                patches:
                  - |-
                    machine:
                      kubelet:
                        nodeIP:
                          validSubnets:
                            - 192.168.20.0/24
                """;
        assertThatThrownBy(() -> render(talconfig))
                .isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .contains("talconfig.yaml:12: machine.kubelet.nodeIP: .machine.kubelet.nodeIP is already set in v1alpha1 config")
                .contains("the KubeNodeConfig document replaces it; node cp-0")
                .contains("Talos also reports: kubelet config is already set in v1alpha1 config (.machine.kubelet)")
                .endsWith("write it as a KubeNodeConfig patch: apiVersion: v1alpha1, kind: KubeNodeConfig,"
                        + " nodeIP: {validSubnets: [192.168.20.0/24]}");
    }

    @Test
    void theSameSubnetsAsAKubeNodeConfigPatchAreAcceptedAndTheV1alpha1FormStillWorksAtV113() throws IOException {
        MachineConfig v114 = render(HEAD.formatted("v1.14.0-rc.1") + """
                patches:
                  - |-
                    apiVersion: v1alpha1
                    kind: KubeNodeConfig
                    nodeIP:
                      validSubnets:
                        - 192.168.20.0/24
                """);
        assertThat(v114.document("KubeNodeConfig", null).orElseThrow().at("/nodeIP/validSubnets/0").asText()).isEqualTo("192.168.20.0/24");
        assertThat(v114.at("/machine/kubelet").isMissingNode()).isTrue();

        MachineConfig v113 = render(HEAD.formatted("v1.13.9") + """
                patches:
                  - |-
                    machine:
                      kubelet:
                        nodeIP:
                          validSubnets:
                            - 192.168.20.0/24
                """);
        assertThat(v113.at("/machine/kubelet/nodeIP/validSubnets/0").asText()).isEqualTo("192.168.20.0/24");
    }

    @Test
    void v1alpha1FieldsWithoutADocumentAreAcceptedAtV114() throws IOException {
        MachineConfig config = render(HEAD.formatted("v1.14.0-rc.1") + """
                patches:
                  - |-
                    machine:
                      certSANs: [cp-0.lan]
                    cluster:
                      etcd:
                        advertisedSubnets: [192.168.20.0/24]
                """);
        assertThat(config.strings("/cluster/etcd/advertisedSubnets")).containsExactly("192.168.20.0/24");
        assertThat(config.strings("/machine/certSANs")).containsExactly("cp-0.lan");
    }

    @Test
    void nameserversBesideAResolverConfigAreRefusedAtEveryReleaseThatWritesOne() throws IOException {
        String patch = """
                patches:
                  - |-
                    machine:
                      network:
                        nameservers: [1.1.1.1]
                """;
        // v1.14's generator always writes a ResolverConfig (hostDNS); v1.13 only with talhelper's nameservers.
        assertThatThrownBy(() -> render(HEAD.formatted("v1.14.0-rc.1") + patch))
                .hasMessageContaining("machine.network.nameservers: .machine.network.nameservers is already set in v1alpha1 config");
        assertThat(render(HEAD.formatted("v1.13.9") + patch).strings("/machine/network/nameservers")).containsExactly("1.1.1.1");
        assertThatThrownBy(() -> render(HEAD.formatted("v1.13.9").replace("    installDisk: /dev/sda",
                "    installDisk: /dev/sda\n    nameservers: [192.168.20.1]") + patch))
                .hasMessageContaining(".machine.network.nameservers is already set in v1alpha1 config")
                // the user who just added talhelper's key reads which half to drop (found by a sweep of real configs)
                .hasMessageContaining("drop it from this patch and list the servers under talhelper's nameservers key");
    }

    @Test
    void apiServerCertSansGoToKubeApiServerConfigAndTheV1alpha1FormIsRefused() throws IOException {
        MachineConfig config = render(HEAD.formatted("v1.14.0-rc.1") + "additionalApiServerCertSans: [api.example]\n");
        assertThat(config.document("KubeAPIServerConfig", null).orElseThrow().at("/certExtraSANs/0").asText()).isEqualTo("api.example");
        assertThatThrownBy(() -> render(HEAD.formatted("v1.14.0-rc.1") + "patches:\n  - |-\n    cluster:\n      apiServer:\n        certSANs: [x]\n"))
                .hasMessageContaining("cluster.apiServer: kube-apiserver config is already set in v1alpha1 config (.cluster.apiServer)")
                .hasMessageContaining("certExtraSANs");
    }

    /**
     * talhelper applies top-level patches to every node, and Talos v1.14 refuses a control-plane-only document on a
     * worker (ControlplaneOnlyConfig, container/validate.go at v1.14.0-rc.1): refused at the patch, naming the worker;
     * the same patch under controlPlane.patches renders and leaves the worker without it.
     */
    @Test
    void aKubeApiServerConfigPatchForEveryNodeIsRefusedOnTheWorker() throws IOException {
        String withWorker = HEAD.formatted("v1.14.0-rc.1") + """
                  - hostname: build-1
                    ipAddress: 192.168.20.30
                    controlPlane: false
                    installDisk: /dev/sda
                """;
        String patch = "    apiVersion: v1alpha1\n    kind: KubeAPIServerConfig\n    apiPort: 7443\n";
        assertThatThrownBy(() -> render(withWorker + "patches:\n  - |-\n" + patch))
                .isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .contains("talconfig.yaml:16: KubeAPIServerConfig: the following document kinds are only allowed on control plane"
                        + " machines: [KubeAPIServerConfig] (node build-1; Talos refuses this config)");

        RenderedCluster controlPlanesOnly = renderAll(withWorker + "controlPlane:\n  patches:\n    - |-\n" + patch.replace("    ", "      "));
        assertThat(controlPlanesOnly.node("cp-0").orElseThrow().config().document("KubeAPIServerConfig", null).orElseThrow()
                .path("apiPort").asInt()).isEqualTo(7443);
        assertThat(controlPlanesOnly.node("build-1").orElseThrow().config().documents("KubeAPIServerConfig")).isEmpty();
    }

    @Test
    void jsonPatchesAreRefusedOnV114sMultiDocumentConfig() {
        assertThatThrownBy(() -> render(HEAD.formatted("v1.14.0-rc.1")
                + "patches:\n  - |-\n    - op: add\n      path: /machine/certSANs/-\n      value: x\n"))
                .hasMessageContaining("JSON6902 patches are not supported for multi-document machine configuration");
    }

    /**
     * onedr0p/cluster-template's admission patch, in most real clusters of v1.13 and before, misses at v1.14, where
     * cluster.apiServer is gone from v1alpha1 (Talos: "lookup failed"): the refusal says which document holds the setting
     * now and how to drop it, and that patch renders without the document.
     */
    @Test
    void aDeleteWrittenForV1alpha1SaysWhichV114DocumentHoldsTheSettingNow() throws IOException {
        String template = "patches:\n  - |-\n    cluster:\n      apiServer:\n        admissionControl:\n          $$patch: delete\n";
        assertThat(render(HEAD.formatted("v1.13.9") + template).at("/cluster/apiServer").has("admissionControl")).isFalse();

        assertThatThrownBy(() -> render(HEAD.formatted("v1.14.0-rc.1") + template))
                .isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .contains("patch delete: path 'cluster.apiServer.admissionControl' in document v1alpha1: lookup failed")
                .endsWith("at Talos v1.14.0-rc.1 the generator writes cluster.apiServer.admissionControl as the"
                        + " KubeAdmissionControlConfig PodSecurity document: patch that document instead (to drop it:"
                        + " {apiVersion: v1alpha1, kind: KubeAdmissionControlConfig, name: PodSecurity, $$patch: delete})");

        MachineConfig dropped = render(HEAD.formatted("v1.14.0-rc.1")
                + "patches:\n  - |-\n    {apiVersion: v1alpha1, kind: KubeAdmissionControlConfig, name: PodSecurity, $$patch: delete}\n");
        assertThat(dropped.document("KubeAdmissionControlConfig", "PodSecurity")).isEmpty();
        assertThat(dropped.document("KubeAPIServerConfig", null)).isPresent();
    }

    /** The same patch as cluster-template's old JSON form: at v1.14 the refusal suggests dropping the document at once. */
    @Test
    void theJsonAdmissionPatchAtV114IsToldToDropTheDocument() {
        assertThatThrownBy(() -> render(HEAD.formatted("v1.14.0-rc.1")
                + "patches:\n  - |-\n    - op: remove\n      path: /cluster/apiServer/admissionControl\n"))
                .isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .contains("JSON6902 patches are not supported for multi-document machine configuration")
                .endsWith("use a strategic merge patch, here: {apiVersion: v1alpha1, kind: KubeAdmissionControlConfig,"
                        + " name: PodSecurity, $$patch: delete}");
    }

    /**
     * machine.kubelet is the most common v1.14 refusal in real configs: the hint says where each of the patch's own
     * fields goes, and that extraMounts has nowhere to go (KubeletConfig mounts nothing extra; siderolabs/talos#14365).
     */
    @Test
    void aKubeletPatchAtV114IsToldWhereEachOfItsFieldsGoes() {
        assertThatThrownBy(() -> render(HEAD.formatted("v1.14.0-rc.1") + "patches:\n  - |-\n    machine:\n      kubelet:\n"
                + "        extraArgs:\n          rotate-server-certificates: \"true\"\n        extraMounts:\n          - destination: /var/mnt/local\n"
                + "            type: bind\n            source: /var/mnt/local\n            options: [bind, rshared, rw]\n"
                + "        disableManifestsDirectory: true\n"))
                .isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .contains("machine.kubelet: kubelet config is already set in v1alpha1 config (.machine.kubelet)")
                .endsWith("move each field of machine.kubelet: extraArgs → KubeletConfig extraArgs; extraMounts → nowhere: KubeletConfig"
                        + " mounts nothing extra at v1.14.0-rc.1 (siderolabs/talos#14365); disableManifestsDirectory → nowhere:"
                        + " KubeletConfig always disables the manifests directory");
    }

    /** A setting under one that moved: the document that holds it, without suggesting to drop the whole of it. */
    @Test
    void aDeleteUnderAMovedSectionNamesItsDocumentOnly() {
        assertThatThrownBy(() -> render(HEAD.formatted("v1.14.0-rc.1")
                + "patches:\n  - |-\n    cluster:\n      apiServer:\n        extraArgs:\n          $$patch: delete\n"))
                .isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .endsWith("the generator writes cluster.apiServer.extraArgs as the KubeAPIServerConfig document: patch that document instead");
    }

    /** Talos checks the admission plugins beside their documents (admission_control.go, and authorization.go's own check). */
    @Test
    void admissionPluginsInV1alpha1AreRefusedBesideTheirDocumentAtV114() {
        assertThatThrownBy(() -> render(HEAD.formatted("v1.14.0-rc.1") + "patches:\n  - |-\n    cluster:\n      apiServer:\n"
                + "        admissionControl:\n          - name: PodSecurity\n            configuration: {defaults: {enforce: baseline}}\n"))
                .isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .contains("cluster.apiServer.admissionControl: admission control plugin config is already set in v1alpha1 config"
                        + " (Talos refuses the config: the KubeAdmissionControlConfig document replaces it")
                .contains("Talos also reports: kube-apiserver config is already set in v1alpha1 config (.cluster.apiServer)");
    }

    @Test
    void anInstallDiskSelectorKeepsTheDeprecatedInstallSectionWithoutAnUnattendedInstallConfig() throws IOException {
        MachineConfig config = render(HEAD.formatted("v1.14.0-rc.1").replace("installDisk: /dev/sda", "installDiskSelector: {model: 'Samsung*'}"));
        assertThat(config.documents("UnattendedInstallConfig")).isEmpty();
        assertThat(config.at("/machine/install/diskSelector/model").asText()).isEqualTo("Samsung*");
        assertThat(config.at("/machine/install/image").asText()).endsWith(":v1.14.0-rc.1");
    }

    @Test
    void schedulingOnControlPlanesDropsTheTaintAndCustomCniReplacesFlannel() throws IOException {
        MachineConfig config = render(HEAD.formatted("v1.14.0-rc.1") + """
                allowSchedulingOnControlPlanes: true
                cniConfig:
                  name: custom
                  urls: [https://example.com/cni.yaml]
                """);
        assertThat(config.document("KubeNodeConfig", null).orElseThrow().has("taints")).isFalse();
        assertThat(config.at("/cluster/allowSchedulingOnControlPlanes").isMissingNode()).isTrue();
        assertThat(config.documents("KubeFlannelCNIConfig")).isEmpty();
        assertThat(config.document("KubeExternalManifestConfig", "custom-cni").orElseThrow().get("url").asText())
                .isEqualTo("https://example.com/cni.yaml");
    }

    /** Talos's validation reads each setting where v1.14 keeps it, and points at the line the bad value came from. */
    @Test
    void v114DocumentsAreValidatedAtTheLineTheValueCameFrom() {
        String badSubnet = HEAD.formatted("v1.14.0-rc.1") + """
                patches:
                  - |-
                    apiVersion: v1alpha1
                    kind: KubeNodeConfig
                    nodeIP:
                      validSubnets:
                        - 192.168.20.0/33
                """;
        assertThatThrownBy(() -> render(badSubnet))
                .isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .contains("talconfig.yaml:16: KubeNodeConfig.nodeIP.validSubnets[0]: nodeIP subnet is not valid: \"192.168.20.0/33\"");
        String badEndpoint = HEAD.formatted("v1.14.0-rc.1").replace("https://192.168.20.10:6443", "https://192.168.20.10:99999");
        assertThatThrownBy(() -> render(badEndpoint))
                .isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .contains("talconfig.yaml:4: KubeClusterConfig.endpoint: cluster endpoint is invalid: port number must be between 1 and 65535");
        String badPods = HEAD.formatted("v1.14.0-rc.1") + """
                clusterPodNets:
                  - 10.0.0.0/7
                """;
        assertThatThrownBy(() -> render(badPods))
                .isInstanceOf(InputException.class)
                .extracting(e -> ((InputException) e).oneLine()).asString()
                .contains("talconfig.yaml:10: KubeNetworkConfig.podSubnets: pod subnets: invalid subnet: 10.0.0.0/7 is too large");
    }

    private MachineConfig render(String talconfig) throws IOException {
        List<RenderedCluster.RenderedNode> nodes = renderAll(talconfig).nodes();
        return nodes.get(0).config();
    }

    private RenderedCluster renderAll(String talconfig) throws IOException {
        return TalconfigText.render(dir, talconfig);
    }
}
