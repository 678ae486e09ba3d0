package dev.talosrehearsal.rollout;

import dev.talosrehearsal.machineconfig.ApiServerPort;
import dev.talosrehearsal.network.EndpointPort;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.tailscale.ServedPort;
import dev.talosrehearsal.tailscale.TailnetName;
import dev.talosrehearsal.tailscale.TailscaleExtensionConfig;
import dev.talosrehearsal.tailscale.WebHandler;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a control plane's config says clients reach through the tailnet, each a gate target: every
 * {@code name:port} its serve config serves (a TCP forward or an HTTPS/HTTP entry with its Web handlers), on the
 * names tailscaled gives them — the host's own MagicDNS name ({@code TS_HOSTNAME}, else the hostname, the rule
 * lint and the simulator use: {@link TailscaleExtensionConfig#tailnetHostname}) and {@code <service>.<suffix>} for
 * {@code svc:<service>} — and, on a node that runs the tailscale extension, every tailnet name in
 * {@code cluster.apiServer.certSANs}, since a certSAN is a name kubectl is meant to dial. A node without the extension
 * has no tailnet target: what serves its tailnet certSANs (the Tailscale Kubernetes operator, say) is not the node's.
 *
 * <p>A target is the Kubernetes API when kubectl is meant to dial it: its name is a certSAN, its port is the API's
 * (the kube-apiserver's, {@link ApiServerPort}, or the endpoint's), or it forwards to the API's port. Those are dialled as kubectl does (TLS from the
 * API server, trusting the cluster CA); the others only have to answer.
 */
final class TailnetTargets {
    /** One {@code name:port}; {@code scheme} is how its entry serves it: {@code tcp}, {@code https} or {@code http}. */
    record Target(String name, int port, String scheme, boolean api) {
        String address() {
            return name + ":" + port;
        }
    }

    private TailnetTargets() {}

    static List<Target> of(MachineConfig config, String hostname, String tailnetSuffix) {
        String suffix = tailnetSuffix.toLowerCase(Locale.ROOT);
        List<String> sans = ConfigSetting.API_SERVER_CERT_SANS.strings(config).stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        Set<Integer> apiPorts = apiPorts(config);
        List<Target> out = new ArrayList<>();
        Optional<TailscaleExtensionConfig> tailscale = ExtensionServices.tailscale(config);
        if (tailscale.isEmpty()) {
            // a node without the tailscale extension serves nothing on the tailnet: a tailnet certSAN of its config is
            // served by something else (the Tailscale Kubernetes operator's API server proxy, a subnet router), on a port
            // the config does not say, and no apply on this node changes whether it answers
            return out;
        }
        String hostName = ownName(tailscale.get(), hostname, suffix);
        served(tailscale.get(), hostName, suffix).forEach(p -> out.add(new Target(p.name(), p.port(), scheme(p),
                sans.contains(p.name()) || apiPorts.contains(p.port()) || forwardsToApi(p, apiPorts))));
        Set<Integer> servedApiPorts = new LinkedHashSet<>();
        out.stream().filter(Target::api).forEach(t -> servedApiPorts.add(t.port()));
        if (servedApiPorts.isEmpty()) {
            servedApiPorts.add(endpointPort(config));
        }
        for (String san : sans) {
            boolean onTailnet = TailnetName.suffixOf(san).filter(suffix::equals).isPresent() && !san.startsWith("*.");
            if (onTailnet && out.stream().noneMatch(t -> t.name().equals(san))) {
                servedApiPorts.forEach(port -> out.add(new Target(san, port, "tcp", true)));
            }
        }
        return out;
    }

    /**
     * The node's own kube-apiserver on its own MagicDNS name, {@code <host>.<suffix>:<port>} ({@link ApiServerPort}), when its serve config
     * advertises a Tailscale Service and serves nothing on the host's own name; empty otherwise.
     *
     * <p>Why: a Service's name is shared. "Instead of connecting to specific devices, users connect to Tailscale
     * Services using stable MagicDNS names while Tailscale automatically routes traffic to available hosts"
     * (https://tailscale.com/kb/1552/tailscale-services), so once one control plane serves it, dialling the name proves
     * nothing about the next: a host the tailnet cannot reach is simply not one of the available hosts. What only this
     * node answers is its own name. There a {@code Services} entry is not served (tailscaled serves the top-level
     * {@code TCP} entries on the host's own addresses and a Service's on the Service's; ipn/serve.go), but the extension
     * runs tailscaled in kernel mode ({@code TS_USERSPACE=false} in siderolabs/extensions
     * network/tailscale/tailscale.yaml: a real tailscale0 interface), so a connection to the host's tailnet address
     * reaches the host's own sockets, and Talos's kube-apiserver listens on all of them ({@code bind-address 0.0.0.0},
     * host network, port {@link ApiServerPort}: siderolabs/talos
     * internal/app/machined/pkg/controllers/k8s/control_plane_static_pod.go, manageAPIServer) — the very
     * {@code 127.0.0.1:<port>} a Service's TCPForward hands its connections to. A host whose own name serves a port
     * already has a gate only it can pass, and gets none more.
     */
    static Optional<String> ownApiServer(MachineConfig config, String hostname, String tailnetSuffix) {
        String suffix = tailnetSuffix.toLowerCase(Locale.ROOT);
        return ExtensionServices.tailscale(config).flatMap(tailscale -> {
            String hostName = ownName(tailscale, hostname, suffix);
            List<ServedPort> served = served(tailscale, hostName, suffix);
            boolean advertisesAService = served.stream().anyMatch(p -> !p.name().equals(hostName));
            boolean servesOnItsOwnName = served.stream().anyMatch(p -> p.name().equals(hostName));
            return advertisesAService && !servesOnItsOwnName
                    ? Optional.of(hostName + ":" + ApiServerPort.of(config)) : Optional.empty();
        });
    }

    /** {@code TS_HOSTNAME}, else the hostname, under the suffix: the host's own MagicDNS name. */
    private static String ownName(TailscaleExtensionConfig tailscale, String hostname, String suffix) {
        return tailscale.tailnetHostname(hostname).toLowerCase(Locale.ROOT) + "." + suffix;
    }

    /** What the serve config serves, with {@code ${TS_CERT_DOMAIN}} as the host's own name (containerboot replaces it before tailscaled reads the file). */
    private static List<ServedPort> served(TailscaleExtensionConfig tailscale, String hostName, String suffix) {
        return tailscale.serveConfig(hostName).map(serve -> serve.servedPorts(hostName, suffix).all()).orElse(List.of());
    }

    private static String scheme(ServedPort port) {
        return port.tcp().tcpForward() != null ? "tcp" : port.tcp().https() ? "https" : port.tcp().http() ? "http" : "tcp";
    }

    /** A TCP forward or a Web proxy to the API server's port (on the host or any address). */
    private static boolean forwardsToApi(ServedPort port, Set<Integer> apiPorts) {
        if (apiPorts.contains(port.tcp().forwardPort())) {
            return true;
        }
        return port.web().stream().filter(h -> h.kind().equals("Proxy")).map(WebHandler::value)
                .anyMatch(v -> apiPorts.contains(portOf(v.replaceFirst("^[a-z+]+://", "").replaceFirst("/.*$", ""))));
    }

    private static int portOf(String hostPort) {
        try {
            return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The kube-apiserver's own port and the port of {@code cluster.controlPlane.endpoint} clients use. */
    private static Set<Integer> apiPorts(MachineConfig config) {
        Set<Integer> ports = new LinkedHashSet<>(List.of(ApiServerPort.of(config)));
        ports.add(endpointPort(config));
        return ports;
    }

    private static int endpointPort(MachineConfig config) {
        String endpoint = ConfigSetting.ENDPOINT.text(config, "");
        try {
            return endpoint.isEmpty() ? ApiServerPort.of(config) : EndpointPort.of(URI.create(endpoint));
        } catch (IllegalArgumentException e) {
            return ApiServerPort.of(config); // validation refuses such an endpoint before a rollout
        }
    }
}
