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

class StrategicMergeTest {

    private static final String BASE = """
            version: v1alpha1
            machine:
              type: controlplane
              kubelet:
                image: ghcr.io/siderolabs/kubelet:v1.31.0
                nodeIP:
                  validSubnets:
                    - 100.64.0.0/10
              network:
                hostname: cp1
                interfaces:
                  - interface: eth0
                    dhcp: true
                    vlans:
                      - vlanId: 10
                        addresses: [10.10.0.2/24]
                  - deviceSelector:
                      hardwareAddr: "aa:bb:*"
                    mtu: 1500
            cluster:
              network:
                dnsDomain: cluster.local
                podSubnets:
                  - 10.244.0.0/16
                serviceSubnets:
                  - 10.96.0.0/12
              etcd:
                advertisedSubnets:
                  - 100.64.0.0/10
            """;

    private static List<ObjectNode> apply(String base, String... patches) {
        List<ObjectNode> docs = docs(base);
        for (String p : patches) {
            docs = ConfigPatcher.apply(docs, patch(p));
        }
        return docs;
    }

    @Test
    void listsConcatenate_validSubnetsKeepsTheOldCidr() {
        List<ObjectNode> out = apply(BASE, """
                machine:
                  kubelet:
                    nodeIP:
                      validSubnets:
                        - 192.168.20.0/24
                """);

        assertThat(out.get(0).at("/machine/kubelet/nodeIP/validSubnets"))
                .isEqualTo(doc("v: [100.64.0.0/10, 192.168.20.0/24]").get("v"));
    }

    @Test
    void podSubnetsAndServiceSubnetsAreReplaced() {
        List<ObjectNode> out = apply(BASE, """
                cluster:
                  network:
                    podSubnets: [10.200.0.0/16]
                    serviceSubnets: [10.100.0.0/16]
                """);

        assertThat(out.get(0).at("/cluster/network/podSubnets")).isEqualTo(doc("v: [10.200.0.0/16]").get("v"));
        assertThat(out.get(0).at("/cluster/network/serviceSubnets")).isEqualTo(doc("v: [10.100.0.0/16]").get("v"));
    }

    @Test
    void patchDeleteThenAFollowingPatchSetsExactlyTheNewList() {
        List<ObjectNode> out = apply(BASE, """
                machine:
                  kubelet:
                    nodeIP:
                      validSubnets:
                        $patch: delete
                """, """
                machine:
                  kubelet:
                    nodeIP:
                      validSubnets:
                        - 192.168.20.0/24
                """);

        assertThat(out.get(0).at("/machine/kubelet/nodeIP/validSubnets"))
                .isEqualTo(doc("v: [192.168.20.0/24]").get("v"));
    }

    @Test
    void patchDeleteOnAKeyRemovesOnlyThatKey() {
        List<ObjectNode> out = apply(BASE, """
                machine:
                  network:
                    hostname:
                      $patch: delete
                """);

        ObjectNode network = (ObjectNode) out.get(0).at("/machine/network");
        assertThat(Yaml.keys(network)).containsExactly("interfaces");
    }

    @Test
    void patchDeleteUnderAMissingParentIsAnError() {
        assertThatThrownBy(() -> apply(BASE, """
                machine:
                  install:
                    disk:
                      $patch: delete
                """))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.oneLine()).startsWith("patch.yaml:4: patch delete: path 'machine.install.disk'");
                    assertThat(e.oneLine()).contains("lookup failed");
                });
    }

    @Test
    void mapsMergeRecursively_scalarsReplace_existingKeysKeepTheirPlace() {
        List<ObjectNode> out = apply(BASE, """
                machine:
                  network:
                    nameservers: [1.1.1.1]
                    hostname: cp1-new
                  kubelet:
                    image: ghcr.io/siderolabs/kubelet:v1.32.0
                """);

        ObjectNode machine = (ObjectNode) out.get(0).get("machine");
        assertThat(Yaml.keys(machine)).containsExactly("type", "kubelet", "network");
        assertThat(Yaml.keys(machine.get("network"))).containsExactly("hostname", "interfaces", "nameservers");
        assertThat(machine.at("/network/hostname").asText()).isEqualTo("cp1-new");
        assertThat(machine.at("/kubelet/image").asText()).isEqualTo("ghcr.io/siderolabs/kubelet:v1.32.0");
        assertThat(machine.at("/kubelet/nodeIP/validSubnets/0").asText()).isEqualTo("100.64.0.0/10");
    }

    @Test
    void nullEmptyAndZeroValuesInThePatchChangeNothing_falseDoes() {
        List<ObjectNode> out = apply(BASE, """
                machine:
                  type: ""
                  kubelet: {}
                  network:
                    hostname: null
                    interfaces:
                      - interface: eth0
                        dhcp: false
                        mtu: 0
                cluster:
                  etcd:
                    advertisedSubnets: []
                """);

        ObjectNode v1 = out.get(0);
        assertThat(v1.at("/machine/type").asText()).isEqualTo("controlplane");
        assertThat(v1.at("/machine/kubelet")).isEqualTo(docs(BASE).get(0).at("/machine/kubelet"));
        assertThat(v1.at("/machine/network/hostname").asText()).isEqualTo("cp1");
        assertThat(v1.at("/machine/network/interfaces/0/dhcp").asBoolean()).isFalse();
        assertThat(v1.at("/machine/network/interfaces/1/mtu").asInt()).isEqualTo(1500);
        assertThat(v1.at("/cluster/etcd/advertisedSubnets")).isEqualTo(doc("v: [100.64.0.0/10]").get("v"));
    }

    @Test
    void anEmptyListReplacesAReplaceField() {
        List<ObjectNode> out = apply(BASE, "cluster:\n  network:\n    podSubnets: []\n");

        assertThat(out.get(0).at("/cluster/network/podSubnets")).isEmpty();
    }

    @Test
    void interfacesMergeByInterfaceOrDeviceSelector_vlansByVlanId() {
        List<ObjectNode> out = apply(BASE, """
                machine:
                  network:
                    interfaces:
                      - interface: eth0
                        addresses: [192.168.20.5/24]
                        vlans:
                          - vlanId: 10
                            mtu: 1400
                          - vlanId: 20
                            dhcp: true
                      - deviceSelector:
                          hardwareAddr: "aa:bb:*"
                        mtu: 9000
                      - interface: eth1
                        dhcp: true
                """);

        assertThat(out.get(0).at("/machine/network/interfaces")).isEqualTo(doc("""
                v:
                  - interface: eth0
                    dhcp: true
                    vlans:
                      - vlanId: 10
                        addresses: [10.10.0.2/24]
                        mtu: 1400
                      - vlanId: 20
                        dhcp: true
                    addresses: [192.168.20.5/24]
                  - deviceSelector:
                      hardwareAddr: "aa:bb:*"
                    mtu: 9000
                  - interface: eth1
                    dhcp: true
                """).get("v"));
    }

    @Test
    void auditPolicyIsReplaced_admissionControlMergesByName() {
        List<ObjectNode> out = apply("""
                cluster:
                  apiServer:
                    auditPolicy:
                      apiVersion: audit.k8s.io/v1
                      kind: Policy
                      rules: [{level: Metadata}]
                    admissionControl:
                      - name: PodSecurity
                        configuration:
                          defaults: {enforce: baseline}
                """, """
                cluster:
                  apiServer:
                    auditPolicy:
                      rules: [{level: None}]
                    admissionControl:
                      - name: PodSecurity
                        configuration:
                          exemptions: {namespaces: [kube-system]}
                      - name: EventRateLimit
                        configuration: {}
                """);

        assertThat(out.get(0).at("/cluster/apiServer")).isEqualTo(doc("""
                auditPolicy:
                  rules: [{level: None}]
                admissionControl:
                  - name: PodSecurity
                    configuration:
                      defaults: {enforce: baseline}
                      exemptions: {namespaces: [kube-system]}
                  - name: EventRateLimit
                    configuration: {}
                """));
    }

    @Test
    void everyRuleNamesItsTalosSource() {
        assertThat(MergeRules.all()).allSatisfy(rule -> assertThat(rule.source()).startsWith("pkg/machinery/config/"));
        assertThat(MergeRules.find("v1alpha1", "machine.kubelet.nodeIP.validSubnets")).isEmpty();
        assertThat(MergeRules.find("v1alpha1", "cluster.etcd.advertisedSubnets")).isEmpty();
    }

    @Test
    void listItemDeleteRemovesTheMatchingItemBeforeTheRestOfTheDocumentMerges() {
        // Talos testdata/patchdelete: delete eth0, then add a fresh eth0 in the same patch
        List<ObjectNode> out = apply(BASE, """
                machine:
                  network:
                    interfaces:
                      - interface: eth0
                        $patch: delete
                      - interface: eth0
                        dummy: true
                """);

        assertThat(out.get(0).at("/machine/network/interfaces")).isEqualTo(doc("""
                v:
                  - deviceSelector:
                      hardwareAddr: "aa:bb:*"
                    mtu: 1500
                  - interface: eth0
                    dummy: true
                """).get("v"));
    }

    @Test
    void patchWithoutVersionKeyStillTargetsTheV1alpha1Document() {
        List<ObjectNode> out = apply(BASE, "cluster:\n  network:\n    dnsDomain: example.internal\n");

        assertThat(out).hasSize(1);
        assertThat(out.get(0).at("/cluster/network/dnsDomain").asText()).isEqualTo("example.internal");
    }

    @Test
    void mapOverListIsAnErrorPointingAtThePatchLine() {
        assertThatThrownBy(() -> ConfigPatcher.apply(docs(BASE), ConfigPatch.parse("""
                machine:
                  kubelet:
                    nodeIP:
                      validSubnets:
                        first: 10.0.0.0/8
                """, new ConfigPatch.Origin("talconfig.yaml", 40))))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.oneLine())
                        .isEqualTo("talconfig.yaml:44: cannot merge machine.kubelet.nodeIP.validSubnets in the"
                                + " v1alpha1 document: the config has a list, the patch a map"));
    }

    @Test
    void inputsAreNotModified() {
        List<ObjectNode> base = docs(BASE);
        List<ObjectNode> before = Yaml.deepCopies(base);
        ConfigPatch patch = patch("""
                machine:
                  network:
                    hostname:
                      $patch: delete
                    interfaces:
                      - interface: eth0
                        mtu: 1400
                  kubelet:
                    nodeIP:
                      validSubnets: [192.168.20.0/24]
                """);
        String patchBefore = patch.toString();

        List<ObjectNode> first = ConfigPatcher.apply(base, patch);
        List<ObjectNode> second = ConfigPatcher.apply(base, patch);

        assertThat(base).isEqualTo(before);
        assertThat(first).isEqualTo(second);
        assertThat(first.get(0)).isNotSameAs(base.get(0));
        assertThat(patch.toString()).isEqualTo(patchBefore);
        // mutating the result does not reach the patch either
        ((ObjectNode) first.get(0).at("/machine/kubelet/nodeIP")).removeAll();
        assertThat(ConfigPatcher.apply(base, patch).get(0).at("/machine/kubelet/nodeIP/validSubnets"))
                .hasSize(2);
    }
}
