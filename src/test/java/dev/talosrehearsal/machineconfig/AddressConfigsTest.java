package dev.talosrehearsal.machineconfig;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.network.AddressConfig;
import dev.talosrehearsal.network.AddressOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The config accessors' defaults (v1.13.0 pkg/machinery/config/types/v1alpha1/v1alpha1_etcdconfig.go
 * AdvertisedSubnets/ListenSubnets, v1alpha1_clusterconfig.go PodCIDRs/ServiceCIDRs) and where the VIPs
 * come from (k8s/nodeip_config.go, etcd/config.go).
 */
class AddressConfigsTest {
    @Test
    void unsetFieldsTakeTalosDefaults() {
        AddressConfig config = AddressConfigs.of(MachineConfig.parse("version: v1alpha1\nmachine: {type: worker}\ncluster: {}\n", "t"));

        assertThat(config.validSubnets()).isEmpty();
        assertThat(config.podSubnets()).containsExactly("10.244.0.0/16");
        assertThat(config.serviceSubnets()).containsExactly("10.96.0.0/12");
        assertThat(config.order()).isEqualTo(AddressOrder.V1);
    }

    @Test
    void theLegacyEtcdSubnetCountsForAdvertisingButNotForListening() {
        AddressConfig config = AddressConfigs.of(MachineConfig.parse(
                "version: v1alpha1\nmachine: {type: controlplane}\ncluster: {etcd: {subnet: 192.168.20.0/24}}\n", "t"));

        assertThat(config.advertisedSubnets()).containsExactly("192.168.20.0/24");
        assertThat(config.listenSubnets()).isEmpty();
    }

    @Test
    void listenSubnetsDefaultToAdvertisedSubnetsAndVipsAreCollected() {
        AddressConfig config = AddressConfigs.of(MachineConfig.parse("""
                version: v1alpha1
                machine:
                  type: controlplane
                  features: {nodeAddressSortAlgorithm: v2}
                  network:
                    interfaces:
                      - interface: eth0
                        vip: {ip: 192.168.20.5}
                        vlans: [{vlanId: 7, vip: {ip: 10.7.0.5}}]
                cluster: {etcd: {advertisedSubnets: [192.168.20.0/24]}}
                ---
                apiVersion: v1alpha1
                kind: Layer2VIPConfig
                name: 192.168.20.6
                link: eth0
                """, "t"));

        assertThat(config.listenSubnets()).isEqualTo(List.of("192.168.20.0/24"));
        assertThat(config.virtualIps()).containsExactly("192.168.20.5", "10.7.0.5", "192.168.20.6");
        assertThat(config.order()).isEqualTo(AddressOrder.V2);
    }
}
