package dev.talosrehearsal.machineconfig.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Talos's validation, one row per rule: a golden config (valid), one edit, and what Talos says. Each row
 * names the Talos source it follows (file at a tag in siderolabs/talos).
 */
class TalosValidatorTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TalosVersion V1_12 = TalosVersion.parse("v1.12.1");
    private static final TalosVersion V1_8 = TalosVersion.parse("v1.8.4");
    private static final TalosVersion V1_14 = TalosVersion.parse("v1.14.0-rc.1");
    private static final String V1ALPHA1 = "v1alpha1_validation.go@v1.12.0";

    /** row: what, source, node (cp/worker), edit of the v1alpha1 document (or the whole config), expected error or null. */
    record Row(String what, String source, String node, Consumer<List<ObjectNode>> edit, String error) {
        @Override
        public String toString() {
            return what + " [" + source + "]";
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                // --- cluster.controlPlane.endpoint: ClusterConfig.Validate + siderolabs/net ValidateEndpointURI
                row("endpoint port above 65535", V1ALPHA1 + " + siderolabs/net@v0.4.0 net.go", "cp",
                        set("/cluster/controlPlane/endpoint", "https://host:99999"), "invalid controlplane endpoint: port number must be between 1 and 65535"),
                row("endpoint port 0", V1ALPHA1, "cp", set("/cluster/controlPlane/endpoint", "https://host:0"), "port number must be between 1 and 65535"),
                row("endpoint without host", V1ALPHA1, "cp", set("/cluster/controlPlane/endpoint", "https://:6443"), "hostname must not be blank"),
                row("endpoint without scheme", V1ALPHA1, "cp", set("/cluster/controlPlane/endpoint", "host:6443"), "hostname must not be blank"),
                row("endpoint with unbracketed IPv6", V1ALPHA1, "cp", set("/cluster/controlPlane/endpoint", "https://fd00::10:6443"), "IPv6 addresses MUST be enclosed by square brackets"),
                row("endpoint with bracketed IPv6 is fine", V1ALPHA1, "cp", set("/cluster/controlPlane/endpoint", "https://[fd00::10]:6443"), null),
                row("endpoint without port is fine", V1ALPHA1, "cp", set("/cluster/controlPlane/endpoint", "https://k8s.example.com"), null),
                row("endpoint over http is fine (Talos does not check the scheme)", V1ALPHA1, "cp", set("/cluster/controlPlane/endpoint", "http://10.0.0.1:6443"), null),
                row("endpoint missing", V1ALPHA1, "cp", remove("/cluster/controlPlane/endpoint"), "cluster controlplane endpoint is required"),
                // --- kubelet: KubeletConfig.Validate
                row("validSubnets /33", V1ALPHA1 + " KubeletConfig.Validate", "worker",
                        list("/machine/kubelet/nodeIP/validSubnets", "10.0.0.0/33"), "kubelet nodeIP subnet is not valid: \"10.0.0.0/33\""),
                row("validSubnets trailing garbage", V1ALPHA1, "worker",
                        list("/machine/kubelet/nodeIP/validSubnets", "192.168.20.0/24x"), "kubelet nodeIP subnet is not valid: \"192.168.20.0/24x\""),
                row("validSubnets negated garbage", V1ALPHA1, "worker",
                        list("/machine/kubelet/nodeIP/validSubnets", "!100.64.0.0/1O"), "kubelet nodeIP subnet is not valid: \"100.64.0.0/1O\""),
                row("validSubnets leading-zero octet (Go refuses)", V1ALPHA1, "worker",
                        list("/machine/kubelet/nodeIP/validSubnets", "192.168.020.0/24"), "kubelet nodeIP subnet is not valid"),
                row("validSubnets: CIDR, bare address, negation, IPv6 are fine", V1ALPHA1, "worker",
                        list("/machine/kubelet/nodeIP/validSubnets", "192.168.20.0/24", "192.168.20.5", "!100.64.0.0/10", "fd00::/8", "::ffff:10.0.0.1"), null),
                row("validSubnets host bits set are fine (netip.ParsePrefix keeps them)", V1ALPHA1, "worker",
                        list("/machine/kubelet/nodeIP/validSubnets", "192.168.20.7/24"), null),
                row("kubelet extraConfig overrides a protected field", V1ALPHA1 + " + kubelet/kubelet.go", "worker",
                        d -> v1(d).with("machine").with("kubelet").with("extraConfig").put("port", 1234), "kubelet configuration field \"port\" can't be overridden"),
                // --- etcd: EtcdConfig.Validate
                row("etcd advertisedSubnets garbage", V1ALPHA1 + " EtcdConfig.Validate", "cp",
                        list("/cluster/etcd/advertisedSubnets", "192.168.20.0/24x"), "etcd advertised subnet is not valid: \"192.168.20.0/24x\""),
                row("etcd listenSubnets garbage", V1ALPHA1, "cp", list("/cluster/etcd/listenSubnets", "10.0.0.0/33"), "etcd listen subnet is not valid: \"10.0.0.0/33\""),
                row("etcd subnet and advertisedSubnets", V1ALPHA1, "cp",
                        d -> { list("/cluster/etcd/advertisedSubnets", "10.0.0.0/8").accept(d); set("/cluster/etcd/subnet", "10.0.0.0/8").accept(d); },
                        "etcd subnet can't be set when advertised subnets are set"),
                row("etcd on a worker (a top-level etcd patch reaches workers)", V1ALPHA1 + " ClusterConfig.Validate", "worker",
                        list("/cluster/etcd/advertisedSubnets", "192.168.20.0/24"), "etcd config is only allowed on control plane machines"),
                // --- cluster.network
                row("dnsDomain not a DNS name", V1ALPHA1 + " isValidDNSName", "cp", set("/cluster/network/dnsDomain", "cluster local"), "\"cluster local\" is not a valid DNS name"),
                row("podSubnets garbage is only a warning (Talos does not validate it)", "v1alpha1_validation.go@v1.12.0 (absent)", "cp",
                        list("/cluster/network/podSubnets", "10.244.0.0/33"), null),
                row("unknown CNI", V1ALPHA1 + " ValidateCNI", "cp", set("/cluster/network/cni/name", "cilium"), "cni name should be one of [\"flannel\", \"custom\", \"none\"]"),
                row("custom CNI URL with a bad port", V1ALPHA1 + " ValidateCNI", "cp",
                        d -> { set("/cluster/network/cni/name", "custom").accept(d); list("/cluster/network/cni/urls", "https://x:70000/cni.yaml").accept(d); },
                        "port number must be between 1 and 65535"),
                row("inline manifests share a name", V1ALPHA1 + " ClusterInlineManifests.Validate", "cp",
                        d -> { ArrayNode m = v1(d).with("cluster").putArray("inlineManifests");
                            m.addObject().put("name", "a").put("contents", "x"); m.addObject().put("name", "a").put("contents", "y"); },
                        "inline manifest name \"a\" is duplicate"),
                // --- network devices: CheckDeviceInterface, CheckDeviceAddressing, CheckDeviceRoutes, checkVlans
                row("interface address not a CIDR", V1ALPHA1 + " CheckDeviceAddressing", "cp",
                        iface("{\"interface\":\"eth0\",\"addresses\":[\"192.168.20.0/24x\"]}"), "[networking.os.device.addresses] \"eth0\": invalid CIDR address: 192.168.20.0/24x"),
                row("interface address not an IP", V1ALPHA1, "cp", iface("{\"interface\":\"eth0\",\"addresses\":[\"192.168.20\"]}"), "failed to parse IP address \"192.168.20\""),
                row("interface with neither name nor selector", V1ALPHA1 + " CheckDeviceInterface", "cp",
                        iface("{\"addresses\":[\"192.168.20.10/24\"]}"), "required either config section to be set"),
                row("interface with both name and selector", V1ALPHA1, "cp",
                        iface("{\"interface\":\"eth0\",\"deviceSelector\":{\"busPath\":\"0*\"},\"dhcp\":true}"), "config sections are mutually exclusive"),
                row("interface cidr and addresses", V1ALPHA1, "cp",
                        iface("{\"interface\":\"eth0\",\"cidr\":\"10.0.0.1/24\",\"addresses\":[\"10.0.0.1/24\"]}"), "interface can't have both .cidr and .addresses set"),
                row("VIP not an IP", V1ALPHA1, "cp", iface("{\"interface\":\"eth0\",\"dhcp\":true,\"vip\":{\"ip\":\"192.168.20.300\"}}"),
                        "[networking.os.device.vip] failed to parse \"192.168.20.300\" as IP address"),
                row("VIP on a worker", V1ALPHA1 + " Config.Validate", "worker", iface("{\"interface\":\"eth0\",\"dhcp\":true,\"vip\":{\"ip\":\"192.168.20.5\"}}"),
                        "virtual (shared) IP is not allowed on non-controlplane nodes"),
                row("route gateway not an IP", V1ALPHA1 + " CheckDeviceRoutes", "cp",
                        iface("{\"interface\":\"eth0\",\"dhcp\":true,\"routes\":[{\"network\":\"0.0.0.0/0\",\"gateway\":\"192.168.20.1x\"}]}"), "invalid network address"),
                row("route with neither network nor gateway", V1ALPHA1, "cp",
                        iface("{\"interface\":\"eth0\",\"dhcp\":true,\"routes\":[{\"metric\":10}]}"), "either network or gateway should be set"),
                row("vlan address garbage", V1ALPHA1 + " checkVlans", "cp",
                        iface("{\"interface\":\"eth0\",\"vlans\":[{\"vlanId\":20,\"addresses\":[\"10.20.0.1/40\"]}]}"), "[networking.os.device.vlan.addresses] eth0.20: invalid CIDR address: 10.20.0.1/40"),
                row("a valid static interface is fine", V1ALPHA1, "cp",
                        iface("{\"interface\":\"eth0\",\"addresses\":[\"192.168.20.11/24\",\"fd00::11/64\"],\"routes\":[{\"network\":\"0.0.0.0/0\",\"gateway\":\"192.168.20.1\"}],\"vip\":{\"ip\":\"192.168.20.10\"}}"), null),
                row("an ignored interface is not checked", V1ALPHA1 + " ValidateNetworkDevices", "cp",
                        iface("{\"interface\":\"eth1\",\"ignore\":true,\"addresses\":[\"garbage\"]}"), null),
                // --- install: Config.Validate in metal mode
                row("install disk and selector both missing", V1ALPHA1 + " Config.Validate", "cp",
                        remove("/machine/install/disk"), "either install disk or diskSelector should be defined"),
                // --- machine type and CA keys
                row("unknown machine type", V1ALPHA1, "worker", set("/machine/type", "agent"), "unknown machine type \"agent\""),
                row("worker holding the Kubernetes CA key", V1ALPHA1, "worker", set("/cluster/ca/key", "LS0t"),
                        "issuing Kubernetes API CA key is not allowed on non-controlplane nodes (.cluster.ca)"),
                // --- features
                row("Talos API access on a worker", V1ALPHA1, "worker",
                        d -> v1(d).with("machine").with("features").with("kubernetesTalosAPIAccess").put("enabled", true),
                        "feature Kubernetes Talos API Access can only be enabled on control plane machines"),
                row("unknown API access role", V1ALPHA1 + " + role/role.go", "cp",
                        d -> { ObjectNode a = v1(d).with("machine").with("features").with("kubernetesTalosAPIAccess");
                            a.put("enabled", true); a.putArray("allowedRoles").add("os:root"); },
                        "invalid role \"os:root\" in allowed roles for Kubernetes Talos API Access"),
                row("node address sort algorithm v3", V1ALPHA1, "cp", set("/machine/features/nodeAddressSortAlgorithm", "v3"), "invalid node address sort algorithm"),
                row("persist false", V1ALPHA1, "cp", d -> v1(d).put("persist", false), ".persist should be enabled"),
                // --- KubeSpan: Config.Validate (the network section, then the cluster rules)
                row("kubespan MTU below 1280", V1ALPHA1 + " + constants.go KubeSpanLinkMinimumMTU", "worker",
                        kubespan("{\"enabled\": true, \"mtu\": 1200}"), "kubespan link MTU must be at least 1280"),
                row("kubespan with discovery disabled", V1ALPHA1, "worker",
                        kubespan("{\"enabled\": true}").andThen(d -> v1(d).with("cluster").with("discovery").put("enabled", false)),
                        ".cluster.discovery should be enabled when .machine.network.kubespan is enabled"),
                row("kubespan without cluster.id", V1ALPHA1, "cp",
                        kubespan("{\"enabled\": true}").andThen(remove("/cluster/id")), ".cluster.id should be set when .machine.network.kubespan is enabled"),
                row("kubespan endpoint filter not a CIDR (v1.12's message says filer)", V1ALPHA1, "worker",
                        kubespan("{\"enabled\": true, \"filters\": {\"endpoints\": [\"0.0.0.0/0\", \"!10.0.0.0/33\"]}}"),
                        "KubeSpan endpoint filer is not valid: \"!10.0.0.0/33\""),
                row("kubespan enabled with discovery, id and secret is fine", V1ALPHA1, "cp",
                        kubespan("{\"enabled\": true, \"mtu\": 1420, \"filters\": {\"endpoints\": [\"!192.168.20.0/24\", \"0.0.0.0/0\"]}}"), null),
                row("kubespan disabled is not checked", V1ALPHA1, "worker",
                        kubespan("{\"enabled\": false, \"mtu\": 1}").andThen(d -> v1(d).with("cluster").with("discovery").put("enabled", false)), null),
                // --- documents beside v1alpha1
                row("ResolverConfig nameserver not an address", "network/resolver.go@v1.12.0", "cp",
                        doc("{\"apiVersion\":\"v1alpha1\",\"kind\":\"ResolverConfig\",\"nameservers\":[{\"address\":\"1.1.1\"}]}"), "ParseAddr(\"1.1.1\")"),
                row("ResolverConfig beside v1alpha1 nameservers", "network/resolver.go@v1.12.0 V1Alpha1ConflictValidate", "cp",
                        d -> { doc("{\"apiVersion\":\"v1alpha1\",\"kind\":\"ResolverConfig\",\"nameservers\":[{\"address\":\"1.1.1.1\"}]}").accept(d);
                            list("/machine/network/nameservers", "9.9.9.9").accept(d); },
                        ".machine.network.nameservers is already set in v1alpha1 config"),
                row("HostnameConfig beside a v1alpha1 hostname", "network/hostname.go@v1.12.0 V1Alpha1ConflictValidate", "cp",
                        set("/machine/network/hostname", "cp-0"), "static hostname is already set in v1alpha1 config"),
                row("HostnameConfig auto off without hostname", "network/hostname.go@v1.12.0", "cp",
                        d -> d.stream().filter(x -> "HostnameConfig".equals(x.path("kind").asText())).forEach(x -> x.remove("hostname")),
                        "either 'auto' or 'hostname' must be set"),
                row("HostnameConfig first label longer than 63", "network/hostname.go@v1.12.0", "cp",
                        d -> d.stream().filter(x -> "HostnameConfig".equals(x.path("kind").asText())).forEach(x -> x.put("hostname", "a".repeat(64) + ".lan")),
                        "invalid hostname"),
                row("ExtensionServiceConfig file without content", "runtime/extensions/service_config.go@v1.12.0", "cp",
                        doc("{\"apiVersion\":\"v1alpha1\",\"kind\":\"ExtensionServiceConfig\",\"name\":\"tailscale\",\"configFiles\":[{\"content\":\"\",\"mountPath\":\"/a\"}]}"),
                        "extension content is required for extension \"tailscale\""),
                row("ExtensionServiceConfig with nothing", "runtime/extensions/service_config.go@v1.12.0", "cp",
                        doc("{\"apiVersion\":\"v1alpha1\",\"kind\":\"ExtensionServiceConfig\",\"name\":\"tailscale\"}"),
                        "no config files found for extension \"tailscale\""),
                // talhelper's own network tests use such placeholder keys (pkg/talos/networkconfig_test.go, v3.1.16)
                row("WireguardConfig with a placeholder private key", "network/wireguard.go@v1.12.0", "cp",
                        doc("{\"apiVersion\":\"v1alpha1\",\"kind\":\"WireguardConfig\",\"name\":\"wg0\",\"privateKey\":\"iAmAPrivateKey=\"}"),
                        "wireguard private key is invalid: illegal base64 data"),
                row("WireguardConfig peer without a public key", "network/wireguard.go@v1.12.0", "cp",
                        doc("{\"apiVersion\":\"v1alpha1\",\"kind\":\"WireguardConfig\",\"name\":\"wg0\",\"privateKey\":\""
                                + "GDj3dlu3bqNjTrkmPCFa0v+jF8w7PpzUODwVeSSf0W0=\",\"peers\":[{\"allowedIPs\":[\"10.1.0.0/24\"]}]}"),
                        "wireguard peer public key must be specified (peer index 0)"),
                row("NetworkRuleConfig without ports", "network/rule_config.go@v1.12.0", "cp",
                        doc("{\"apiVersion\":\"v1alpha1\",\"kind\":\"NetworkRuleConfig\",\"name\":\"kubelet\",\"portSelector\":{\"protocol\":\"tcp\"}}"),
                        "portSelector.ports is required"),
                row("NetworkRuleConfig with overlapping ports", "network/port_range.go@v1.12.0", "cp",
                        doc("{\"apiVersion\":\"v1alpha1\",\"kind\":\"NetworkRuleConfig\",\"name\":\"web\",\"portSelector\":{\"ports\":"
                                + "[\"8000-8100\",8080],\"protocol\":\"tcp\"}}"),
                        "invalid port range: 8080-8080, overlaps with 8000-8100"),
                row("NetworkRuleConfig with a subnet that is not one", "network/rule_config.go@v1.12.0", "cp",
                        doc("{\"apiVersion\":\"v1alpha1\",\"kind\":\"NetworkRuleConfig\",\"name\":\"web\",\"portSelector\":{\"ports\":"
                                + "[443],\"protocol\":\"tcp\"},\"ingress\":[{\"subnet\":\"10.0.0.0/33\"}]}"),
                        "invalid subnet: 10.0.0.0/33"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rowArguments")
    void talosRule(Row row) throws IOException {
        check(row, "controlplane-worker-v1.12", V1_12);
    }

    /** Applies the row's edit to the golden config of {@code golden} and validates it for {@code version}. */
    private static void check(Row row, String golden, TalosVersion version) throws IOException {
        List<ObjectNode> docs = golden(golden, row.node());
        row.edit().accept(docs);
        ValidationResult result = TalosValidator.validate(docs, version, ValidationMode.METAL);
        if (row.error() == null) {
            assertThat(result.errors()).as(row.what()).isEmpty();
        } else {
            assertThat(result.errors()).as(row.what()).isNotEmpty();
            assertThat(result.talosMessage()).as(row.what()).contains(row.error());
        }
    }

    static Stream<Arguments> rowArguments() {
        return rows().map(Arguments::of);
    }

    /**
     * v1.14: the settings the checks above read from v1alpha1 live in documents, each checked by its own
     * {@code Validate} (tag v1.14.0-rc.1), and a v1alpha1 field beside its document is refused (V1Alpha1ConflictValidate).
     * Edits of the v1.14 golden config, by document kind.
     */
    static Stream<Row> v114Rows() {
        String k8s = "k8s/%s.go@v1.14.0-rc.1";
        return Stream.of(
                row("KubeClusterConfig endpoint port above 65535", k8s.formatted("cluster"), "cp",
                        in("KubeClusterConfig", d -> d.put("endpoint", "https://host:99999")), "cluster endpoint is invalid: port number must be between 1 and 65535"),
                row("KubeClusterConfig without endpoint", k8s.formatted("cluster"), "worker",
                        in("KubeClusterConfig", d -> d.remove("endpoint")), "endpoint must be specified"),
                row("KubeClusterConfig without clusterName", k8s.formatted("cluster"), "cp",
                        in("KubeClusterConfig", d -> d.remove("clusterName")), "clusterName must be specified"),
                row("v1alpha1 endpoint beside KubeClusterConfig", k8s.formatted("cluster") + " V1Alpha1ConflictValidate", "cp",
                        set("/cluster/controlPlane/endpoint", "https://192.168.1.10:6443"), "cluster endpoint is already set in the v1alpha1 config"),
                row("KubeNodeConfig validSubnets /33", k8s.formatted("node"), "worker",
                        in("KubeNodeConfig", d -> d.with("nodeIP").putArray("validSubnets").add("10.0.0.0/33")), "nodeIP subnet is not valid: \"10.0.0.0/33\""),
                row("KubeNodeConfig validSubnets: CIDR, address, negation are fine", k8s.formatted("node"), "worker",
                        in("KubeNodeConfig", d -> d.with("nodeIP").putArray("validSubnets").add("192.168.20.0/24").add("10.0.0.1").add("!100.64.0.0/10")), null),
                row("v1alpha1 nodeIP beside KubeNodeConfig", k8s.formatted("node") + " V1Alpha1ConflictValidate", "worker",
                        list("/machine/kubelet/nodeIP/validSubnets", "192.168.20.0/24"), ".machine.kubelet.nodeIP is already set in v1alpha1 config"),
                row("KubeletConfig config overrides a protected field", k8s.formatted("kubelet"), "worker",
                        in("KubeletConfig", d -> d.with("config").put("port", 1234)), "kubelet configuration field \"port\" can't be overridden"),
                row("KubeletConfig without image", k8s.formatted("kubelet"), "worker",
                        in("KubeletConfig", d -> d.remove("image")), "kubelet image cannot be empty"),
                row("KubeNetworkConfig pod subnet not a CIDR", k8s.formatted("network"), "cp",
                        in("KubeNetworkConfig", d -> d.putArray("podSubnets").add("10.244.0.0/33")), "pod subnets: invalid subnet"),
                row("KubeNetworkConfig pod subnet smaller than the node mask", k8s.formatted("network"), "cp",
                        in("KubeNetworkConfig", d -> d.putArray("podSubnets").add("10.244.0.0/25")), "pod subnets: invalid subnet: 10.244.0.0/25 is smaller than the per-node pod CIDR mask size /24"),
                row("KubeNetworkConfig service subnet with host bits", k8s.formatted("network"), "cp",
                        in("KubeNetworkConfig", d -> d.putArray("serviceSubnets").add("10.96.0.1/12")), "service subnets: invalid subnet: 10.96.0.1/12 is not a valid CIDR"),
                row("KubeNetworkConfig service subnet too large", k8s.formatted("network"), "cp",
                        in("KubeNetworkConfig", d -> d.putArray("serviceSubnets").add("10.0.0.0/8")), "service subnets: invalid subnet: 10.0.0.0/8 is too large, it must be at least /12"),
                row("KubeNetworkConfig two pod subnets, one service subnet", k8s.formatted("network"), "cp",
                        in("KubeNetworkConfig", d -> d.putArray("podSubnets").add("10.244.0.0/16").add("fd00:10:244::/56")),
                        "the number of pod subnets must match the number of service subnets"),
                row("KubeNetworkConfig dual stack is fine", k8s.formatted("network"), "cp",
                        in("KubeNetworkConfig", d -> { d.putArray("podSubnets").add("10.244.0.0/16").add("fd00:10:244::/56");
                            d.putArray("serviceSubnets").add("10.96.0.0/12").add("fd00:10:96::/112"); }), null),
                row("KubeNetworkConfig dnsDomain is not checked (only a warning)", k8s.formatted("network") + " (absent)", "cp",
                        in("KubeNetworkConfig", d -> d.put("dnsDomain", "cluster local")), null),
                row("v1alpha1 cluster.network beside KubeNetworkConfig", k8s.formatted("network") + " V1Alpha1ConflictValidate", "cp",
                        set("/cluster/network/dnsDomain", "cluster.local"), "cluster network config is already set in the v1alpha1 config"),
                row("UnattendedInstallConfig without a disk selector", "runtime/unattended_install.go@v1.14.0-rc.1", "worker",
                        in("UnattendedInstallConfig", d -> d.with("provisioning").remove("diskSelector")), "provisioning.volumeSelector.match is required"),
                row("v1alpha1 machine.install beside UnattendedInstallConfig", "runtime/unattended_install.go@v1.14.0-rc.1 V1Alpha1ConflictValidate", "worker",
                        set("/machine/install/disk", "/dev/sda"), "UnattendedInstallConfig config is incompatible with v1alpha1 config (.machine.install)"),
                row("ResolverConfig forwards kube-dns with hostDNS off", "network/resolver.go@v1.14.0-rc.1", "cp",
                        in("ResolverConfig", d -> d.with("hostDNS").put("enabled", false)), "hostDNS.forwardKubeDNSToHost cannot be enabled when hostDNS.enabled is false"),
                row("ResolverConfig DoT nameserver without tlsServerName", "network/resolver.go@v1.14.0-rc.1", "cp",
                        in("ResolverConfig", d -> d.withArray("nameservers").addObject().put("address", "1.1.1.1").put("protocol", "DoT")),
                        "tlsServerName must be set when protocol is DoT: entry 0"),
                row("ResolverConfig Do53 nameserver with a tlsServerName", "network/resolver.go@v1.14.0-rc.1", "cp",
                        in("ResolverConfig", d -> d.withArray("nameservers").addObject().put("address", "1.1.1.1").put("tlsServerName", "one.one.one.one")),
                        "tlsServerName must be empty when protocol is Do53: entry 0"),
                row("ResolverConfig unknown protocol", "nethelpers DNSProtocolString@v1.14.0-rc.1", "cp",
                        in("ResolverConfig", d -> d.withArray("nameservers").addObject().put("address", "1.1.1.1").put("protocol", "DoQ")),
                        "DoQ does not belong to DNSProtocol values"),
                row("ResolverConfig DoH (any case) with a name and hostDNS on is fine", "network/resolver.go@v1.14.0-rc.1", "cp",
                        in("ResolverConfig", d -> d.withArray("nameservers").addObject().put("address", "1.1.1.1").put("protocol", "doh")
                                .put("tlsServerName", "cloudflare-dns.com")), null),
                row("encrypted DNS needs hostDNS", "container/validate.go@v1.14.0-rc.1 validateContainer", "cp",
                        in("ResolverConfig", d -> { d.withArray("nameservers").addObject().put("address", "1.1.1.1").put("protocol", "DoT")
                                .put("tlsServerName", "one.one.one.one"); d.set("hostDNS", JSON.createObjectNode().put("enabled", false)); }),
                        "hostDNS must be enabled when using non-default DNS protocols"),
                row("v1alpha1 hostDNS beside ResolverConfig hostDNS", "network/resolver.go@v1.14.0-rc.1 V1Alpha1ConflictValidate", "cp",
                        d -> v1(d).with("machine").with("features").with("hostDNS").put("enabled", true), ".machine.features.hostDNS is already set in v1alpha1 config"),
                row("KubeSpan needs discovery: the DiscoveryServiceConfig deleted", "container/validate.go@v1.14.0-rc.1 validateContainer", "worker",
                        doc("{\"apiVersion\": \"v1alpha1\", \"kind\": \"KubeSpanConfig\", \"enabled\": true}")
                                .andThen(docs -> docs.removeIf(d -> "DiscoveryServiceConfig".equals(d.path("kind").asText()))),
                        "KubeSpan requires cluster discovery to be enabled"),
                row("v1alpha1 kubespan needs discovery too, and no longer cluster.discovery itself", "container/validate.go@v1.14.0-rc.1 validateContainer", "worker",
                        kubespan("{\"enabled\": true}").andThen(docs -> docs.removeIf(d -> "DiscoveryServiceConfig".equals(d.path("kind").asText()))),
                        "KubeSpan requires cluster discovery to be enabled"),
                row("discovery needs a cluster identity: the DiscoveryIdentityConfig deleted", "container/validate.go@v1.14.0-rc.1 validateContainer", "cp",
                        docs -> docs.removeIf(d -> "DiscoveryIdentityConfig".equals(d.path("kind").asText())),
                        "cluster ID (.cluster.id or DiscoveryIdentityConfig) should be set when cluster discovery (DiscoveryServiceConfig) is enabled"),
                row("KubeSpanConfig with discovery is fine", "network/kubespan.go@v1.14.0-rc.1", "worker",
                        doc("{\"apiVersion\": \"v1alpha1\", \"kind\": \"KubeSpanConfig\", \"enabled\": true, \"filters\": {\"endpoints\": [\"0.0.0.0/0\"]}}"), null),
                row("KubeSpanConfig MTU below 1280", "network/kubespan.go@v1.14.0-rc.1", "worker",
                        doc("{\"apiVersion\": \"v1alpha1\", \"kind\": \"KubeSpanConfig\", \"enabled\": true, \"mtu\": 1000}"), "kubespan link MTU must be at least 1280"),
                row("KubeSpanConfig endpoint filter not a CIDR", "network/kubespan.go@v1.14.0-rc.1", "worker",
                        doc("{\"apiVersion\": \"v1alpha1\", \"kind\": \"KubeSpanConfig\", \"enabled\": true, \"filters\": {\"endpoints\": [\"10.0.0.0/33\"]}}"),
                        "KubeSpan endpoint filter is not valid: \"10.0.0.0/33\""),
                row("KubeSpanConfig beside v1alpha1 machine.network.kubespan", "network/kubespan.go@v1.14.0-rc.1 V1Alpha1ConflictValidate", "worker",
                        doc("{\"apiVersion\": \"v1alpha1\", \"kind\": \"KubeSpanConfig\", \"enabled\": true}").andThen(kubespan("{\"enabled\": true}")),
                        "kubespan is already configured in v1alpha1 machine.network.kubespan"),
                row("a worker carrying KubeAPIServerConfig (a top-level talhelper patch reaches every node)",
                        "container/validate.go@v1.14.0-rc.1 validateContainer, k8s/apiserver.go ControlplaneOnlyDocument", "worker",
                        doc("{\"apiVersion\": \"v1alpha1\", \"kind\": \"KubeAPIServerConfig\", \"apiPort\": 7443}"),
                        "the following document kinds are only allowed on control plane machines: [KubeAPIServerConfig]"),
                row("a worker carrying two control-plane kinds: both named, sorted",
                        "container/validate.go@v1.14.0-rc.1 validateContainer (slices.Sort, %v)", "worker",
                        doc("{\"apiVersion\": \"v1alpha1\", \"kind\": \"KubeProxyConfig\", \"disabled\": true}")
                                .andThen(doc("{\"apiVersion\": \"v1alpha1\", \"kind\": \"KubeAPIServerConfig\", \"apiPort\": 7443}")),
                        "only allowed on control plane machines: [KubeAPIServerConfig KubeProxyConfig]"),
                row("a worker carrying KubeNodeConfig and KubeletConfig is fine (not control-plane only)",
                        "k8s/node.go, k8s/kubelet.go@v1.14.0-rc.1 (no ControlplaneOnlyDocument)", "worker",
                        in("KubeNodeConfig", d -> d.putObject("labels").put("role", "build")), null),
                row("a control plane whose KubeEtcdEncryptionConfig was deleted",
                        "container/validate.go@v1.14.0-rc.1 validateContainer", "cp",
                        docs -> docs.removeIf(d -> "KubeEtcdEncryptionConfig".equals(d.path("kind").asText())),
                        "etcd encryption config is required for control plane machines running kube-apiserver"),
                row("a control plane without the document but with v1alpha1's secretbox secret is fine",
                        "container/validate.go@v1.14.0-rc.1 validateContainer (hasLegacyEtcdEncryptionConfig)", "cp",
                        ((Consumer<List<ObjectNode>>) docs -> docs.removeIf(d -> "KubeEtcdEncryptionConfig".equals(d.path("kind").asText())))
                                .andThen(set("/cluster/secretboxEncryptionSecret", "c2VjcmV0Ym94LWtleS1vZi10aGlydHktdHdvLWJ5dGVzIQ==")), null),
                row("etcd stays in v1alpha1: advertisedSubnets garbage", V1ALPHA1 + " EtcdConfig.Validate (v1.14.0-rc.1 the same)", "cp",
                        list("/cluster/etcd/advertisedSubnets", "192.168.20.0/24x"), "etcd advertised subnet is not valid: \"192.168.20.0/24x\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("v114RowArguments")
    void talosRuleAtV114(Row row) throws IOException {
        check(row, "controlplane-worker-v1.14", V1_14);
    }

    static Stream<Arguments> v114RowArguments() {
        return v114Rows().map(Arguments::of);
    }

    /** Every nameserver encrypted: Talos accepts the config and warns (the clock must be right before DNS works). */
    @Test
    void onlyEncryptedNameserversIsAWarning() throws IOException {
        List<ObjectNode> docs = golden("controlplane-worker-v1.14", "cp");
        in("ResolverConfig", d -> {
            ArrayNode nameservers = d.putArray("nameservers");
            nameservers.addObject().put("address", "1.1.1.1").put("protocol", "DoT").put("tlsServerName", "one.one.one.one");
        }).accept(docs);
        ValidationResult result = TalosValidator.validate(docs, V1_14, ValidationMode.METAL);
        assertThat(result.valid()).isTrue();
        assertThat(result.warnings()).extracting(Violation::message).anyMatch(m -> m.startsWith("all configured nameservers use encrypted DNS"));
    }

    /** Up to v1.13 Talos has no whole-config checks: a worker's KubeAPIServerConfig is not refused there for its role. */
    @Test
    void controlPlaneOnlyDocumentsAreAV114Rule() throws IOException {
        List<ObjectNode> docs = golden("controlplane-worker-v1.14", "worker");
        doc("{\"apiVersion\": \"v1alpha1\", \"kind\": \"KubeAPIServerConfig\", \"apiPort\": 7443}").accept(docs);
        assertThat(TalosValidator.validate(docs, V1_14, ValidationMode.INSTALLED).talosMessage()).contains("only allowed on control plane machines");
        assertThat(TalosValidator.validate(docs, TalosVersion.parse("v1.13.0"), ValidationMode.INSTALLED).talosMessage())
                .doesNotContain("only allowed on control plane machines");
    }

    /** The same v1alpha1 rules still bite where the v1.14 config has no document for them (a v1alpha1-only config). */
    @Test
    void v114WithoutTheDocumentsStillChecksTheV1alpha1Homes() throws IOException {
        List<ObjectNode> docs = golden("controlplane-worker-v1.12", "worker");
        list("/machine/kubelet/nodeIP/validSubnets", "10.0.0.0/33").accept(docs);
        assertThat(TalosValidator.validate(docs, V1_14, ValidationMode.INSTALLED).talosMessage())
                .contains("kubelet nodeIP subnet is not valid: \"10.0.0.0/33\"");
        List<ObjectNode> noEndpoint = golden("controlplane-worker-v1.14", "cp");
        noEndpoint.removeIf(d -> "KubeClusterConfig".equals(d.path("kind").asText()));
        assertThat(TalosValidator.validate(noEndpoint, V1_14, ValidationMode.METAL).valid())
                .as("rc.1 checks the v1alpha1 endpoint only with a cluster.controlPlane section").isTrue();
    }

    @Test
    void badPodSubnetIsAWarningNotAnError() throws IOException {
        List<ObjectNode> docs = golden("controlplane-worker-v1.12", "cp");
        list("/cluster/network/podSubnets", "10.244.0.0/33").accept(docs);
        ValidationResult result = TalosValidator.validate(docs, V1_12, ValidationMode.METAL);
        assertThat(result.valid()).isTrue();
        assertThat(result.warnings()).extracting(Violation::field).contains("cluster.network.podSubnets[0]");
    }

    @Test
    void anInstalledNodeIsNotAskedForAnInstallSection() throws IOException {
        List<ObjectNode> docs = golden("controlplane-worker-v1.12", "worker");
        v1(docs).with("machine").remove("install");
        assertThat(TalosValidator.validate(docs, V1_12, ValidationMode.INSTALLED).valid()).isTrue();
        assertThat(TalosValidator.validate(docs, V1_12, ValidationMode.METAL).talosMessage())
                .contains("install instructions are required in \"metal\" mode");
    }

    /** The text machined returns: go-multierror's list, nested under "v1alpha1.Config: " from v1.12, flat before. */
    @Test
    void talosMessageIsMachinedsMultierror() throws IOException {
        List<ObjectNode> docs = golden("controlplane-worker-v1.12", "worker");
        list("/machine/kubelet/nodeIP/validSubnets", "10.0.0.0/33").accept(docs);
        assertThat(TalosValidator.validate(docs, V1_12, ValidationMode.INSTALLED).talosMessage())
                .isEqualTo("1 error occurred:\n\t* v1alpha1.Config: 1 error occurred:\n\t* kubelet nodeIP subnet is not valid: \"10.0.0.0/33\"\n\n\n\n");
        List<ObjectNode> old = golden("controlplane-worker-v1.8", "worker");
        list("/machine/kubelet/nodeIP/validSubnets", "10.0.0.0/33", "1.2.3.4/40").accept(old);
        assertThat(TalosValidator.validate(old, V1_8, ValidationMode.INSTALLED).talosMessage())
                .isEqualTo("2 errors occurred:\n\t* kubelet nodeIP subnet is not valid: \"10.0.0.0/33\"\n\t"
                        + "* kubelet nodeIP subnet is not valid: \"1.2.3.4/40\"\n\n");
    }

    /** No false refusals: every config the golden cases expect is valid for its release. */
    @TestFactory
    Stream<DynamicTest> everyGoldenConfigIsValid() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            for (Path file : files.filter(f -> caseDir(f) != null && f.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                tests.add(DynamicTest.dynamicTest(GOLDEN.relativize(file).toString(), () -> {
                    MachineConfig config = MachineConfig.parse(Files.readString(file), file.toString());
                    TalosVersion version = versionOf(file);
                    ValidationResult result = TalosValidator.validate(config.documents(), version, ValidationMode.METAL);
                    assertThat(result.errors()).as(file + " at " + version).isEmpty();
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void goNetFollowsGosParsers() {
        assertThat(GoNet.isPrefix("10.0.0.0/32")).isTrue();
        assertThat(GoNet.isPrefix("10.0.0.0/33")).isFalse();
        assertThat(GoNet.isPrefix("fd00::/128")).isTrue();
        assertThat(GoNet.isPrefix("fd00::/129")).isFalse();
        assertThat(GoNet.isAddr("1.2.3")).isFalse();
        assertThat(GoNet.isAddr("01.2.3.4")).isFalse();
        assertThat(GoNet.isAddr("1:2:3:4:5:6:7:8")).isTrue();
        assertThat(GoNet.isAddr("1:2:3:4:5:6:7:8:9")).isFalse();
        assertThat(GoNet.isAddr("1:2:3:4:5:6:7::")).isTrue();
        assertThat(GoNet.isAddr("1:2:3:4:5:6:7:8::")).isFalse();
        assertThat(GoNet.isAddr("::")).isTrue();
        assertThat(GoNet.isAddr("fe80::1%eth0")).isTrue();
        assertThat(GoNet.isIP("fe80::1%eth0")).isFalse();
        assertThat(GoNet.isAddr("::ffff:1.2.3.4")).isTrue();
        assertThat(GoNet.isAddr("g::1")).isFalse();
    }

    // ------------------------------------------------------------------ helpers

    /** The {@code <case>_expected} directory a file is in (directly, or in a per-version directory of it), else null. */
    private static Path caseDir(Path file) {
        Path parent = file.getParent();
        if (parent.getFileName().toString().endsWith("_expected")) {
            return parent;
        }
        Path grandparent = parent.getParent();
        return grandparent != null && grandparent.getFileName().toString().endsWith("_expected") ? grandparent : null;
    }

    private static TalosVersion versionOf(Path expectedFile) throws IOException {
        if (!expectedFile.getParent().getFileName().toString().endsWith("_expected")) {
            return TalosVersion.parse(expectedFile.getParent().getFileName().toString()); // <case>_expected/<version>/
        }
        Path input = expectedFile.getParent().resolveSibling(expectedFile.getParent().getFileName().toString().replace("_expected", "_input"));
        String text = Files.readString(input.resolve("talconfig.yaml"));
        var m = java.util.regex.Pattern.compile("(?m)^talosVersion:\\s*(\\S+)").matcher(text);
        return TalosVersion.parse(m.find() ? m.group(1) : "v1.12.0");
    }

    static List<ObjectNode> golden(String name, String role) throws IOException {
        Path dir = GOLDEN.resolve(name + "_expected");
        String file = role.equals("cp") ? "golden-cp-0.yaml" : "golden-worker-0.yaml";
        return new ArrayList<>(MachineConfig.parse(Files.readString(dir.resolve(file)), file).documents().stream()
                .map(ObjectNode::deepCopy).toList());
    }

    private static Row row(String what, String source, String node, Consumer<List<ObjectNode>> edit, String error) {
        return new Row(what, source, node, edit, error);
    }

    static ObjectNode v1(List<ObjectNode> docs) {
        return docs.stream().filter(d -> !d.has("kind")).findFirst().orElseThrow();
    }

    /** Sets a text value at a pointer of the v1alpha1 document, creating maps on the way. */
    static Consumer<List<ObjectNode>> set(String pointer, String value) {
        return docs -> parent(v1(docs), pointer).put(last(pointer), value);
    }

    static Consumer<List<ObjectNode>> remove(String pointer) {
        return docs -> parent(v1(docs), pointer).remove(last(pointer));
    }

    static Consumer<List<ObjectNode>> list(String pointer, String... values) {
        return docs -> {
            ArrayNode array = parent(v1(docs), pointer).putArray(last(pointer));
            for (String v : values) {
                array.add(v);
            }
        };
    }

    private static Consumer<List<ObjectNode>> iface(String json) {
        return docs -> v1(docs).with("machine").with("network").withArray("interfaces").add(parse(json));
    }

    /** Edits every document of {@code kind}. */
    private static Consumer<List<ObjectNode>> in(String kind, Consumer<ObjectNode> edit) {
        return docs -> docs.stream().filter(d -> kind.equals(d.path("kind").asText())).forEach(edit);
    }

    /** Sets v1alpha1 {@code machine.network.kubespan}. */
    private static Consumer<List<ObjectNode>> kubespan(String json) {
        return docs -> v1(docs).with("machine").with("network").set("kubespan", parse(json));
    }

    private static Consumer<List<ObjectNode>> doc(String json) {
        return docs -> docs.add((ObjectNode) parse(json));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static ObjectNode parent(ObjectNode root, String pointer) {
        ObjectNode node = root;
        String[] parts = pointer.substring(1).split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.with(parts[i]);
        }
        return node;
    }

    private static String last(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1);
    }
}
