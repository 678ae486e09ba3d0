package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.JsonLists;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The v1alpha1 fields Talos refuses beside the documents that replaced them: each document's
 * {@code V1Alpha1ConflictValidate} (pkg/machinery/config/types/&lt;group&gt;/&lt;doc&gt;.go at v1.14.0-rc.1;
 * HostnameConfig's and ResolverConfig's already at v1.12.0), called by
 * pkg/machinery/config/container/validate.go for every document of the config, in document order. Talos
 * reports every conflict (a multierror) and refuses the config.
 *
 * <p>The rule applies wherever the document is present, so it covers every release: up to v1.13 only
 * talhelper's HostnameConfig/ResolverConfig can be there, from v1.14 the generator writes most of them.
 * Only the rules a rendered config can meet are listed (documents the generator or talhelper writes);
 * the reasons are Talos's messages, the hints this project's.
 *
 * <p>The one home of these rules: the generator ({@code ClusterRenderer}) refuses a conflict at the patch that
 * made it, with the hint; {@link TalosValidator} reports them as Talos does (each document's first conflict,
 * after the documents' own checks), so the simulated node refuses the same configs.
 */
public final class V1Alpha1Conflicts implements Check {
    /**
     * One refused field: the document that replaced it, where it is in v1alpha1 (dotted, and as a JSON pointer),
     * Talos's reason, and what to write instead.
     */
    public record Conflict(String document, String field, String pointer, String reason, String hint) {}

    private record Rule(String kind, String pointer, Predicate<JsonNode> set, Predicate<JsonNode> documentApplies,
            String reason, String hint) {}

    private static final Predicate<JsonNode> PRESENT = n -> !n.isMissingNode() && !n.isNull();
    private static final Predicate<JsonNode> NON_EMPTY_TEXT = n -> PRESENT.test(n) && !n.asText("").isEmpty();
    private static final Predicate<JsonNode> NON_EMPTY = n -> (n.isArray() || n.isObject()) && !n.isEmpty();
    private static final Predicate<JsonNode> TRUE = n -> n.asBoolean(false);
    private static final Predicate<JsonNode> NON_ZERO = n -> n.asInt(0) != 0;
    private static final Predicate<JsonNode> ANY_DOCUMENT = d -> true;
    private static final Predicate<JsonNode> ANY_ADDRESS = n -> JsonLists.texts(n).stream().anyMatch(GoNet::isAddr);

    private static final List<Rule> RULES = List.of(
            // network/hostname.go
            rule("HostnameConfig", "/machine/network/hostname", NON_EMPTY_TEXT, "static hostname is already set in v1alpha1 config",
                    "set the hostname in the HostnameConfig document (talhelper's hostname does)"),
            rule("HostnameConfig", "/machine/features/stableHostname", TRUE, "stable hostname is already set in v1alpha1 config",
                    "set auto: stable in the HostnameConfig document"),
            // network/resolver.go
            rule("ResolverConfig", "/machine/network/searchDomains", PRESENT, ".machine.network.searchDomains is already set in v1alpha1 config",
                    "write searchDomains in the ResolverConfig document"),
            // v1alpha1's Resolvers() keeps only the nameservers that parse (v1alpha1_network_bridge.go, v1.12.0 to v1.14.0-rc.1)
            rule("ResolverConfig", "/machine/network/nameservers", ANY_ADDRESS, ".machine.network.nameservers is already set in v1alpha1 config",
                    "drop it from this patch and list the servers under talhelper's nameservers key (talhelper writes the"
                            + " ResolverConfig document from that key and disableSearchDomain), or in a ResolverConfig patch:"
                            + " apiVersion: v1alpha1, kind: ResolverConfig, nameservers: [{address: ...}]"),
            rule("ResolverConfig", "/machine/network/disableSearchDomain", TRUE,
                    ".machine.network.disableSearchDomain is already set in v1alpha1 config",
                    "drop it from this patch and set talhelper's disableSearchDomain key (talhelper writes the ResolverConfig"
                            + " document from that key and nameservers), or searchDomains: {disableDefault: true} in a ResolverConfig patch"),
            new Rule("ResolverConfig", "/machine/features/hostDNS", PRESENT, d -> PRESENT.test(d.path("hostDNS")),
                    ".machine.features.hostDNS is already set in v1alpha1 config", "write hostDNS in the ResolverConfig document"),
            // cluster/discovery_service.go, discovery_identity.go
            rule("DiscoveryServiceConfig", "/cluster/discovery", PRESENT,
                    "discovery service is already configured in .cluster.discovery of the v1alpha1 config",
                    "edit the DiscoveryServiceConfig document (or remove it with $$patch: delete in a talconfig patch)"),
            rule("DiscoveryIdentityConfig", "/cluster/id", NON_EMPTY_TEXT,
                    "cluster identity is already configured in .cluster.id/.cluster.secret of the v1alpha1 config",
                    "the DiscoveryIdentityConfig document carries clusterID and clusterSecret"),
            rule("DiscoveryIdentityConfig", "/cluster/secret", NON_EMPTY_TEXT,
                    "cluster identity is already configured in .cluster.id/.cluster.secret of the v1alpha1 config",
                    "the DiscoveryIdentityConfig document carries clusterID and clusterSecret"),
            // runtime/unattended_install.go
            rule("UnattendedInstallConfig", "/machine/install", PRESENT,
                    "UnattendedInstallConfig config is incompatible with v1alpha1 config (.machine.install)",
                    "edit the UnattendedInstallConfig document (installer.image, provisioning.diskSelector.match)"),
            // network/kubespan.go (v1.13.0, v1.14.0-rc.1)
            rule("KubeSpanConfig", "/machine/network/kubespan", PRESENT, "kubespan is already configured in v1alpha1 machine.network.kubespan",
                    "edit the KubeSpanConfig document (enabled, mtu, filters)"),
            // k8s/cluster.go
            rule("KubeClusterConfig", "/cluster/clusterName", NON_EMPTY_TEXT,
                    "cluster name is already set in the v1alpha1 config (.cluster.clusterName). Please remove it and use only"
                            + " the new KubeClusterConfig document to avoid conflicts", "edit clusterName in the KubeClusterConfig document"),
            rule("KubeClusterConfig", "/cluster/controlPlane/endpoint", PRESENT,
                    "cluster endpoint is already set in the v1alpha1 config (.cluster.controlPlane.endpoint). Please remove it and"
                            + " use only the new KubeClusterConfig document to avoid conflicts",
                    "edit endpoint in the KubeClusterConfig document (talhelper's endpoint)"),
            // k8s/node.go
            rule("KubeNodeConfig", "/cluster/allowSchedulingOnControlPlanes", PRESENT,
                    ".cluster.allowSchedulingOnControlPlanes is already set in v1alpha1 config",
                    "use talhelper's allowSchedulingOnControlPlanes (no NoSchedule taint in KubeNodeConfig)"),
            rule("KubeNodeConfig", "/machine/kubelet/skipNodeRegistration", PRESENT,
                    ".machine.kubelet.skipNodeRegistration is already set in v1alpha1 config",
                    "write skipNodeRegistration in the KubeNodeConfig document"),
            rule("KubeNodeConfig", "/machine/kubelet/registerWithFQDN", PRESENT,
                    ".machine.kubelet.registerWithFQDN is already set in v1alpha1 config",
                    "write registerWithFQDN in the KubeNodeConfig document"),
            rule("KubeNodeConfig", "/machine/kubelet/nodeIP", PRESENT, ".machine.kubelet.nodeIP is already set in v1alpha1 config",
                    null),
            rule("KubeNodeConfig", "/machine/nodeLabels", PRESENT, ".machine.nodeLabels is already set in v1alpha1 config",
                    "use talhelper's nodeLabels, or labels in a KubeNodeConfig patch"),
            rule("KubeNodeConfig", "/machine/nodeAnnotations", PRESENT, ".machine.nodeAnnotations is already set in v1alpha1 config",
                    "use talhelper's nodeAnnotations, or annotations in a KubeNodeConfig patch"),
            rule("KubeNodeConfig", "/machine/nodeTaints", PRESENT, ".machine.nodeTaints is already set in v1alpha1 config",
                    "use talhelper's nodeTaints, or taints in a KubeNodeConfig patch"),
            // k8s/kubelet.go
            rule("KubeletConfig", "/machine/kubelet", PRESENT, "kubelet config is already set in v1alpha1 config (.machine.kubelet)",
                    null),
            // k8s/network.go, flannel.go
            rule("KubeNetworkConfig", "/cluster/network", PRESENT,
                    "cluster network config is already set in the v1alpha1 config (.machine.cluster.network). Please remove it and"
                            + " use only the new KubeNetworkConfig document to avoid conflicts",
                    "edit the KubeNetworkConfig document (podSubnets, serviceSubnets, dnsDomain), or talhelper's clusterPodNets/"
                            + "clusterSvcNets/domain"),
            // k8s/apiserver_ca.go, aggregator_ca.go, service_account.go
            rule("KubeAPIServerCAConfig", "/cluster/ca", PRESENT, "kube-apiserver CA is already set in v1alpha1 config (.cluster.ca)",
                    "the KubeAPIServerCAConfig document carries the Kubernetes CA"),
            rule("KubeAggregatorCAConfig", "/cluster/aggregatorCA", PRESENT,
                    "kube-apiserver aggregator CA is already set in v1alpha1 config (.cluster.aggregatorCA), please remove it and use"
                            + " the new KubeAggregatorCAConfig document instead", "the KubeAggregatorCAConfig document carries it"),
            rule("KubeServiceAccountConfig", "/cluster/serviceAccount", PRESENT,
                    "service account is already set in v1alpha1 config (.cluster.serviceAccount)",
                    "the KubeServiceAccountConfig document carries the issuer key"),
            // k8s/etcd_encryption.go
            rule("KubeEtcdEncryptionConfig", "/cluster/secretboxEncryptionSecret", NON_EMPTY_TEXT,
                    "etcd encryption config is already set in v1alpha1 config", "edit the KubeEtcdEncryptionConfig document"),
            rule("KubeEtcdEncryptionConfig", "/cluster/aescbcEncryptionSecret", NON_EMPTY_TEXT,
                    "etcd encryption config is already set in v1alpha1 config", "edit the KubeEtcdEncryptionConfig document"),
            // k8s/admission_control.go, and authorization.go, whose check (v1.14.0-rc.1) is the admission plugins' too;
            // before KubeAuthorizerConfig so that movedTo names the admission document for this path
            admissionRule("KubeAdmissionControlConfig"),
            admissionRule("KubeAuthorizerConfig"),
            // k8s/audit_policy.go
            rule("KubeAuditPolicyConfig", "/cluster/apiServer/auditPolicy", NON_EMPTY,
                    "audit policy config is already set in v1alpha1 config", "edit the KubeAuditPolicyConfig document"),
            // k8s/apiserver.go
            rule("KubeAPIServerConfig", "/cluster/apiServer", PRESENT,
                    "kube-apiserver config is already set in v1alpha1 config (.cluster.apiServer)",
                    "write it in the KubeAPIServerConfig document (cluster.apiServer.certSANs → certExtraSANs; or talhelper's"
                            + " additionalApiServerCertSans)"),
            rule("KubeAPIServerConfig", "/cluster/controlPlane/localAPIServerPort", NON_ZERO,
                    "kube-apiserver API port is already set in v1alpha1 config (.cluster.controlPlane.localAPIServerPort)",
                    "write apiPort in the KubeAPIServerConfig document"),
            // k8s/controller_manager.go, scheduler.go, proxy.go, coredns.go, kubeprism.go
            rule("KubeControllerManagerConfig", "/cluster/controllerManager", PRESENT,
                    "kube-controller-manager config is already set in v1alpha1 config (.cluster.controllerManager)",
                    "write it in the KubeControllerManagerConfig document"),
            rule("KubeSchedulerConfig", "/cluster/scheduler", PRESENT,
                    "kube-scheduler config is already set in v1alpha1 config (.cluster.scheduler)", "write it in the KubeSchedulerConfig document"),
            rule("KubeProxyConfig", "/cluster/proxy", PRESENT,
                    "cluster proxy config in v1alpha1 config (.machine.cluster.proxy) can't be used with KubeProxyConfig document,"
                            + " please remove it to avoid conflicts", "write it in the KubeProxyConfig document"),
            rule("KubeCoreDNSConfig", "/cluster/coreDNS", PRESENT, "CoreDNS config is already set in v1alpha1 config (.cluster.coreDNS)",
                    "write it in the KubeCoreDNSConfig document"),
            rule("KubePrismConfig", "/machine/features/kubePrism", PRESENT,
                    "KubePrism config in v1alpha1 config (.machine.features.kubePrism) can't be used with KubePrismConfig document,"
                            + " please remove it to avoid conflicts", "edit the KubePrismConfig document (port)"));

    V1Alpha1Conflicts() {}

    /** The admission plugins in v1alpha1, as the documents that check them see it (same reason, same way out). */
    private static Rule admissionRule(String kind) {
        return rule(kind, "/cluster/apiServer/admissionControl", NON_EMPTY, "admission control plugin config is already set in v1alpha1"
                + " config", "write each plugin as a KubeAdmissionControlConfig document named after it");
    }

    private static Rule rule(String kind, String pointer, Predicate<JsonNode> set, String reason, String hint) {
        return new Rule(kind, pointer, set, ANY_DOCUMENT, reason, hint);
    }

    /**
     * Where a v1alpha1 setting went: the document (kind, and name when it has one) that holds it now, and whether
     * that document is the whole setting ({@code cluster.apiServer.admissionControl} is the KubeAdmissionControlConfig
     * documents) or holds it among others ({@code cluster.apiServer.extraArgs} is part of KubeAPIServerConfig).
     */
    public record Moved(String kind, String name, boolean whole) {
        @Override
        public String toString() {
            return kind + (name == null ? "" : " " + name);
        }
    }

    /**
     * The document of {@code documents} that holds what v1alpha1 kept at {@code pointer} (or above it) before it moved;
     * empty when no such document is there, as up to v1.13.
     */
    public static Optional<Moved> movedTo(List<ObjectNode> documents, String pointer) {
        Rule closest = null;
        for (Rule rule : RULES) {
            boolean covers = pointer.equals(rule.pointer()) || pointer.startsWith(rule.pointer() + "/");
            if (covers && (closest == null || rule.pointer().length() > closest.pointer().length())) {
                closest = rule;
            }
        }
        if (closest == null) {
            return Optional.empty();
        }
        Rule rule = closest;
        return documents.stream().filter(d -> rule.kind().equals(d.path("kind").asText())).findFirst()
                .map(d -> new Moved(rule.kind(), d.hasNonNull("name") ? d.get("name").asText() : null, pointer.equals(rule.pointer())));
    }

    /** Every conflict of the config, in Talos's order (documents in file order, each document's checks in order). */
    public static List<Conflict> of(List<ObjectNode> documents) {
        List<Conflict> out = new ArrayList<>();
        for (int doc = 0; doc < documents.size(); doc++) {
            out.addAll(of(documents, doc));
        }
        return out;
    }

    /**
     * Talos's {@code V1Alpha1ConflictValidate} returns a document's first conflict only; the documents' errors are
     * reported after their own checks, without a document prefix (container/validate.go).
     */
    @Override
    public void check(Subject s, Findings out) {
        for (int doc = 0; doc < s.documents().size(); doc++) {
            of(s.documents(), doc).stream().findFirst()
                    .ifPresent(c -> out.conflict(s.v1alpha1Index(), c.pointer(), c.reason()));
        }
    }

    private static List<Conflict> of(List<ObjectNode> documents, int doc) {
        int main = Subject.v1alpha1Index(documents);
        List<Conflict> out = new ArrayList<>();
        JsonNode kind = documents.get(doc).get("kind");
        if (main < 0 || kind == null) {
            return out;
        }
        ObjectNode v1alpha1 = documents.get(main);
        for (Rule rule : RULES) {
            if (rule.kind().equals(kind.asText()) && rule.documentApplies().test(documents.get(doc))
                    && rule.set().test(v1alpha1.at(rule.pointer()))) {
                String field = rule.pointer().substring(1).replace('/', '.');
                out.add(new Conflict(rule.kind(), field, rule.pointer(), rule.reason(),
                        rule.hint() != null ? rule.hint() : computedHint(rule.pointer(), v1alpha1)));
            }
        }
        return out;
    }

    /** The hints that depend on what the config holds: a rule written with a null hint has one here. */
    private static String computedHint(String pointer, ObjectNode v1alpha1) {
        return switch (pointer) {
            case "/machine/kubelet/nodeIP" -> nodeIpHint(v1alpha1);
            case "/machine/kubelet" -> kubeletHint(v1alpha1);
            default -> throw new IllegalStateException("no hint for " + pointer);
        };
    }

    /**
     * Where each {@code machine.kubelet} field goes at v1.14.0-rc.1: KubeletConfig has image, config, extraArgs,
     * clusterDNS and defaultRuntimeSeccompProfileEnabled, always disables the manifests directory and mounts nothing
     * extra (k8s/kubelet.go: {@code ExtraMounts()} returns nil, {@code DisableManifestsDirectory()} true; users met it
     * as siderolabs/talos#14365); node registration is KubeNodeConfig's (node.go), the credential provider
     * KubeCredentialProviderConfig's (credential_provider.go).
     */
    private static final Map<String, String> KUBELET_FIELD_HOMES = kubeletFieldHomes();

    private static Map<String, String> kubeletFieldHomes() {
        Map<String, String> homes = new LinkedHashMap<>();
        homes.put("image", "KubeletConfig image (talhelper writes it from kubernetesVersion)");
        homes.put("clusterDNS", "KubeletConfig clusterDNS");
        homes.put("extraArgs", "KubeletConfig extraArgs");
        homes.put("extraConfig", "KubeletConfig config");
        homes.put("defaultRuntimeSeccompProfileEnabled", "KubeletConfig defaultRuntimeSeccompProfileEnabled");
        homes.put("credentialProviderConfig", "KubeCredentialProviderConfig configuration");
        homes.put("nodeIP", "KubeNodeConfig nodeIP");
        homes.put("registerWithFQDN", "KubeNodeConfig registerWithFQDN");
        homes.put("skipNodeRegistration", "KubeNodeConfig skipNodeRegistration");
        homes.put("disableManifestsDirectory", "nowhere: KubeletConfig always disables the manifests directory");
        homes.put("extraMounts", "nowhere: KubeletConfig mounts nothing extra at v1.14.0-rc.1 (siderolabs/talos#14365)");
        return homes;
    }

    private static String kubeletHint(ObjectNode v1alpha1) {
        List<String> moves = new ArrayList<>();
        v1alpha1.at("/machine/kubelet").fieldNames().forEachRemaining(field ->
                moves.add(field + " → " + KUBELET_FIELD_HOMES.getOrDefault(field, "no document known here")));
        return "move each field of machine.kubelet: " + String.join("; ", moves);
    }

    /** The trap the seed's own patch meets at v1.14: the same subnets, written as the document Talos wants. */
    private static String nodeIpHint(ObjectNode v1alpha1) {
        List<String> subnets = new ArrayList<>();
        v1alpha1.at("/machine/kubelet/nodeIP/validSubnets").forEach(s -> subnets.add(s.asText()));
        return "write it as a KubeNodeConfig patch: apiVersion: v1alpha1, kind: KubeNodeConfig, nodeIP: {validSubnets: ["
                + String.join(", ", subnets) + "]}";
    }
}
