package dev.talosrehearsal.network;

import java.util.List;

/**
 * What a machine config says about which addresses Talos may pick, with Talos's own defaults
 * already applied by whoever reads the config.
 *
 * @param validSubnets      {@code machine.kubelet.nodeIP.validSubnets} as written (empty when unset)
 * @param advertisedSubnets {@code cluster.etcd.advertisedSubnets}, else the legacy {@code cluster.etcd.subnet}
 * @param listenSubnets     {@code cluster.etcd.listenSubnets}, else {@code advertisedSubnets} as written
 *                          (not the legacy {@code subnet})
 * @param podSubnets        {@code cluster.network.podSubnets}, {@code 10.244.0.0/16} when unset
 * @param serviceSubnets    {@code cluster.network.serviceSubnets}, {@code 10.96.0.0/12} when unset
 * @param virtualIps        the shared (VIP) addresses: {@code machine.network.interfaces[].vip.ip},
 *                          {@code ...vlans[].vip.ip} and the names of Layer2VIPConfig/HCloudVIPConfig documents
 * @param order             {@code machine.features.nodeAddressSortAlgorithm}
 */
public record AddressConfig(List<String> validSubnets, List<String> advertisedSubnets, List<String> listenSubnets,
                            List<String> podSubnets, List<String> serviceSubnets, List<String> virtualIps,
                            AddressOrder order) {
    public static final List<String> DEFAULT_POD_SUBNETS = List.of("10.244.0.0/16");
    public static final List<String> DEFAULT_SERVICE_SUBNETS = List.of("10.96.0.0/12");

    public AddressConfig {
        validSubnets = List.copyOf(validSubnets);
        advertisedSubnets = List.copyOf(advertisedSubnets);
        listenSubnets = List.copyOf(listenSubnets);
        podSubnets = List.copyOf(podSubnets);
        serviceSubnets = List.copyOf(serviceSubnets);
        virtualIps = List.copyOf(virtualIps);
    }

    /** Pod then service subnets: Kubernetes' own ranges, never a node's address. */
    public List<String> kubernetesSubnets() {
        return java.util.stream.Stream.concat(podSubnets.stream(), serviceSubnets.stream()).toList();
    }
}
