package dev.talosrehearsal.machineconfig.validation;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code cluster.etcd}: only on control planes; the legacy {@code subnet} and {@code advertisedSubnets}
 * not both; every advertised and listen subnet (a leading '!' stripped) a CIDR or an address.
 *
 * <p>Source: {@code ClusterConfig.Validate} and {@code EtcdConfig.Validate} in
 * pkg/machinery/config/types/v1alpha1/v1alpha1_validation.go (v1.8.4, v1.12.0, v1.13.0: "etcd config is only
 * allowed on control plane machines", "etcd subnet can't be set when advertised subnets are set",
 * "etcd advertised subnet is not valid: %q", "etcd listen subnet is not valid: %q"). The advertised list
 * Talos checks is {@code advertisedSubnets}, or the legacy {@code subnet} when that is all there is
 * (v1alpha1_etcdconfig.go); a listen list left unset falls back to it and is not checked twice here.
 *
 * <p>The worker rule bites talhelper users: a top-level patch (not under {@code controlPlane:}) that sets
 * {@code cluster.etcd} reaches the workers too, and Talos refuses their config.
 */
final class EtcdCheck implements Check {
    @Override
    public void check(Subject s, Findings out) {
        int doc = s.v1alpha1Index();
        JsonNode etcd = s.at("/cluster/etcd");
        if (etcd.isMissingNode() || etcd.isNull()) {
            return;
        }
        if (!s.controlPlane()) {
            out.error(doc, "/cluster/etcd", "etcd config is only allowed on control plane machines");
            return;
        }
        if (etcd.path("ca").isMissingNode() || etcd.path("ca").isNull()) { // CA() is nil only when the section is absent
            out.error(doc, "/cluster/etcd/ca", "key/cert combination should not be empty");
        }
        boolean legacy = Subject.isSet(etcd.get("subnet"));
        JsonNode advertised = etcd.path("advertisedSubnets");
        if (legacy && advertised.isArray() && !advertised.isEmpty()) {
            out.error(doc, "/cluster/etcd/subnet", "etcd subnet can't be set when advertised subnets are set");
        }
        if (advertised.isArray() && !advertised.isEmpty()) {
            subnets(doc, advertised, "/cluster/etcd/advertisedSubnets/", "etcd advertised subnet is not valid", out);
        } else if (legacy && !GoNet.isSubnetOrAddress(KubeletCheck.stripNegation(etcd.get("subnet").asText()))) {
            out.error(doc, "/cluster/etcd/subnet", "etcd advertised subnet is not valid: \""
                    + KubeletCheck.stripNegation(etcd.get("subnet").asText()) + "\"");
        }
        JsonNode listen = etcd.path("listenSubnets");
        if (listen.isArray()) {
            subnets(doc, listen, "/cluster/etcd/listenSubnets/", "etcd listen subnet is not valid", out);
        }
    }

    private static void subnets(int doc, JsonNode list, String pointer, String message, Findings out) {
        for (int i = 0; i < list.size(); i++) {
            String cidr = KubeletCheck.stripNegation(list.get(i).asText());
            if (!GoNet.isSubnetOrAddress(cidr)) {
                out.error(doc, pointer + i, message + ": \"" + cidr + "\"");
            }
        }
    }
}
