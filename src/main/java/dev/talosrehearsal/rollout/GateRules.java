package dev.talosrehearsal.rollout;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.machineconfig.MachineConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The gates a node must pass once it runs a config, read from that config: the same rules gate a
 * node forward to the new config and back to the old one during a rollback.
 */
final class GateRules {
    private GateRules() {}

    /**
     * @param tailnetSuffix the tailnet's MagicDNS suffix ({@code tailnet-4d89.ts.net}), or null when
     *                      unknown: a machine config does not say it, so the tailnet gates (one per
     *                      {@link TailnetTargets target}, and one on the node's own name when it advertises a
     *                      Tailscale Service: {@link TailnetTargets#ownApiServer}) need it from the operator
     */
    static List<Gate> forConfig(MachineConfig config, boolean controlPlane, String hostname, String tailnetSuffix) {
        List<Gate> gates = new ArrayList<>();
        gates.add(new Gate(Gate.Kind.KUBE_NODE_READY, ConfigSetting.NODE_IP_VALID_SUBNETS.strings(config), List.of(), null));
        if (controlPlane) {
            gates.add(new Gate(Gate.Kind.ETCD_PEER_URL, ConfigSetting.ETCD_ADVERTISED_SUBNETS.strings(config), List.of(), null));
        }
        List<String> services = new ArrayList<>(List.of("kubelet"));
        if (controlPlane) {
            services.add("etcd");
        }
        ExtensionServices.byName(config).keySet().forEach(name -> services.add(ExtensionServices.serviceId(name)));
        gates.add(new Gate(Gate.Kind.SERVICES, List.of(), services, null));
        if (controlPlane && tailnetSuffix != null) {
            for (TailnetTargets.Target t : TailnetTargets.of(config, hostname, tailnetSuffix)) {
                gates.add(t.api() ? new Gate(Gate.Kind.TAILNET_API, List.of(), List.of(), t.address())
                        : new Gate(Gate.Kind.TAILNET_SERVE, List.of(), List.of(), t.scheme() + "://" + t.address()));
            }
            // last: on the first control plane a Service's name can only answer through this node, and its gate names the
            // name clients dial; on the others it answers through a node changed before, so only this gate is theirs
            TailnetTargets.ownApiServer(config, hostname, tailnetSuffix)
                    .ifPresent(own -> gates.add(new Gate(Gate.Kind.TAILNET_HOST, List.of(), List.of(), own)));
        }
        return gates;
    }
}
