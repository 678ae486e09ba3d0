package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.talconfig.TalConfig;
import java.util.List;
import java.util.Map;

/**
 * Which talconfig.yaml key a value of the rendered config came from, when the generator put it there
 * (not a patch): {@code /cluster/controlPlane/endpoint} → {@code /endpoint}, a node's
 * {@code /machine/network/interfaces/0/addresses/1} → {@code /nodes/2/networkInterfaces/0/addresses/1}.
 * The mirror of {@link BaseConfig}, {@link NodeSettings} and {@link ExtraDocuments}, and from v1.14 of
 * {@link MultidocBaseConfig} and {@link MultidocNodeSettings} (the same talconfig keys, written into the Kube*
 * and UnattendedInstallConfig documents); a value they do not map is reported at the node.
 */
final class TalconfigOrigins {
    /** v1alpha1 pointer prefix → top-level talconfig key. */
    private static final Map<String, String> CLUSTER = Map.of(
            "/cluster/controlPlane/endpoint", "/endpoint",
            "/cluster/network/podSubnets", "/clusterPodNets",
            "/cluster/network/serviceSubnets", "/clusterSvcNets",
            "/cluster/network/dnsDomain", "/domain",
            "/cluster/network/cni", "/cniConfig",
            "/cluster/inlineManifests", "/inlineManifests",
            "/cluster/apiServer/certSANs", "/additionalApiServerCertSans",
            "/cluster/clusterName", "/clusterName");

    /** v1.14 document kind → (pointer prefix in it → top-level talconfig key). */
    private static final Map<String, Map<String, String>> CLUSTER_DOCUMENTS = Map.of(
            "KubeClusterConfig", Map.of("/endpoint", "/endpoint", "/clusterName", "/clusterName"),
            "KubeNetworkConfig", Map.of("/podSubnets", "/clusterPodNets", "/serviceSubnets", "/clusterSvcNets", "/dnsDomain", "/domain"),
            "KubeAPIServerConfig", Map.of("/certExtraSANs", "/additionalApiServerCertSans"));

    /** v1.14 document kind → (pointer prefix in it → node key). */
    private static final Map<String, Map<String, String>> NODE_DOCUMENTS = Map.of(
            "KubeNodeConfig", Map.of("/labels", "/nodeLabels", "/annotations", "/nodeAnnotations", "/taints", "/nodeTaints"),
            "UnattendedInstallConfig", Map.of("/installer/image", "/talosImageURL", "/provisioning", "/installDisk"));

    /** v1alpha1 pointer prefix → node key, longest first where one is inside another. */
    private static final List<Map.Entry<String, String>> NODE = List.of(
            Map.entry("/machine/network/interfaces", "/networkInterfaces"),
            Map.entry("/machine/network/nameservers", "/nameservers"),
            Map.entry("/machine/network/hostname", "/hostname"),
            Map.entry("/machine/network/disableSearchDomain", "/disableSearchDomain"),
            Map.entry("/machine/install/diskSelector", "/installDiskSelector"),
            Map.entry("/machine/install/image", "/talosImageURL"),
            Map.entry("/machine/install", "/installDisk"),
            Map.entry("/machine/files", "/machineFiles"),
            Map.entry("/machine/kernel/modules", "/kernelModules"),
            Map.entry("/machine/nodeLabels", "/nodeLabels"),
            Map.entry("/machine/nodeAnnotations", "/nodeAnnotations"),
            Map.entry("/machine/nodeTaints", "/nodeTaints"),
            Map.entry("/machine/certSANs", "/certSANs"));

    private TalconfigOrigins() {}

    /** The 1-based line in talconfig.yaml for a value of document {@code document} at {@code pointer}. */
    static int line(TalConfig cluster, TalConfig.Node node, JsonNode document, String pointer) {
        return cluster.sources().lineOf(talconfigPointer(cluster, node, document, pointer));
    }

    static String talconfigPointer(TalConfig cluster, TalConfig.Node node, JsonNode document, String pointer) {
        String kind = MachineConfig.kindOf(document);
        switch (kind) {
            case "v1alpha1" -> {
                for (Map.Entry<String, String> e : CLUSTER.entrySet()) {
                    if (under(pointer, e.getKey())) {
                        return e.getValue() + pointer.substring(e.getKey().length());
                    }
                }
                for (Map.Entry<String, String> e : NODE) {
                    if (under(pointer, e.getKey())) {
                        return node.keyPointer(e.getValue().substring(1)) + pointer.substring(e.getKey().length());
                    }
                }
                return node.pointer();
            }
            case "ResolverConfig" -> {
                // /nameservers/<i>/address comes from the node's nameservers/<i>
                String rest = pointer.startsWith("/nameservers") ? pointer.replaceFirst("/address$", "") : "";
                return rest.isEmpty() ? node.keyPointer("disableSearchDomain") : node.keyPointer("nameservers") + rest.substring("/nameservers".length());
            }
            case "Layer2VIPConfig" -> {
                return vipPointer(node, MachineConfig.nameOf(document));
            }
            case "HostnameConfig" -> {
                return node.pointer() + "/hostname";
            }
            case "ExtensionServiceConfig" -> {
                String name = MachineConfig.nameOf(document);
                for (TalConfig.ExtensionService service : node.extensionServices()) {
                    if (service.name().equals(name)) {
                        return service.pointer() + pointer;
                    }
                }
                return node.pointer() + "/extensionServices";
            }
            default -> {
                for (Map.Entry<String, String> e : CLUSTER_DOCUMENTS.getOrDefault(kind, Map.of()).entrySet()) {
                    if (under(pointer, e.getKey())) {
                        return e.getValue() + pointer.substring(e.getKey().length());
                    }
                }
                for (Map.Entry<String, String> e : NODE_DOCUMENTS.getOrDefault(kind, Map.of()).entrySet()) {
                    if (under(pointer, e.getKey())) {
                        return node.keyPointer(e.getValue().substring(1)) + ("/provisioning".equals(e.getKey()) ? "" : pointer.substring(e.getKey().length()));
                    }
                }
                return node.pointer();
            }
        }
    }

    /** The {@code vip.ip} of the node's interface (or VLAN) that talhelper rendered a Layer2VIPConfig from; else the interfaces. */
    private static String vipPointer(TalConfig.Node node, String vip) {
        String interfaces = node.keyPointer("networkInterfaces");
        JsonNode list = node.networkInterfaces();
        for (int i = 0; list != null && i < list.size(); i++) {
            if (vip.equals(list.get(i).path("vip").path("ip").asText(null))) {
                return interfaces + "/" + i + "/vip/ip";
            }
            JsonNode vlans = list.get(i).path("vlans");
            for (int v = 0; v < vlans.size(); v++) {
                if (vip.equals(vlans.get(v).path("vip").path("ip").asText(null))) {
                    return interfaces + "/" + i + "/vlans/" + v + "/vip/ip";
                }
            }
        }
        return interfaces;
    }

    private static boolean under(String pointer, String prefix) {
        return pointer.equals(prefix) || pointer.startsWith(prefix + "/");
    }
}
