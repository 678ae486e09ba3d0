package dev.talosrehearsal.capture;

import dev.talosrehearsal.machineconfig.MachineConfig;
import java.util.List;

/**
 * One node as the Talos API described it.
 *
 * @param target       where it was asked (the {@code node} metadata: an address from the talosconfig, -n or Members)
 * @param configText   its running machine config (MachineConfig {@code v1alpha1}) exactly as Talos sent it: secrets included
 * @param config       the same, parsed
 * @param addresses    every address on its links (AddressStatuses), loopback included
 * @param links        every link it has (LinkStatuses), by name
 * @param talosVersion the release it answers Version with ({@code v1.11.5})
 * @param staged       whether it holds a different config to boot next (MachineConfig {@code persistent}, e.g. staged)
 * @param extensionServices the extension services its image defines: the {@code ext-*} services it lists (ServiceList),
 *                     without {@code ext-}, sorted
 */
public record CapturedNode(String target, String hostname, String configText, MachineConfig config, List<LinkAddress> addresses,
        List<String> links, String talosVersion, boolean staged, List<String> extensionServices) {
    public CapturedNode {
        addresses = List.copyOf(addresses);
        links = List.copyOf(links);
        extensionServices = List.copyOf(extensionServices);
    }

    public boolean controlPlane() {
        return "controlplane".equals(config.at("/machine/type").asText());
    }

    @Override
    public String toString() {
        return "CapturedNode[" + hostname + " at " + target + ", config: <redacted>]";
    }

    /** One AddressStatus: {@code 192.168.20.10/24} on {@code eth0}, with its scope ({@code global}, {@code link}, {@code host}). */
    public record LinkAddress(String link, String address, String scope) {}
}
