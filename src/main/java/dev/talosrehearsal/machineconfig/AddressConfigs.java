package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.network.AddressConfig;
import dev.talosrehearsal.network.AddressOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fields that decide a node's kubelet and etcd addresses out of a machine config, with the
 * defaults Talos's config accessors apply (tag v1.13.0, the same in v1.12.0), each read where its release keeps it
 * ({@link ConfigSetting}: from v1.14 validSubnets in KubeNodeConfig, pod and service subnets in KubeNetworkConfig):
 * <ul>
 *   <li>pod and service subnets: {@code PodCIDRs}/{@code ServiceCIDRs} in
 *       https://github.com/siderolabs/talos/blob/v1.13.0/pkg/machinery/config/types/v1alpha1/v1alpha1_clusterconfig.go;</li>
 *   <li>advertisedSubnets falls back to the legacy {@code subnet}, listenSubnets to advertisedSubnets as
 *       written: https://github.com/siderolabs/talos/blob/v1.13.0/pkg/machinery/config/types/v1alpha1/v1alpha1_etcdconfig.go;</li>
 *   <li>the VIPs Talos never picks: interface and VLAN {@code vip.ip}, and the Layer2VIPConfig/HCloudVIPConfig
 *       documents, whose name is the address (k8s/nodeip_config.go and etcd/config.go).</li>
 * </ul>
 */
public final class AddressConfigs {
    private static final List<String> VIP_DOCUMENTS = List.of("Layer2VIPConfig", "HCloudVIPConfig");

    private AddressConfigs() {}

    public static AddressConfig of(MachineConfig config) {
        List<String> advertised = ConfigSetting.ETCD_ADVERTISED_SUBNETS.strings(config);
        String legacySubnet = config.at("/cluster/etcd/subnet").asText("");
        List<String> listen = ConfigSetting.ETCD_LISTEN_SUBNETS.strings(config);
        return new AddressConfig(
                ConfigSetting.NODE_IP_VALID_SUBNETS.strings(config),
                !advertised.isEmpty() ? advertised : legacySubnet.isEmpty() ? List.of() : List.of(legacySubnet),
                !listen.isEmpty() ? listen : advertised,
                orDefault(ConfigSetting.POD_SUBNETS.strings(config), AddressConfig.DEFAULT_POD_SUBNETS),
                orDefault(ConfigSetting.SERVICE_SUBNETS.strings(config), AddressConfig.DEFAULT_SERVICE_SUBNETS),
                virtualIps(config),
                AddressOrder.parse(config.at("/machine/features/nodeAddressSortAlgorithm").asText("")));
    }

    private static List<String> orDefault(List<String> written, List<String> fallback) {
        return written.isEmpty() ? fallback : written;
    }

    private static List<String> virtualIps(MachineConfig config) {
        List<String> out = new ArrayList<>();
        for (JsonNode device : config.at("/machine/network/interfaces")) {
            addVip(device, out);
            for (JsonNode vlan : device.path("vlans")) {
                addVip(vlan, out);
            }
        }
        for (String kind : VIP_DOCUMENTS) {
            config.documents(kind).forEach(doc -> {
                String name = MachineConfig.nameOf(doc);
                if (name != null) {
                    out.add(name);
                }
            });
        }
        return out;
    }

    private static void addVip(JsonNode link, List<String> out) {
        String ip = link.path("vip").path("ip").asText("");
        if (!ip.isEmpty()) {
            out.add(ip);
        }
    }
}
