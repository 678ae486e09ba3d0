package dev.talosrehearsal.rollout;

import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.rollout.RolloutReport.Check;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosResults.ServiceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Pre-flight's check that every extension service a node's new config configures is one its image defines. Talos
 * loads the service definitions of the image's system extensions once, at boot, and lists each as {@code ext-<name>}
 * from then on — running, or waiting for its ExtensionServiceConfig (extension_service.go, v1.13.9). An
 * ExtensionServiceConfig for any other name starts nothing, and an apply installs no extension: the services gate
 * would wait for a service that never comes, after the node had changed. So a configured service the node does not
 * list stops the rollout before it starts, naming the way on (an upgrade to an image with the extension).
 */
public final class ImageExtensionServices {
    /** The check's name in the rollout's report. */
    public static final String CHECK = "extension-services";

    private final TalosClient talos;

    ImageExtensionServices(TalosClient talos) {
        this.talos = talos;
    }

    /** One check per node whose new config configures an extension service; one ServiceList call for them all. */
    List<Check> check(List<NodeChange> nodes) {
        List<NodeChange> configuring = nodes.stream().filter(n -> !ExtensionServices.byName(n.after()).isEmpty()).toList();
        List<Check> checks = new ArrayList<>();
        if (configuring.isEmpty()) {
            return checks;
        }
        List<NodeReply<List<ServiceStatus>>> replies;
        try {
            replies = talos.services(configuring.stream().map(NodeChange::address).toList());
        } catch (TalosApiException e) {
            checks.add(new Check(CHECK, null, false, "cannot list the nodes' services through the Talos API: " + e.code() + ": " + e.description()));
            return checks;
        }
        for (int i = 0; i < configuring.size(); i++) {
            NodeChange node = configuring.get(i);
            NodeReply<List<ServiceStatus>> reply = i < replies.size() ? replies.get(i) : null;
            if (reply == null || !reply.ok()) {
                checks.add(new Check(CHECK, node.hostname(), false, "cannot list its services through the Talos API: "
                        + (reply == null ? "no reply" : reply.errorCode() + ": " + reply.error())));
                continue;
            }
            Set<String> listed = new java.util.HashSet<>(reply.value().stream().map(ServiceStatus::id).toList());
            List<String> configured = ExtensionServices.byName(node.after()).keySet().stream().map(ExtensionServices::serviceId).toList();
            List<String> missing = configured.stream().filter(id -> !listed.contains(id)).toList();
            checks.add(new Check(CHECK, node.hostname(), missing.isEmpty(), missing.isEmpty()
                    ? "its image defines " + String.join(", ", configured)
                    : String.join(", ", missing) + (missing.size() == 1 ? " is" : " are") + " configured by the new config, but no system"
                            + " extension in the node's image defines " + (missing.size() == 1 ? "it" : "them") + " (the node lists no such"
                            + " service, and an apply installs no extension): upgrade the node to an image with the extension first"
                            + " (talosctl upgrade --image)"));
        }
        return checks;
    }
}
