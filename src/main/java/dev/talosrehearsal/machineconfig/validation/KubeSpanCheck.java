package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * KubeSpan (Talos's WireGuard mesh, which rides on cluster discovery): its link MTU, its endpoint filters, and the
 * discovery and cluster identity it needs.
 *
 * <p>Sources, pkg/machinery/config/types/…:
 * <ul>
 *   <li>v1alpha1 {@code machine.network.kubespan} when enabled ({@code Config.Validate} in
 *       v1alpha1/v1alpha1_validation.go, v1.8.4 to v1.14.0-rc.1): the MTU (1420 when unset) at least 1280; each endpoint
 *       filter, {@code !} stripped, a CIDR or an address (the message reads "filer" up to v1.12, "filter" from v1.13);
 *       from v1.13 each {@code excludeAdvertisedNetworks} entry a CIDR; <b>up to v1.13</b> {@code cluster.discovery.enabled},
 *       {@code cluster.id} and {@code cluster.secret} set;</li>
 *   <li>the KubeSpanConfig document (v1.13+, network/kubespan.go): an MTU, when given, at least 1280; endpoint
 *       filters as above. That it is not written beside {@code machine.network.kubespan} is {@link V1Alpha1Conflicts}'s;</li>
 *   <li><b>from v1.14</b> the whole config ({@code validateContainer} in container/validate.go, v1.14.0-rc.1, replacing
 *       the v1alpha1 rules above): KubeSpan enabled (the document, else v1alpha1) needs discovery (DiscoveryServiceConfig
 *       documents, else v1alpha1's enabled service registry), and discovery needs a cluster ID and secret (v1alpha1's,
 *       else the DiscoveryIdentityConfig document's). A patch that deletes the generated discovery documents on a cluster
 *       running KubeSpan is refused.</li>
 * </ul>
 */
final class KubeSpanCheck implements Check {
    /** constants.KubeSpanLinkMinimumMTU and KubeSpanLinkMTU (pkg/machinery/constants/constants.go, v1.8.4 to v1.14.0-rc.1). */
    private static final int MINIMUM_MTU = 1280;
    private static final int DEFAULT_MTU = 1420;

    @Override
    public void check(Subject s, Findings out) {
        int v1 = s.v1alpha1Index();
        JsonNode legacy = s.at("/machine/network/kubespan");
        if (legacy.path("enabled").asBoolean(false)) {
            checkLegacy(s, legacy, v1, out);
        }
        if (s.version().atLeast(1, 13)) {
            for (int doc : s.documentsOfKind("KubeSpanConfig")) {
                JsonNode d = s.documents().get(doc);
                if (d.has("mtu") && d.path("mtu").asLong() < MINIMUM_MTU) {
                    out.error(doc, "/mtu", "kubespan link MTU must be at least " + MINIMUM_MTU);
                }
                endpointFilters(d.path("filters").path("endpoints"), doc, "/filters/endpoints/", "filter", out);
            }
        }
        if (s.version().atLeast(1, 14)) {
            checkWholeConfig(s, legacy, out);
        }
    }

    private static void checkLegacy(Subject s, JsonNode kubespan, int v1, Findings out) {
        long mtu = kubespan.path("mtu").asLong(0);
        if ((mtu == 0 ? DEFAULT_MTU : mtu) < MINIMUM_MTU) {
            out.error(v1, "/machine/network/kubespan/mtu", "kubespan link MTU must be at least " + MINIMUM_MTU);
        }
        if (!s.version().atLeast(1, 14)) {
            if (!s.at("/cluster/discovery/enabled").asBoolean(false)) {
                out.error(v1, "/cluster/discovery/enabled", ".cluster.discovery should be enabled when .machine.network.kubespan is enabled");
            }
            if (!Subject.isSet(s.at("/cluster/id"))) {
                out.error(v1, "/cluster/id", ".cluster.id should be set when .machine.network.kubespan is enabled");
            }
            if (!Subject.isSet(s.at("/cluster/secret"))) {
                out.error(v1, "/cluster/secret", ".cluster.secret should be set when .machine.network.kubespan is enabled");
            }
        }
        endpointFilters(kubespan.path("filters").path("endpoints"), v1, "/machine/network/kubespan/filters/endpoints/",
                s.version().atLeast(1, 13) ? "filter" : "filer", out);
        if (s.version().atLeast(1, 13)) {
            JsonNode excluded = kubespan.path("filters").path("excludeAdvertisedNetworks");
            for (int i = 0; i < excluded.size() && excluded.isArray(); i++) {
                if (!GoNet.isPrefix(excluded.get(i).asText(""))) {
                    out.error(v1, "/machine/network/kubespan/filters/excludeAdvertisedNetworks/" + i,
                            "KubeSpan exclude advertised networks filter is not valid: \"" + excluded.get(i).asText("") + "\"");
                }
            }
        }
    }

    private static void endpointFilters(JsonNode endpoints, int doc, String pointer, String word, Findings out) {
        for (int i = 0; i < endpoints.size() && endpoints.isArray(); i++) {
            String cidr = endpoints.get(i).asText("");
            if (!GoNet.isSubnetOrAddress(KubeletCheck.stripNegation(cidr))) {
                out.error(doc, pointer + i, "KubeSpan endpoint " + word + " is not valid: \"" + cidr + "\"");
            }
        }
    }

    private static void checkWholeConfig(Subject s, JsonNode legacy, Findings out) {
        List<Integer> discoveryDocs = s.documentsOfKind("DiscoveryServiceConfig");
        boolean legacyDiscovery = s.at("/cluster/discovery/enabled").asBoolean(false)
                && !s.at("/cluster/discovery/registries/service/disabled").asBoolean(false);
        boolean discovery = legacyDiscovery || !discoveryDocs.isEmpty();
        int v1 = s.v1alpha1Index();
        if (discovery) {
            Identity identity = identity(s);
            int at = legacyDiscovery || discoveryDocs.isEmpty() ? v1 : discoveryDocs.get(0);
            String pointer = at == v1 ? "/cluster/discovery" : "";
            if (identity.id().isEmpty()) {
                out.error(at, pointer, "cluster ID (.cluster.id or DiscoveryIdentityConfig) should be set when cluster discovery"
                        + " (DiscoveryServiceConfig) is enabled");
            }
            if (identity.secret().isEmpty()) {
                out.error(at, pointer, "cluster secret (.cluster.secret or DiscoveryIdentityConfig) should be set when cluster"
                        + " discovery (DiscoveryServiceConfig) is enabled");
            }
        }
        List<Integer> kubespanDocs = s.documentsOfKind("KubeSpanConfig");
        boolean kubespan = kubespanDocs.isEmpty() ? legacy.path("enabled").asBoolean(false)
                : s.documents().get(kubespanDocs.get(0)).path("enabled").asBoolean(false);
        if (kubespan && !discovery) {
            out.error(kubespanDocs.isEmpty() ? v1 : kubespanDocs.get(0), kubespanDocs.isEmpty() ? "/machine/network/kubespan/enabled" : "/enabled",
                    "KubeSpan requires cluster discovery to be enabled");
        }
    }

    private record Identity(String id, String secret) {}

    /** {@code Container.DiscoveryIdentityConfig}: v1alpha1's id and secret when either is set, else the first document's. */
    private static Identity identity(Subject s) {
        String id = s.at("/cluster/id").asText("");
        String secret = s.at("/cluster/secret").asText("");
        if (!id.isEmpty() || !secret.isEmpty()) {
            return new Identity(id, secret);
        }
        List<Integer> docs = s.documentsOfKind("DiscoveryIdentityConfig");
        if (docs.isEmpty()) {
            return new Identity("", "");
        }
        JsonNode d = s.documents().get(docs.get(0));
        return new Identity(d.path("clusterID").asText(""), d.path("clusterSecret").asText(""));
    }
}
