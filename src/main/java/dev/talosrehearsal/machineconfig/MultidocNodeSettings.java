package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.talconfig.TalConfig;
import java.util.List;
import java.util.Map;

/**
 * talhelper's per-node settings at the v1.14 contract, written where Talos v1.14.0-rc.1 reads them.
 *
 * <p>talhelper v3.1.16 (built on Talos machinery v1.14.0-alpha.2) writes every setting into the v1alpha1
 * document. At rc.1 that no longer works for two of them: Talos refuses {@code machine.nodeLabels},
 * {@code nodeAnnotations} and {@code nodeTaints} beside the generated KubeNodeConfig
 * (pkg/machinery/config/types/k8s/node.go, V1Alpha1ConflictValidate), and the generator writes no
 * {@code machine.install} for talhelper to fill in (UnattendedInstallConfig contract). So:
 * <ul>
 *   <li>{@code nodeLabels}, {@code nodeAnnotations}, {@code nodeTaints} → KubeNodeConfig {@code labels},
 *       {@code annotations}, {@code taints}, added over what the generator wrote there. talhelper replaces the
 *       generated map wholesale; here that map carries the control-plane role label and NoSchedule taint, which
 *       Talos before v1.14 added at run time and now only takes from the document, so replacing would drop them;</li>
 *   <li>{@code installDisk} → an UnattendedInstallConfig as Talos's generator writes it for an install disk
 *       (provisioning.diskSelector.match {@code disk.dev_path == "<disk>"}, wipe false, generate/init.go), with
 *       talhelper's installer image; {@code installDiskSelector} has no CEL form talhelper could derive, so a node
 *       with one keeps the deprecated {@code machine.install}, which Talos still reads when no
 *       UnattendedInstallConfig is present;</li>
 *   <li>the rest stays in v1alpha1, where rc.1 still reads it without a conflict check:
 *       {@code certSANs} (machine.certSANs), {@code machineFiles}, {@code kernelModules},
 *       (network interfaces become network documents: {@link NetworkDocuments}).</li>
 * </ul>
 * Hostname and nameservers go into the generator's HostnameConfig / ResolverConfig ({@link ExtraDocuments}).
 */
final class MultidocNodeSettings {
    private MultidocNodeSettings() {}

    static void apply(List<ObjectNode> docs, TalConfig.Node node, String installerImage) {
        ObjectNode v1alpha1 = docs.get(0);
        ObjectNode machine = (ObjectNode) v1alpha1.get("machine");
        if (node.installDiskSelector() != null) {
            ObjectNode install = machine.putObject("install");
            if (node.installDisk() != null) {
                install.put("disk", node.installDisk());
            }
            install.set("diskSelector", node.installDiskSelector().deepCopy());
            install.put("image", installerImage);
            install.put("wipe", false);
        } else if (node.installDisk() != null) {
            docs.add(indexAfter(docs, "DiscoveryIdentityConfig"), unattendedInstall(node.installDisk(), installerImage));
        }
        if (node.kernelModules() != null) {
            machine.putObject("kernel").set("modules", node.kernelModules().deepCopy());
        }
        if (node.machineFiles() != null) {
            machine.set("files", node.machineFiles().deepCopy());
        }
        if (node.machineDisks() != null && !node.machineDisks().isEmpty()) {
            machine.set("disks", node.machineDisks().deepCopy()); // deprecated by Talos; talhelper still writes it
        }
        ArrayNode sans = (ArrayNode) machine.get("certSANs");
        node.certSANs().forEach(sans::add);

        ObjectNode kubeNode = docs.stream().filter(d -> "KubeNodeConfig".equals(MachineConfig.kindOf(d))).findFirst()
                .orElseThrow(() -> new IllegalStateException("the v1.14 base has a KubeNodeConfig"));
        addAll(kubeNode, "labels", node.nodeLabels());
        addAll(kubeNode, "annotations", node.nodeAnnotations());
        addAll(kubeNode, "taints", node.nodeTaints());
    }

    private static ObjectNode unattendedInstall(String disk, String installerImage) {
        ObjectNode doc = MultidocBaseConfig.header("UnattendedInstallConfig");
        doc.putObject("installer").put("image", installerImage);
        ObjectNode provisioning = doc.putObject("provisioning");
        provisioning.putObject("diskSelector").put("match", "disk.dev_path == " + goQuoted(disk));
        provisioning.put("wipe", false);
        return doc;
    }

    /** Go's %q for a plain path: backslashes and quotes escaped. */
    private static String goQuoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static int indexAfter(List<ObjectNode> docs, String kind) {
        for (int i = 0; i < docs.size(); i++) {
            if (kind.equals(MachineConfig.kindOf(docs.get(i)))) {
                return i + 1;
            }
        }
        return docs.size();
    }

    private static void addAll(ObjectNode doc, String key, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode map = doc.has(key) ? (ObjectNode) doc.get(key) : doc.putObject(key);
            values.forEach(map::put);
        }
    }
}
