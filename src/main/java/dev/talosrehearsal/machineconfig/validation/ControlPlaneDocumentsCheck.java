package dev.talosrehearsal.machineconfig.validation;

import java.util.List;
import java.util.TreeSet;

/**
 * Documents that only a control plane may carry, and the encryption a control plane running kube-apiserver needs:
 * two of the checks Talos runs on the whole config from v1.14 ({@code validateContainer} in
 * pkg/machinery/config/container/validate.go, v1.14.0-rc.1).
 *
 * <p>Every Kube* document that configures a control-plane component implements {@code ControlplaneOnlyConfig}
 * (pkg/machinery/config/container/container.go; the marker {@code ControlplaneOnlyDocument()} in
 * pkg/machinery/config/types/k8s/*.go, added in v1.14.0-beta.0 by "feat: implement controlplane only config
 * validation"), and a config of any other machine type carrying one is refused. talhelper applies its top-level
 * {@code patches} to every node, so a KubeAPIServerConfig or KubeProxyConfig patch written there reaches the
 * workers, whose configs Talos then refuses.
 *
 * <p>A control plane that has the Kubernetes CA (a KubeAPIServerCAConfig document, else v1alpha1
 * {@code cluster.ca}/{@code cluster.acceptedCAs}) needs an etcd encryption secret: v1alpha1's
 * {@code secretboxEncryptionSecret}/{@code aescbcEncryptionSecret} or a KubeEtcdEncryptionConfig document
 * (since v1.14.0-alpha.1), so a patch deleting the document the generator writes is refused.
 */
public final class ControlPlaneDocumentsCheck implements Check {
    /** The kinds implementing ControlplaneOnlyConfig at v1.14.0-rc.1, one per file under pkg/machinery/config/types/k8s. */
    private static final List<String> CONTROL_PLANE_ONLY_KINDS = List.of(
            "KubeAdmissionControlConfig", "KubeAggregatorCAConfig", "KubeAPIServerConfig", "KubeAuditPolicyConfig",
            "KubeAuthenticationConfig", "KubeAuthorizerConfig", "KubeControllerManagerConfig", "KubeCoreDNSConfig",
            "KubeEtcdEncryptionConfig", "KubeFlannelCNIConfig", "KubeProxyConfig", "KubeSchedulerConfig",
            "KubeServiceAccountConfig", "KubeTalosAPIAccessConfig");

    ControlPlaneDocumentsCheck() {}

    /** Whether Talos (v1.14+) refuses a document of {@code kind} in any config but a control plane's. */
    public static boolean controlPlaneOnly(String kind) {
        return CONTROL_PLANE_ONLY_KINDS.contains(kind);
    }

    @Override
    public void check(Subject s, Findings out) {
        if (!s.version().atLeast(1, 14)) {
            return;
        }
        if (s.controlPlane()) {
            requireEncryption(s, out);
        } else {
            refuseControlPlaneDocuments(s, out);
        }
    }

    private static void refuseControlPlaneDocuments(Subject s, Findings out) {
        TreeSet<String> kinds = new TreeSet<>();
        int first = -1;
        for (String kind : CONTROL_PLANE_ONLY_KINDS) {
            List<Integer> found = s.documentsOfKind(kind);
            if (!found.isEmpty()) {
                kinds.add(kind);
                first = first < 0 ? found.get(0) : Math.min(first, found.get(0));
            }
        }
        if (first >= 0) {
            // Go sorts the kinds and prints the slice with %v: [A B]
            out.error(first, "", "the following document kinds are only allowed on control plane machines: ["
                    + String.join(" ", kinds) + "]");
        }
    }

    private static void requireEncryption(Subject s, Findings out) {
        boolean hasKubernetesCa = !s.documentsOfKind("KubeAPIServerCAConfig").isEmpty()
                || present(s, "/cluster/ca") || present(s, "/cluster/acceptedCAs");
        boolean legacySecret = Subject.isSet(s.at("/cluster/secretboxEncryptionSecret"))
                || Subject.isSet(s.at("/cluster/aescbcEncryptionSecret"));
        if (hasKubernetesCa && !legacySecret && s.documentsOfKind("KubeEtcdEncryptionConfig").isEmpty()) {
            out.error(s.v1alpha1Index(), "/cluster", "etcd encryption config is required for control plane machines running kube-apiserver");
        }
    }

    /** Go's nil check: the field is there, whatever it holds. */
    private static boolean present(Subject s, String pointer) {
        return !s.at(pointer).isMissingNode() && !s.at(pointer).isNull();
    }
}
