package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.ExtensionServices;
import dev.talosrehearsal.talconfig.TalConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rule 24, {@code extension-not-in-schematic} (<b>warning</b>): a node's talconfig configures an extension service
 * (an ExtensionServiceConfig, talhelper's {@code extensionServices}) that the node's own schematic does not list. Talos
 * runs {@code ext-<name>} only when the system extension that defines it is in the node's image (the extension's
 * service definition ships in the image; the document only configures it), so the service never starts, and the
 * rollout's services gate, which waits for every configured extension service, fails on the node in production. The
 * schematic names what the next upgrade installs, not what runs now (that is inventory.yaml's {@code extensionServices},
 * which the simulated node follows, and rule 25's), so this rule warns from the schematic alone. Only a node with a
 * declared schematic is judged (no schematic and a custom {@code talosImageURL} say nothing about the image's
 * extensions); an extension is matched to its document by the last segment of its name ({@code siderolabs/tailscale}
 * → {@code tailscale}), as the official extensions name their services — hence a warning, not an error.
 */
final class ExtensionNotInSchematicRule implements Rule {
    static final String ID = "extension-not-in-schematic";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (TalConfig.Node node : context.cluster().nodes()) {
            if (node.schematic() == null || node.talosImageURL() != null) {
                continue;
            }
            Set<String> extensions = new LinkedHashSet<>();
            node.schematic().at("/customization/systemExtensions/officialExtensions").forEach(e -> extensions.add(e.asText()));
            Set<String> services = new LinkedHashSet<>();
            extensions.forEach(e -> services.add(InstallerImageChangedRule.serviceName(e)));
            for (TalConfig.ExtensionService service : node.extensionServices()) {
                if (services.contains(service.name())) {
                    continue;
                }
                out.add(new Finding(ID, Severity.WARNING, node.hostname(), context.file(), context.line(service.pointer()),
                        ExtensionServices.serviceId(service.name()) + " is configured, but the node's schematic lists no " + service.name() + " extension ("
                                + (extensions.isEmpty() ? "no extensions" : String.join(", ", extensions)) + "): Talos runs an extension"
                                + " service only when its system extension is in the node's image, so ext-" + service.name() + " never"
                                + " starts and the services gate fails there (the simulated image follows inventory.yaml, not the schematic).",
                        "add the extension (e.g. siderolabs/" + service.name() + ") to the schematic's officialExtensions and upgrade"
                                + " the nodes to the new image (talhelper gencommand upgrade) before rolling out its configuration"));
            }
        }
        return out;
    }
}
