package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.machineconfig.secrets.EncodedCertAndKey;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * The v1alpha1 document Talos's generator writes for a role and release, before talhelper's node
 * settings and any patch: what {@code talosctl gen config --with-docs=false --with-examples=false}
 * produces, field for field, in Talos's key order.
 *
 * <p>Per-release differences (from Talos's own golden files, testdata/stability/v1.X):
 * v1.8–v1.11 write {@code features.rbac/stableHostname/apidCheckExtKeyUsage} and
 * {@code apiServer.disablePodSecurityPolicy}; v1.12 drops them and adds a {@code HostnameConfig}
 * document instead of {@code stableHostname} ({@link ExtraDocuments}), writes
 * {@code install.grubUseUKICmdline: true} and no longer puts the endpoint's host in the API server's
 * certSANs (Talos's VersionContract: GrubUseUKICmdlineDefault, PopulateClusterSANsFromEndpoint);
 * v1.13 writes no empty {@code machine.network} (generate/init.go and worker.go at v1.13.0). From v1.14
 * most of this document moves into documents of their own: {@link MultidocBaseConfig}.
 */
final class BaseConfig {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** talhelper's installer when no schematic is given: the image factory's ID of the empty schematic. */
    static final String CONTROL_PLANE_LABEL = "node.kubernetes.io/exclude-from-external-load-balancers";

    private BaseConfig() {}

    static ObjectNode v1alpha1(TalConfig cluster, boolean controlPlane, SecretsBundle secrets) {
        TalosVersion version = cluster.talosVersion();
        String k8s = cluster.kubernetesVersion();
        boolean legacyFeatures = !version.atLeast(1, 12);
        boolean legacyNetwork = !version.atLeast(1, 13);

        ObjectNode doc = NODES.objectNode();
        doc.put("version", "v1alpha1");
        doc.put("debug", false);
        doc.put("persist", true);

        ObjectNode machine = doc.putObject("machine");
        machine.put("type", controlPlane ? "controlplane" : "worker");
        machine.put("token", secrets.trustdToken());
        machine.set("ca", certAndKey(secrets.os(), controlPlane));
        ArrayNode machineSans = machine.putArray("certSANs");
        cluster.additionalMachineCertSans().forEach(machineSans::add);
        ObjectNode kubelet = machine.putObject("kubelet");
        kubelet.put("image", "ghcr.io/siderolabs/kubelet:v" + k8s);
        kubelet.put("defaultRuntimeSeccompProfileEnabled", true);
        kubelet.put("disableManifestsDirectory", true);
        if (legacyNetwork) {
            machine.putObject("network");
        }
        ObjectNode install = machine.putObject("install");
        install.put("image", InstallerImage.of(dev.talosrehearsal.talconfig.ImageFactory.DEFAULT, null, version)); // each node's own: NodeSettings
        install.put("wipe", false);
        if (!legacyFeatures) {
            install.put("grubUseUKICmdline", true);
        }
        ObjectNode features = machine.putObject("features");
        if (legacyFeatures) {
            features.put("rbac", true);
            features.put("stableHostname", true);
            features.put("apidCheckExtKeyUsage", true);
        }
        features.put("diskQuotaSupport", true);
        ObjectNode kubePrism = features.putObject("kubePrism");
        kubePrism.put("enabled", true);
        kubePrism.put("port", 7445);
        ObjectNode hostDns = features.putObject("hostDNS");
        hostDns.put("enabled", true);
        hostDns.put("forwardKubeDNSToHost", true);
        if (controlPlane) {
            machine.putObject("nodeLabels").put(CONTROL_PLANE_LABEL, "");
        }

        ObjectNode c = doc.putObject("cluster");
        c.put("id", secrets.clusterId());
        c.put("secret", secrets.clusterSecret());
        c.putObject("controlPlane").put("endpoint", cluster.endpoint().url());
        c.put("clusterName", cluster.clusterName());
        ObjectNode network = c.putObject("network");
        if (cluster.cniConfig() != null) {
            network.set("cni", cluster.cniConfig().deepCopy());
        }
        network.put("dnsDomain", cluster.domain() == null ? "cluster.local" : cluster.domain());
        ArrayNode pods = network.putArray("podSubnets");
        (cluster.clusterPodNets().isEmpty() ? List.of("10.244.0.0/16") : cluster.clusterPodNets()).forEach(pods::add);
        ArrayNode services = network.putArray("serviceSubnets");
        (cluster.clusterSvcNets().isEmpty() ? List.of("10.96.0.0/12") : cluster.clusterSvcNets()).forEach(services::add);
        c.put("token", secrets.bootstrapToken());
        if (controlPlane) {
            c.put("secretboxEncryptionSecret", secrets.secretboxEncryptionSecret());
        }
        c.set("ca", certAndKey(secrets.k8s(), controlPlane));
        if (controlPlane) {
            c.set("aggregatorCA", certAndKey(secrets.k8sAggregator(), true));
            c.putObject("serviceAccount").put("key", secrets.k8sServiceAccount().key());
            c.set("apiServer", apiServer(cluster, legacyFeatures));
            c.putObject("controllerManager").put("image", "registry.k8s.io/kube-controller-manager:v" + k8s);
            c.putObject("proxy").put("image", "registry.k8s.io/kube-proxy:v" + k8s);
            c.putObject("scheduler").put("image", "registry.k8s.io/kube-scheduler:v" + k8s);
        }
        ObjectNode discovery = c.putObject("discovery");
        discovery.put("enabled", true);
        ObjectNode registries = discovery.putObject("registries");
        registries.putObject("kubernetes").put("disabled", true);
        registries.putObject("service");
        if (controlPlane) {
            c.putObject("etcd").set("ca", certAndKey(secrets.etcd(), true));
            if (cluster.inlineManifests() != null && !cluster.inlineManifests().isEmpty()) {
                c.set("inlineManifests", cluster.inlineManifests().deepCopy());
            }
        }
        if (cluster.allowSchedulingOnControlPlanes()) {
            c.put("allowSchedulingOnControlPlanes", true);
        }
        return doc;
    }

    private static ObjectNode apiServer(TalConfig cluster, boolean legacyFeatures) {
        ObjectNode api = NODES.objectNode();
        api.put("image", "registry.k8s.io/kube-apiserver:v" + cluster.kubernetesVersion());
        List<String> sans = new ArrayList<>();
        if (legacyFeatures) {
            sans.add(cluster.endpoint().host());
        }
        cluster.additionalApiServerCertSans().stream()
                .filter(san -> !(legacyFeatures && san.equals(cluster.endpoint().host())))
                .forEach(sans::add);
        if (!sans.isEmpty()) {
            sans.forEach(api.putArray("certSANs")::add);
        }
        if (legacyFeatures) {
            api.put("disablePodSecurityPolicy", true);
        }
        ObjectNode podSecurity = api.putArray("admissionControl").addObject();
        podSecurity.put("name", "PodSecurity");
        podSecurity.set("configuration", KubeApiServerDefaults.podSecurityConfiguration());
        api.set("auditPolicy", KubeApiServerDefaults.auditPolicyConfiguration());
        return api;
    }

    /** Workers get the CA certificate with an empty key, exactly as Talos writes it. */
    private static ObjectNode certAndKey(EncodedCertAndKey pair, boolean withKey) {
        ObjectNode node = NODES.objectNode();
        node.put("crt", pair.crt());
        node.put("key", withKey ? pair.key() : "");
        return node;
    }
}
