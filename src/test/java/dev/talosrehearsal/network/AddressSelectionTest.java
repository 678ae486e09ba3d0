package dev.talosrehearsal.network;

import static org.assertj.core.api.Assertions.assertThat;

import inet.ipaddr.IPAddressString;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Talos's node-address selection, one row per behaviour, each naming the Talos source it comes from
 * (paths under https://github.com/siderolabs/talos/blob/TAG/, FilterIPs from
 * https://github.com/siderolabs/net/blob/v0.4.0/net.go, the version both Talos tags pin in go.mod).
 *
 * <p>Columns: consumer ({@code kubelet}, {@code etcd} = advertised, {@code listen-1.13}/{@code listen-1.12} =
 * etcd peer listen) | the node's addresses ({@code link=address/prefix}) | the consumer's subnets as written
 * (validSubnets, advertisedSubnets or listenSubnets) | other config ({@code pods=…;services=…;vips=…;order=v2},
 * defaults pods 10.244.0.0/16, services 10.96.0.0/12, no VIP, v1) | the addresses Talos picks, in its order |
 * the Talos source.
 */
class AddressSelectionTest {

    @ParameterizedTest(name = "{0} {2} on {1} -> [{4}]")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
        # ---- kubelet: machine.kubelet.nodeIP.validSubnets
        kubelet | eth0=192.168.20.10/24 tailscale0=100.101.0.10/32 | 192.168.20.0/24 | - | 192.168.20.10 | v1.13.0 k8s/nodeip.go NodeIPController.Run
        kubelet | eth0=192.168.20.10/24 tailscale0=100.101.0.10/32 | 192.168.20.0/24,100.64.0.0/10 | - | 192.168.20.10 | net.go FilterIPs: subnet order, then address order
        kubelet | eth0=192.168.20.10/24 tailscale0=100.101.0.10/32 | - | - | 100.101.0.10 | v1.13.0 k8s/nodeip_config.go ipSubnetsFromServiceCIDRs + network/internal/addressutil/compare.go ComparePrefixesLegacy (numeric)
        kubelet | eth0=192.168.20.10/24 eth0=2001:db8::10/64 | - | - | 192.168.20.10 | v1.13.0 k8s/nodeip_config.go ipSubnetsFromServiceCIDRs: IPv4 service subnet, no IPv6 node IP
        kubelet | eth0=192.168.20.10/24 eth0=2001:db8::10/64 | - | services=10.96.0.0/12,fd00:10:96::/112 | 192.168.20.10,2001:db8::10 | v1.13.0 k8s/nodeip_config.go ipSubnetsFromServiceCIDRs: one family per service subnet
        kubelet | eth0=192.168.20.10/24 eth0=2001:db8::10/64 | - | services=fd00:10:96::/112,10.96.0.0/12 | 2001:db8::10,192.168.20.10 | v1.13.0 k8s/nodeip_config.go ipSubnetsFromServiceCIDRs: service order decides the primary family
        kubelet | eth0=192.168.20.10/24 tailscale0=100.101.0.10/32 | !100.64.0.0/10 | - | - | net.go FilterIPs: excludes alone pick nothing
        kubelet | eth0=192.168.20.10/24 tailscale0=100.101.0.10/32 | 0.0.0.0/0,!100.64.0.0/10 | - | 192.168.20.10 | net.go FilterIPs: an exclude removes what came before
        kubelet | eth0=192.168.20.10/24 tailscale0=100.101.0.10/32 | !100.64.0.0/10,0.0.0.0/0 | - | 100.101.0.10 | net.go FilterIPs: an exclude does not hold back a later include
        kubelet | eth0=169.254.5.5/16 eth0=fe80::1/64 eth0=192.168.20.10/24 | 0.0.0.0/0,::/0 | - | 192.168.20.10 | v1.13.0 network/node_address.go NodeAddressController.Run: link-local skipped
        kubelet | lo=127.0.0.1/8 eth0=192.168.20.10/24 | 0.0.0.0/0 | - | 192.168.20.10 | v1.13.0 network/node_address.go NodeAddressController.Run: loopback skipped
        kubelet | eth0=2001:db8::10/64 eth0=192.168.20.10/24 | 2001:db8::/64 | - | 2001:db8::10 | v1.13.0 k8s/nodeip.go NodeIPController.Run: IPv6
        kubelet | eth0=192.168.20.11/24 eth0=192.168.20.10/24 eth0=2001:db8::11/64 eth0=2001:db8::10/64 | 0.0.0.0/0,::/0 | - | 192.168.20.10,2001:db8::10 | v1.13.0 k8s/nodeip.go NodeIPController.Run: first IPv4 and first IPv6 only
        kubelet | eth0=192.168.20.5/32 eth0=192.168.20.10/24 | 192.168.20.0/24 | vips=192.168.20.5 | 192.168.20.10 | v1.13.0 k8s/nodeip_config.go NewNodeIPConfigController: VIPs excluded
        kubelet | eth0=192.168.20.10/24 tailscale0=100.101.0.10/32 | - | pods=100.64.0.0/10 | 192.168.20.10 | v1.13.0 k8s/address_filter.go AddressFilterController.Run: pod subnets excluded
        kubelet | eth0=10.96.0.5/32 eth0=192.168.20.10/24 | 10.0.0.0/8 | - | - | v1.13.0 k8s/nodeip_config.go NewNodeIPConfigController: service subnets excluded even when listed
        kubelet | eth0=192.168.20.10/24 eth0=192.168.20.11/24 | 192.168.20.11 | - | 192.168.20.11 | siderolabs/net ParseSubnetOrAddress: a bare address is a /32
        kubelet | eth0=192.168.20.10/24 | 10.10.0.0/16 | - | - | v1.13.0 k8s/nodeip.go NodeIPController.Run: no suitable node IP found
        kubelet | eth0=fdae:41e4:649b:9303::1/64 eth0=fdae:41e4:649b:9301::1/64 | fd00::/8 | - | fdae:41e4:649b:9301::1 | v1.13.0 network/node_address.go (routed) + resources/network/ula.go NotSideroLinkIP
        kubelet | eth0=10.5.0.1/8 eth1=10.9.0.1/24 | - | - | 10.5.0.1 | v1.13.0 network/internal/addressutil/compare.go ComparePrefixesLegacy (v1, the default)
        kubelet | eth0=10.5.0.1/8 eth1=10.9.0.1/24 | - | order=v2 | 10.9.0.1 | v1.13.0 network/internal/addressutil/compare.go ComparePrefixNew (v2: inside another's subnet first)
        # ---- etcd: cluster.etcd.advertisedSubnets
        etcd | eth0=192.168.20.10/24 tailscale0=100.101.0.10/32 eth0=2001:db8::10/64 | - | - | 100.101.0.10 | v1.13.0 etcd/spec.go SpecController.Run: unset advertises the first routed address only
        etcd | eth0=2001:db8::10/64 | - | - | 2001:db8::10 | v1.13.0 etcd/spec.go SpecController.Run: unset = 0.0.0.0/0 and ::/0
        etcd | eth0=192.168.20.10/24 eth0=192.168.20.11/24 eth0=2001:db8::10/64 | 192.168.20.0/24,2001:db8::/64 | - | 192.168.20.10,192.168.20.11,2001:db8::10 | v1.13.0 etcd/spec.go SpecController.Run: set advertises every match
        etcd | eth0=192.168.20.5/32 eth0=192.168.20.10/24 | 192.168.20.0/24 | vips=192.168.20.5 | 192.168.20.10 | v1.13.0 etcd/config.go NewConfigController: VIPs excluded from advertising
        etcd | eth0=192.168.20.5/32 eth0=192.168.20.10/24 | - | vips=192.168.20.5 | 192.168.20.10 | v1.13.0 etcd/config.go NewConfigController + etcd/spec.go: VIPs excluded when unset too
        etcd | eth0=192.168.20.10/24 tailscale0=100.101.0.10/32 | 0.0.0.0/0 | pods=100.64.0.0/10 | 192.168.20.10 | v1.13.0 etcd/spec.go SpecController.Run reads the no-k8s filtered addresses
        etcd | eth0=fdae:41e4:649b:9303::1/64 | fdae:41e4:649b:9303::/64 | - | fdae:41e4:649b:9303::1 | v1.13.0 etcd/spec.go SpecController.Run: set filters current addresses, SideroLink included
        etcd | eth0=fdae:41e4:649b:9303::1/64 eth0=192.168.20.10/24 | - | - | 192.168.20.10 | v1.13.0 etcd/spec.go SpecController.Run: unset filters routed addresses, SideroLink skipped
        etcd | eth0=192.168.20.10/24 tailscale0=100.101.0.10/32 | !100.64.0.0/10 | - | - | net.go FilterIPs: excludes alone pick nothing
        # ---- etcd peer listen: cluster.etcd.listenSubnets (defaults to advertisedSubnets)
        listen-1.13 | eth0=192.168.20.10/24 eth0=2001:db8::10/64 | - | - | 0.0.0.0 | v1.13.0 etcd/spec.go SpecController.Run: unset listens on 0.0.0.0
        listen-1.12 | eth0=192.168.20.10/24 eth0=2001:db8::10/64 | - | - | :: | v1.12.0 etcd/spec.go SpecController.Run: unset listens on :: when a routed IPv6 exists
        listen-1.12 | eth0=192.168.20.10/24 | - | - | 0.0.0.0 | v1.12.0 etcd/spec.go SpecController.Run: else 0.0.0.0
        listen-1.13 | eth0=192.168.20.5/32 eth0=192.168.20.10/24 | 192.168.20.0/24 | vips=192.168.20.5 | 192.168.20.5,192.168.20.10 | v1.13.0 etcd/spec.go SpecController.Run: every match, VIPs not excluded
        """)
    void picksWhatTalosPicks(String consumer, String addresses, String subnets, String other, String expected, String talosSource) {
        Map<String, List<String>> settings = settings(other);
        List<String> written = list(subnets);
        AddressConfig config = new AddressConfig(
                consumer.equals("kubelet") ? written : List.of(),
                consumer.equals("etcd") ? written : List.of(),
                consumer.startsWith("listen") ? written : List.of(),
                settings.getOrDefault("pods", AddressConfig.DEFAULT_POD_SUBNETS),
                settings.getOrDefault("services", AddressConfig.DEFAULT_SERVICE_SUBNETS),
                settings.getOrDefault("vips", List.of()),
                AddressOrder.parse(settings.getOrDefault("order", List.of("v1")).get(0)));
        List<NodeAddress> links = links(addresses);

        Selection picked = switch (consumer) {
            case "kubelet" -> AddressSelection.kubeletNodeIps(links, config);
            case "etcd" -> AddressSelection.etcdAdvertised(links, config);
            case "listen-1.13" -> AddressSelection.etcdListen(links, config, false);
            case "listen-1.12" -> AddressSelection.etcdListen(links, config, true);
            default -> throw new IllegalArgumentException(consumer);
        };

        assertThat(picked.ips()).as(talosSource).containsExactlyElementsOf(list(expected));
        assertThat(picked.warnings()).isEmpty();
    }

    @Test
    void anEntryTalosWouldRejectMatchesNothingAndIsReported() {
        AddressConfig config = new AddressConfig(List.of("192.168.20.0/33", "1.2.3"), List.of(), List.of(),
                AddressConfig.DEFAULT_POD_SUBNETS, AddressConfig.DEFAULT_SERVICE_SUBNETS, List.of(), AddressOrder.V1);

        Selection picked = AddressSelection.kubeletNodeIps(links("eth0=192.168.20.10/24"), config);

        assertThat(picked.isEmpty()).isTrue();
        assertThat(picked.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).contains("Talos rejects this config"));
    }

    @Test
    void aFilterAcceptsAnAddressWrittenWithItsPrefixOrInBrackets() {
        SubnetFilter filter = SubnetFilter.of(List.of("192.168.20.0/25", "2001:db8::/64"));

        assertThat(filter.accepts("192.168.20.10/24")).isTrue();
        assertThat(filter.accepts("192.168.20.200")).isFalse();
        assertThat(filter.accepts("[2001:db8::1]")).isTrue();
        assertThat(filter.accepts("not an address")).isFalse();
    }

    private static List<NodeAddress> links(String written) {
        List<NodeAddress> out = new ArrayList<>();
        for (String item : written.trim().split("\\s+")) {
            String[] linkAndAddress = item.split("=", 2);
            out.add(new NodeAddress(linkAndAddress[0], new IPAddressString(linkAndAddress[1]).getAddress()));
        }
        return out;
    }

    private static Map<String, List<String>> settings(String written) {
        Map<String, List<String>> out = new HashMap<>();
        if (written != null) {
            for (String item : written.split(";")) {
                String[] keyAndValue = item.trim().split("=", 2);
                out.put(keyAndValue[0], list(keyAndValue[1]));
            }
        }
        return out;
    }

    private static List<String> list(String written) {
        return written == null ? List.of() : Arrays.stream(written.split(",")).map(String::trim).toList();
    }
}
