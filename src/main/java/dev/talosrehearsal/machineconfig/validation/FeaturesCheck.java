package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * {@code machine.features} and {@code persist}: Kubernetes Talos API access only on control planes and
 * with known roles (and, before v1.12, with RBAC on); a known node address sort algorithm; hostDNS
 * forwarding only with hostDNS on (v1.13+); {@code persist} not false.
 *
 * <p>Source: {@code Config.Validate} in pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go
 * (v1.8.4 to v1.11.6: the RBAC rule; v1.12.0: the sort algorithm, values {@code v1}/{@code v2} from
 * pkg/machinery/nethelpers/addresssortalgorithm.go; v1.13.0: the hostDNS rule); the roles are
 * {@code role.All} in pkg/machinery/role/role.go.
 */
final class FeaturesCheck implements Check {
    private static final Set<String> ROLES = Set.of("os:admin", "os:operator", "os:reader", "os:etcd:backup", "os:impersonator");

    @Override
    public void check(Subject s, Findings out) {
        int doc = s.v1alpha1Index();
        JsonNode features = s.at("/machine/features");
        JsonNode access = features.path("kubernetesTalosAPIAccess");
        if (Subject.isSet(access.get("enabled"))) {
            if (!s.controlPlane()) {
                out.error(doc, "/machine/features/kubernetesTalosAPIAccess/enabled",
                        "feature Kubernetes Talos API Access can only be enabled on control plane machines");
            }
            if (!s.version().atLeast(1, 12) && !Subject.isSet(features.get("rbac"))) {
                out.error(doc, "/machine/features/rbac",
                        "feature API RBAC should be enabled when Kubernetes Talos API Access feature is enabled");
            }
            JsonNode roles = access.path("allowedRoles");
            for (int i = 0; i < roles.size() && roles.isArray(); i++) {
                if (!ROLES.contains(roles.get(i).asText())) {
                    out.error(doc, "/machine/features/kubernetesTalosAPIAccess/allowedRoles/" + i,
                            "invalid role \"" + roles.get(i).asText() + "\" in allowed roles for Kubernetes Talos API Access");
                }
            }
        }
        JsonNode sort = features.path("nodeAddressSortAlgorithm");
        if (Subject.isSet(sort) && !Set.of("v1", "v2").contains(sort.asText())) {
            out.error(doc, "/machine/features/nodeAddressSortAlgorithm",
                    "invalid node address sort algorithm: " + sort.asText() + " does not belong to AddressSortAlgorithm values");
        }
        JsonNode hostDns = features.path("hostDNS");
        if (s.version().atLeast(1, 13) && Subject.isSet(hostDns.get("forwardKubeDNSToHost")) && !Subject.isSet(hostDns.get("enabled"))) {
            out.error(doc, "/machine/features/hostDNS/forwardKubeDNSToHost",
                    "feature hostDNS.forwardKubeDNSToHost requires hostDNS.enabled to be true (.machine.features.hostDNS)");
        }
        JsonNode persist = s.v1alpha1().path("persist");
        if (persist.isBoolean() && !persist.booleanValue()) {
            out.error(doc, "/persist", ".persist should be enabled");
        }
    }
}
