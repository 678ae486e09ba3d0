package dev.talosrehearsal.lint;

import dev.talosrehearsal.inventory.Inventory;
import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.talconfig.TalConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rule 25, {@code extension-not-in-image} (needs {@code --inventory} with the node's {@code extensionServices}):
 * a node's rendered config configures an extension service (an ExtensionServiceConfig) that the inventory says its
 * image does not define. Talos loads extension services from the image's extensions at boot and an apply installs
 * none (extension_service.go, v1.13.9): the document starts nothing, and the rollout's services gate would wait for
 * the service in vain — the applier's pre-flight refuses such a rollout. <b>Error</b>. A node whose inventory entry
 * does not say what its image holds is not judged (capture and init write the key).
 */
final class ExtensionNotInImageRule implements Rule {
    static final String ID = "extension-not-in-image";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        if (context.inventory() == null) {
            return out;
        }
        for (RenderedNode node : context.rendered().nodes()) {
            Set<String> image = context.inventory().node(node.hostname()).flatMap(Inventory.Node::extensionServices).orElse(null);
            if (image == null) {
                continue;
            }
            for (String name : ExtensionServices.byName(node.config()).keySet()) {
                if (image.contains(name)) {
                    continue;
                }
                out.add(new Finding(ID, Severity.ERROR, node.hostname(), context.file(), line(context, node.hostname(), name),
                        ExtensionServices.serviceId(name) + " is configured, but " + context.inventoryFile() + " says the node's image defines "
                                + (image.isEmpty() ? "no extension services" : String.join(", ", image)) + ": Talos loads extension services"
                                + " from the image at boot and an apply installs none, so the document starts nothing and the services gate"
                                + " waits for " + ExtensionServices.serviceId(name) + " in vain (pre-flight refuses the rollout).",
                        "upgrade the node to an image with the extension (talosctl upgrade --image), then add " + name + " to the node's"
                                + " extensionServices in " + context.inventoryFile() + "; or drop the service from the node"));
            }
        }
        return out;
    }

    /** The talconfig line that configures the service on the node (its entry, or its group's), else the node's entry. */
    private static int line(LintContext context, String hostname, String name) {
        return context.talNode(hostname).flatMap(n -> n.extensionServices().stream().filter(s -> s.name().equals(name)).findFirst())
                .map(TalConfig.ExtensionService::pointer).map(context::line).filter(l -> l > 0).orElse(context.nodeLine(hostname));
    }
}
