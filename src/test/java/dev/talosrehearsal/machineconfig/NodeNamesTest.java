package dev.talosrehearsal.machineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The names Talos v1.13.9 derives from a configured hostname: HostnameSpecSpec.ParseFQDN splits at the first dot
 * (pkg/machinery/resources/network/hostname_spec.go); the etcd member is HostnameStatus.Hostname
 * (controllers/etcd/spec.go); the Node is nodename.FromHostname of the hostname, or of the FQDN with registerWithFQDN
 * (controllers/k8s/nodename.go), which lower-cases, turns '_' into '-', drops other characters and trims '-' and '.'.
 */
class NodeNamesTest {
    private static final MachineConfig PLAIN = MachineConfig.parse("version: v1alpha1\nmachine:\n  type: worker\n", "plain.yaml");
    private static final MachineConfig FQDN = MachineConfig.parse(
            "version: v1alpha1\nmachine:\n  type: worker\n  kubelet:\n    registerWithFQDN: true\n", "fqdn.yaml");
    private static final MachineConfig FQDN_V114 = MachineConfig.parse(
            "version: v1alpha1\nmachine:\n  type: worker\n---\napiVersion: v1alpha1\nkind: KubeNodeConfig\nregisterWithFQDN: true\n", "v114.yaml");

    @Test
    void theHostnameSplitsAtTheFirstDot() {
        assertThat(NodeNames.hostnamePart("cp-1.dc1.example")).isEqualTo("cp-1");
        assertThat(NodeNames.domainPart("cp-1.dc1.example")).isEqualTo("dc1.example");
        assertThat(NodeNames.domainPart("cp-1")).isEmpty();
    }

    @Test
    void theEtcdMemberIsTheHostnamePartAsWritten() {
        assertThat(NodeNames.etcdMember("CP-1.dc1.example")).isEqualTo("CP-1");
    }

    @Test
    void theNodeIsTheHostnamePartLowerCasedUnlessRegisteredWithTheFqdn() {
        assertThat(NodeNames.kubernetesNode("CP-1.dc1.example", PLAIN)).isEqualTo("cp-1");
        assertThat(NodeNames.kubernetesNode("CP-1.dc1.example", FQDN)).isEqualTo("cp-1.dc1.example");
        assertThat(NodeNames.kubernetesNode("cp-1.dc1.example", FQDN_V114)).as("KubeNodeConfig from v1.14").isEqualTo("cp-1.dc1.example");
    }

    @Test
    void theNodeNameIsMadeRfc1123AsFromHostnameDoes() {
        assertThat(NodeNames.kubernetesNode("-Worker_A-", PLAIN)).isEqualTo("worker-a");
        assertThat(NodeNames.kubernetesNode("gpu+box", PLAIN)).isEqualTo("gpubox");
    }
}
