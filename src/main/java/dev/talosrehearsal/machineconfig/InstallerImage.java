package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.talconfig.ImageFactory;
import dev.talosrehearsal.talconfig.MachineSpec;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.Map;

/**
 * A node's installer image as talhelper writes it (pkg/talos/nodeconfig.go, {@code installerURL}, v3.1.16): the
 * node's {@code talosImageURL} with the Talos version when set; otherwise the image factory's installer for the
 * node's schematic (the empty schematic when it has none), filled into {@code imageFactory.installerURLTmpl}
 * with the node's platform mode and secure boot — {@code factory.talos.dev/metal-installer/<id>:<version>} by
 * default.
 */
final class InstallerImage {
    private InstallerImage() {}

    static String of(ImageFactory factory, TalConfig.Node node, TalosVersion version) {
        if (node != null && node.talosImageURL() != null) {
            return node.talosImageURL() + ":" + version.tag();
        }
        MachineSpec spec = node == null ? MachineSpec.DEFAULT : node.machineSpec();
        return factory.installerTemplate().render(Map.of(
                "RegistryURL", factory.registryURL(),
                "ID", SchematicId.of(node == null ? null : node.schematic()),
                "Version", version.tag(),
                "Mode", spec.mode(),
                "Secureboot", spec.secureboot()));
    }
}
