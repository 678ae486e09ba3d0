package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settings a rehearsal reads, each with the one place that knows where each release keeps it: in
 * its own document when the config has that document (what Talos v1.14's generator writes: KubeNodeConfig,
 * KubeAPIServerConfig, ...; ResolverConfig from v1.12), else in the v1alpha1 document. Talos refuses a
 * config that sets both ({@link dev.talosrehearsal.machineconfig.validation.V1Alpha1Conflicts}), so "the document if present" is what Talos reads.
 *
 * <p>Sources, tag v1.14.0-rc.1: the documents' accessors in pkg/machinery/config/types/k8s/node.go
 * (nodeIP.validSubnets, labels, taints), apiserver.go (certExtraSANs, apiPort), cluster.go (clusterName, endpoint),
 * network.go (podSubnets, serviceSubnets, dnsDomain), kubelet.go (image), apiserver_ca.go (issuingCA /
 * acceptedCAs, PEM), network/resolver.go (nameservers[].address). etcd has no document at v1.14:
 * {@code cluster.etcd.advertisedSubnets} is read from v1alpha1 at every release.
 */
public enum ConfigSetting {
    NODE_IP_VALID_SUBNETS("KubeNodeConfig", "/nodeIP/validSubnets", "/machine/kubelet/nodeIP/validSubnets", 14),
    NODE_LABELS("KubeNodeConfig", "/labels", "/machine/nodeLabels", 14),
    NODE_TAINTS("KubeNodeConfig", "/taints", "/machine/nodeTaints", 14),
    /** ResolverConfig lists {@code {address: ...}} items; {@link #strings} reads their addresses. */
    NAMESERVERS("ResolverConfig", "/nameservers", "/machine/network/nameservers", 12),
    API_SERVER_CERT_SANS("KubeAPIServerConfig", "/certExtraSANs", "/cluster/apiServer/certSANs", 14),
    /** The kube-apiserver's own port; read it with {@link ApiServerPort#of}, which knows the default. */
    API_SERVER_PORT("KubeAPIServerConfig", "/apiPort", "/cluster/controlPlane/localAPIServerPort", 14),
    CLUSTER_NAME("KubeClusterConfig", "/clusterName", "/cluster/clusterName", 14),
    ENDPOINT("KubeClusterConfig", "/endpoint", "/cluster/controlPlane/endpoint", 14),
    POD_SUBNETS("KubeNetworkConfig", "/podSubnets", "/cluster/network/podSubnets", 14),
    SERVICE_SUBNETS("KubeNetworkConfig", "/serviceSubnets", "/cluster/network/serviceSubnets", 14),
    DNS_DOMAIN("KubeNetworkConfig", "/dnsDomain", "/cluster/network/dnsDomain", 14),
    KUBELET_IMAGE("KubeletConfig", "/image", "/machine/kubelet/image", 14),
    /** Whether the Kubernetes Node is named after the whole hostname ({@link NodeNames}). */
    REGISTER_WITH_FQDN("KubeNodeConfig", "/registerWithFQDN", "/machine/kubelet/registerWithFQDN", 14),
    ETCD_ADVERTISED_SUBNETS(null, null, "/cluster/etcd/advertisedSubnets", 0),
    ETCD_IMAGE(null, null, "/cluster/etcd/image", 0),
    ETCD_EXTRA_ARGS(null, null, "/cluster/etcd/extraArgs", 0),
    ETCD_LISTEN_SUBNETS(null, null, "/cluster/etcd/listenSubnets", 0);

    private final String document;
    private final String documentPointer;
    private final String v1alpha1Pointer;
    private final int documentSinceMinor;

    ConfigSetting(String document, String documentPointer, String v1alpha1Pointer, int documentSinceMinor) {
        this.document = document;
        this.documentPointer = documentPointer;
        this.v1alpha1Pointer = v1alpha1Pointer;
        this.documentSinceMinor = documentSinceMinor;
    }

    /**
     * The first Talos 1.x minor whose configs keep it in its document: 12 for ResolverConfig (talhelper writes
     * one when nameservers are set), 14 for the Kube* documents (rc.1's generator always writes them); 0: never.
     */
    public int documentSinceMinor() {
        return documentSinceMinor;
    }

    /** The value Talos reads for this config; MissingNode when unset. */
    public JsonNode value(MachineConfig config) {
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> home = home(config);
        JsonNode value = home.isPresent() ? home.get().at(documentPointer) : config.at(v1alpha1Pointer);
        return value == null ? MissingNode.getInstance() : value;
    }

    /** The list's strings ({@link #NAMESERVERS}: the addresses); empty when unset. */
    public List<String> strings(MachineConfig config) {
        List<String> out = new ArrayList<>();
        JsonNode list = value(config);
        if (list.isArray()) {
            list.forEach(item -> out.add(item.isObject() ? item.path("address").asText() : item.asText()));
        }
        return out;
    }

    public String text(MachineConfig config, String fallback) {
        return value(config).asText(fallback);
    }

    /** Where this config keeps it, as a person writes it: {@code KubeNodeConfig nodeIP.validSubnets} or {@code machine.kubelet.nodeIP.validSubnets}. */
    public String where(MachineConfig config) {
        return home(config).isPresent() ? document + " " + dotted(documentPointer) : dotted(v1alpha1Pointer);
    }

    /** The document that holds it when the config has one (e.g. KubeNodeConfig), else empty: it is in v1alpha1. */
    public Optional<String> document(MachineConfig config) {
        return home(config).map(d -> document);
    }

    /** The v1alpha1 path, dotted: what a patch of the v1alpha1 document sets. */
    public String v1alpha1Path() {
        return dotted(v1alpha1Pointer);
    }

    /** The document this setting moves to (null: it stays in v1alpha1), and its path there, dotted. */
    public String documentKind() {
        return document;
    }

    public String documentPath() {
        return documentPointer == null ? null : dotted(documentPointer);
    }

    /** The document Talos reads it from in this config: its own when the config has one, else v1alpha1. */
    com.fasterxml.jackson.databind.node.ObjectNode homeDocument(MachineConfig config) {
        return home(config).orElseGet(config::v1alpha1);
    }

    /** Its pointer inside {@link #homeDocument}. */
    String pointerIn(MachineConfig config) {
        return home(config).isPresent() ? documentPointer : v1alpha1Pointer;
    }

    private Optional<com.fasterxml.jackson.databind.node.ObjectNode> home(MachineConfig config) {
        return document == null ? Optional.empty() : config.document(document, null);
    }

    private static String dotted(String pointer) {
        return pointer.substring(1).replace('/', '.');
    }
}
