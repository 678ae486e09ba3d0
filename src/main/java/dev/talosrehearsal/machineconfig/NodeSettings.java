package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.Map;

/**
 * talhelper's per-node settings up to v1.13, written straight into the v1alpha1 document (not as patches):
 * each set field replaces what the base had, except {@code certSANs}, which is appended. From v1.14:
 * {@link MultidocNodeSettings}.
 */
final class NodeSettings {
    private NodeSettings() {}

    static void apply(ObjectNode doc, TalConfig.Node node, TalosVersion version, String installerImage) {
        ObjectNode machine = (ObjectNode) doc.get("machine");
        // v1.13's generator writes no machine.network; it appears only when a setting needs it.
        ObjectNode network = machine.has("network") ? (ObjectNode) machine.get("network") : machine.objectNode();
        if (!version.atLeast(1, 12)) {
            // From v1.12 these live in HostnameConfig / ResolverConfig documents (ExtraDocuments).
            if (!node.ignoreHostname()) {
                network.put("hostname", node.hostname());
            }
            if (!node.nameservers().isEmpty()) {
                ArrayNode ns = network.putArray("nameservers");
                node.nameservers().forEach(ns::add);
            }
            if (node.disableSearchDomain()) {
                network.put("disableSearchDomain", true);
            }
        }
        if (node.networkInterfaces() != null && !version.atLeast(1, 12)) {
            network.set("interfaces", node.networkInterfaces().deepCopy()); // from v1.12: NetworkDocuments
        }
        if (!machine.has("network") && !network.isEmpty()) {
            machine.set("network", network);
        }
        ObjectNode install = (ObjectNode) machine.get("install");
        if (node.installDisk() != null) {
            install.put("disk", node.installDisk());
        }
        if (node.installDiskSelector() != null) {
            install.set("diskSelector", node.installDiskSelector().deepCopy());
        }
        install.put("image", installerImage);
        // talhelper also passes the schematic's kernel arguments to the installer, but only where GRUB does not
        // take them from the UKI (Talos's GrubUseUKICmdlineDefault: before v1.12) and the node does not boot a UKI
        // (pkg/talos/nodeconfig.go, talhelper issues 1000 and 1341)
        JsonNode kernelArgs = node.schematic() == null ? null : node.schematic().path("customization").path("extraKernelArgs");
        if (kernelArgs != null && kernelArgs.size() > 0 && !node.machineSpec().useUKI() && !version.atLeast(1, 12)) {
            ArrayNode args = install.has("extraKernelArgs") ? (ArrayNode) install.get("extraKernelArgs") : install.putArray("extraKernelArgs");
            kernelArgs.forEach(arg -> args.add(arg.asText()));
        }
        if (node.kernelModules() != null) {
            machine.putObject("kernel").set("modules", node.kernelModules().deepCopy());
        }
        putMap(machine, "nodeLabels", node.nodeLabels());
        putMap(machine, "nodeAnnotations", node.nodeAnnotations());
        putMap(machine, "nodeTaints", node.nodeTaints());
        if (node.machineFiles() != null) {
            machine.set("files", node.machineFiles().deepCopy());
        }
        if (node.machineDisks() != null && !node.machineDisks().isEmpty()) {
            machine.set("disks", node.machineDisks().deepCopy()); // deprecated by Talos; talhelper still writes it
        }
        ArrayNode sans = (ArrayNode) machine.get("certSANs");
        node.certSANs().forEach(sans::add);
    }

    private static void putMap(ObjectNode machine, String key, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode map = machine.putObject(key);
            values.forEach(map::put);
        }
    }
}
