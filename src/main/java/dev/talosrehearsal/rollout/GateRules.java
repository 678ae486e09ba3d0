package dev.talosrehearsal.rollout;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.tailscale.ServeConfig;
import dev.talosrehearsal.tailscale.ServeScope;
import dev.talosrehearsal.tailscale.TailscaleExtensionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The gates a node must pass once it runs a config, read from that config: the same rules gate a
 * node forward to the new config and back to the old one during a rollback.
 */
final class GateRules {
    static final int KUBERNETES_API_PORT = 6443;

    private GateRules() {}

    /**
     * @param tailnetSuffix the tailnet's MagicDNS suffix ({@code tailnet-4d89.ts.net}), or null when
     *                      unknown: a machine config does not say it, so the API-through-tailnet gate
     *                      needs it from the operator
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
        ExtensionServices.byName(config).keySet().forEach(name -> services.add("ext-" + name));
        gates.add(new Gate(Gate.Kind.SERVICES, List.of(), services, null));
        if (controlPlane && tailnetSuffix != null) {
            apiServiceName(config, hostname, tailnetSuffix)
                    .ifPresent(name -> gates.add(new Gate(Gate.Kind.TAILNET_API, List.of(), List.of(), name + ":" + KUBERNETES_API_PORT)));
        }
        return gates;
    }

    /**
     * The name clients dial for the API through the tailnet: a Tailscale service serving port 6443
     * ({@code svc:bastion-k8s} → {@code bastion-k8s.<suffix>}), else the node's own MagicDNS name when its
     * serve config has a TCP 6443 entry.
     */
    static Optional<String> apiServiceName(MachineConfig config, String hostname, String tailnetSuffix) {
        List<ServeScope> scopes = ExtensionServices.tailscale(config).flatMap(TailscaleExtensionConfig::serveConfig)
                .map(ServeConfig::scopes).orElse(List.of());
        String port = String.valueOf(KUBERNETES_API_PORT);
        Optional<String> service = scopes.stream().filter(s -> s.service() != null && s.tcp().containsKey(port))
                .findFirst().map(s -> s.serviceName() + "." + tailnetSuffix);
        boolean servedOnOwnName = scopes.stream().anyMatch(s -> s.service() == null && s.tcp().containsKey(port));
        return service.or(() -> servedOnOwnName ? Optional.of(hostname + "." + tailnetSuffix) : Optional.empty());
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
