package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.tailscale.TailnetName;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tailnet a cluster's rendered configs name, the one place that looks for it (lint, rehearse, sim up):
 * a machine config has no field for it, so it is read off the MagicDNS names the configs carry
 * ({@link TailnetName}): the API server's ({@link ConfigSetting#API_SERVER_CERT_SANS}: from v1.14 KubeAPIServerConfig
 * certExtraSANs) and the machines' certSANs, then the tailscale extension's
 * {@code TS_CERT_DOMAIN} and serve-config Web names.
 */
public final class ClusterTailnet {
    private ClusterTailnet() {}

    /** The tailnet's MagicDNS suffix named by the first of {@code clusters} that names one. */
    public static Optional<String> suffix(List<RenderedCluster> clusters) {
        for (RenderedCluster cluster : clusters) {
            Optional<String> found = TailnetName.firstSuffix(names(cluster));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Whether any node of {@code clusters} runs the tailscale extension (then the cluster is on a tailnet). */
    public static boolean usesTailscale(List<RenderedCluster> clusters) {
        return clusters.stream().flatMap(c -> c.nodes().stream()).anyMatch(n -> ExtensionServices.tailscale(n.config()).isPresent());
    }

    private static List<String> names(RenderedCluster cluster) {
        List<String> names = new ArrayList<>();
        for (RenderedNode node : cluster.nodes()) {
            names.addAll(ConfigSetting.API_SERVER_CERT_SANS.strings(node.config()));
            names.addAll(node.config().strings("/machine/certSANs"));
        }
        for (RenderedNode node : cluster.nodes()) {
            ExtensionServices.tailscale(node.config()).ifPresent(ts -> names.addAll(TailnetName.namesIn(ts)));
        }
        return names;
    }
}
