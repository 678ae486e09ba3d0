package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.talconfig.TalConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents Talos's generator writes at the v1.14 contract, before talhelper's node settings: a
 * v1alpha1 document cut down to what has no document of its own yet, then one document per moved
 * section, in the order {@code pkg/machinery/config/generate/init.go} and {@code worker.go} append them
 * (tag v1.14.0-rc.1; checked against {@code testdata/stability/v1.14/base-controlplane.yaml} and
 * {@code base-worker.yaml}).
 *
 * <p>The contract switches (pkg/machinery/config/contract.go, all "greater than v1.13"):
 * DiscoveryServiceMultidocConfig and DiscoveryIdentityMultidocConfig (cluster.discovery, id and secret →
 * DiscoveryServiceConfig, DiscoveryIdentityConfig), UnattendedInstallConfig (machine.install → an
 * UnattendedInstallConfig, only written when there is an install disk: see {@link MultidocNodeSettings}),
 * HostDNSMultidocConfig (features.hostDNS → ResolverConfig), FilesystemTrimEnabledByDefault (VolumeConfig
 * EPHEMERAL with a secure mount, FilesystemTrimConfig), WorkloadIsolationEnabledByDefault
 * (SecurityProfileConfig), MultidocKubernetesConfigSupported (everything Kubernetes: the Kube*Config documents).
 * What stays in v1alpha1: machine type, token, CA, certSANs and {@code features.diskQuotaSupport}; the
 * bootstrap token; on control planes etcd's CA (etcd has no document at v1.14, so
 * {@code cluster.etcd.advertisedSubnets} stays there too).
 *
 * <p>Certificates and keys in the Kube* documents are PEM text, not base64 as in v1alpha1.
 */
final class MultidocBaseConfig {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Talos's constants.DefaultDiscoveryServiceEndpoint. */
    private static final String DISCOVERY_ENDPOINT = "https://discovery.talos.dev/";
    /** Talos's constants.DefaultFilesystemTrimInterval (one week), as Go prints a time.Duration. */
    private static final String TRIM_INTERVAL = "168h0m0s";
    static final String CONTROL_PLANE_ROLE = "node-role.kubernetes.io/control-plane";

    private MultidocBaseConfig() {}

    static List<ObjectNode> documents(TalConfig cluster, boolean controlPlane, SecretsBundle secrets) {
        String k8s = cluster.kubernetesVersion();
        List<ObjectNode> docs = new ArrayList<>();
        docs.add(v1alpha1(cluster, controlPlane, secrets));

        docs.add(header("DiscoveryServiceConfig").put("name", "default").put("endpoint", DISCOVERY_ENDPOINT));
        docs.add(header("DiscoveryIdentityConfig").put("clusterID", secrets.clusterId()).put("clusterSecret", secrets.clusterSecret()));
        ObjectNode resolver = header("ResolverConfig");
        resolver.putObject("hostDNS").put("enabled", true).put("forwardKubeDNSToHost", true);
        docs.add(resolver);
        ObjectNode ephemeral = header("VolumeConfig").put("name", "EPHEMERAL");
        ephemeral.putObject("mount").put("secure", true);
        docs.add(ephemeral);
        docs.add(header("FilesystemTrimConfig").put("interval", TRIM_INTERVAL));
        docs.add(header("SecurityProfileConfig").put("workloadIsolation", true));
        docs.add(header("HostnameConfig").put("auto", "stable"));

        // generateKubernetesUniversalConfigs: every role.
        docs.add(header("KubeClusterConfig").put("clusterName", cluster.clusterName()).put("endpoint", cluster.endpoint().url()));
        ObjectNode node = header("KubeNodeConfig");
        node.putObject("nodeIP");
        if (controlPlane) {
            node.putObject("labels").put(CONTROL_PLANE_ROLE, "").put(BaseConfig.CONTROL_PLANE_LABEL, "");
            if (!cluster.allowSchedulingOnControlPlanes()) {
                node.putObject("taints").put(CONTROL_PLANE_ROLE, "NoSchedule");
            }
        }
        docs.add(node);
        ObjectNode kubelet = header("KubeletConfig").put("image", "ghcr.io/siderolabs/kubelet:v" + k8s);
        kubelet.putObject("config");
        kubelet.put("defaultRuntimeSeccompProfileEnabled", true);
        docs.add(kubelet);
        ObjectNode network = header("KubeNetworkConfig").put("dnsDomain", cluster.domain() == null ? "cluster.local" : cluster.domain());
        ArrayNode pods = network.putArray("podSubnets");
        (cluster.clusterPodNets().isEmpty() ? List.of("10.244.0.0/16") : cluster.clusterPodNets()).forEach(pods::add);
        ArrayNode services = network.putArray("serviceSubnets");
        (cluster.clusterSvcNets().isEmpty() ? List.of("10.96.0.0/12") : cluster.clusterSvcNets()).forEach(services::add);
        docs.add(network);
        ObjectNode ca = header("KubeAPIServerCAConfig");
        if (controlPlane) {
            ca.putObject("issuingCA").put("cert", secrets.k8s().certificatePem()).put("key", secrets.k8s().privateKeyPem());
        } else {
            ca.putArray("acceptedCAs").add(secrets.k8s().certificatePem());
        }
        docs.add(ca);
        docs.add(header("KubePrismConfig").put("port", 7445));

        if (controlPlane) {
            docs.addAll(controlPlaneDocuments(cluster, secrets));
        }
        return docs;
    }

    private static ObjectNode v1alpha1(TalConfig cluster, boolean controlPlane, SecretsBundle secrets) {
        ObjectNode doc = NODES.objectNode();
        doc.put("version", "v1alpha1");
        doc.put("debug", false);
        doc.put("persist", true);
        ObjectNode machine = doc.putObject("machine");
        machine.put("type", controlPlane ? "controlplane" : "worker");
        machine.put("token", secrets.trustdToken());
        ObjectNode machineCa = machine.putObject("ca");
        machineCa.put("crt", secrets.os().crt());
        machineCa.put("key", controlPlane ? secrets.os().key() : "");
        ArrayNode machineSans = machine.putArray("certSANs");
        cluster.additionalMachineCertSans().forEach(machineSans::add);
        machine.putObject("features").put("diskQuotaSupport", true);
        ObjectNode c = doc.putObject("cluster");
        c.put("token", secrets.bootstrapToken());
        if (controlPlane) {
            ObjectNode etcdCa = c.putObject("etcd").putObject("ca");
            etcdCa.put("crt", secrets.etcd().crt());
            etcdCa.put("key", secrets.etcd().key());
            // No KubeInlineManifestConfig conflict check exists at v1.14.0-rc.1: Talos still reads them here.
            if (cluster.inlineManifests() != null && !cluster.inlineManifests().isEmpty()) {
                c.set("inlineManifests", cluster.inlineManifests().deepCopy());
            }
        }
        return doc;
    }

    /** generateKubernetesControlplaneConfigs (generate/kubernetes.go, v1.14.0-rc.1), in its order. */
    private static List<ObjectNode> controlPlaneDocuments(TalConfig cluster, SecretsBundle secrets) {
        String k8s = cluster.kubernetesVersion();
        List<ObjectNode> docs = new ArrayList<>();
        ObjectNode aggregator = header("KubeAggregatorCAConfig");
        aggregator.putObject("issuingCA").put("cert", secrets.k8sAggregator().certificatePem())
                .put("key", secrets.k8sAggregator().privateKeyPem());
        docs.add(aggregator);
        docs.add(KubeApiServerDefaults.podSecurity());
        docs.add(KubeApiServerDefaults.auditPolicy());
        docs.add(KubeApiServerDefaults.authentication());
        docs.add(header("KubeAuthorizerConfig").put("name", "node").put("type", "Node"));
        docs.add(header("KubeAuthorizerConfig").put("name", "rbac").put("type", "RBAC"));
        docs.add(KubeApiServerDefaults.etcdEncryption(secrets.secretboxEncryptionSecret()));
        ObjectNode serviceAccount = header("KubeServiceAccountConfig");
        serviceAccount.putObject("issuer").put("privateKey", secrets.k8sServiceAccount().privateKeyPem())
                .put("issuerURL", cluster.endpoint().url());
        docs.add(serviceAccount);
        ObjectNode apiServer = header("KubeAPIServerConfig").put("image", "registry.k8s.io/kube-apiserver:v" + k8s);
        // GetAPIServerSANs: only additionalApiServerCertSans from v1.12 (PopulateClusterSANsFromEndpoint); absent when empty.
        if (!cluster.additionalApiServerCertSans().isEmpty()) {
            ArrayNode sans = apiServer.putArray("certExtraSANs");
            cluster.additionalApiServerCertSans().forEach(sans::add);
        }
        docs.add(apiServer);
        docs.add(header("KubeControllerManagerConfig").put("image", "registry.k8s.io/kube-controller-manager:v" + k8s));
        ObjectNode scheduler = header("KubeSchedulerConfig").put("image", "registry.k8s.io/kube-scheduler:v" + k8s);
        scheduler.putObject("config");
        docs.add(scheduler);
        ObjectNode proxy = header("KubeProxyConfig").put("image", "registry.k8s.io/kube-proxy:v" + k8s);
        proxy.putObject("config");
        docs.add(proxy);
        String customCni = customCniUrl(cluster);
        if (customCni == null && !cniDisabled(cluster)) {
            docs.add(header("KubeFlannelCNIConfig").put("backendType", "vxlan").put("backendPort", 4789));
        }
        docs.add(header("KubeCoreDNSConfig").put("enabled", true));
        if (customCni != null) {
            docs.add(header("KubeExternalManifestConfig").put("name", "custom-cni").put("url", customCni));
        }
        return docs;
    }

    /**
     * talhelper's {@code cniConfig} at v1.14: Talos's generator knows only a custom CNI URL (one
     * KubeExternalManifestConfig named custom-cni, no flannel). {@code name: none} writes no flannel
     * document; {@code flannel} is the default. Anything else has no v1.14 document to go to yet.
     */
    private static String customCniUrl(TalConfig cluster) {
        JsonNode cni = cluster.cniConfig();
        if (cni == null || !"custom".equals(cni.path("name").asText())) {
            return null;
        }
        JsonNode urls = cni.path("urls");
        if (urls.size() != 1) {
            throw new InputException(cluster.file().toString(), cluster.sources().lineOf("/cniConfig"), "cniConfig: a custom CNI at Talos v1.14 is one"
                    + " KubeExternalManifestConfig (custom-cni) with one URL; this cniConfig lists " + urls.size()
                    + " (add the others as KubeExternalManifestConfig patches)");
        }
        return urls.get(0).asText();
    }

    private static boolean cniDisabled(TalConfig cluster) {
        JsonNode cni = cluster.cniConfig();
        return cni != null && "none".equals(cni.path("name").asText());
    }

    static ObjectNode header(String kind) {
        ObjectNode doc = NODES.objectNode();
        doc.put("apiVersion", "v1alpha1");
        doc.put("kind", kind);
        return doc;
    }
}
