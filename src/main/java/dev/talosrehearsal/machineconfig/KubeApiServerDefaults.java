package dev.talosrehearsal.machineconfig;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The kube-apiserver policy documents Talos's generator writes for control planes at the v1.14
 * contract, with the values Talos used to put into {@code cluster.apiServer} (tag v1.14.0-rc.1):
 * the PodSecurity admission defaults and the audit policy (k8s/admission_control.go, audit_policy.go),
 * anonymous access to the health endpoints only (k8s/authentication.go), and etcd encryption with
 * the bundle's secretbox secret as key {@code key2} (generate/kubernetes.go keeps the provider name the
 * pre-1.14 rendering used, so existing secrets still decrypt).
 *
 * <p>Free-form values ({@code configuration}, {@code config}) are Go maps: {@link TalosFields} sorts
 * their keys as Talos's encoder does.
 */
final class KubeApiServerDefaults {
    private KubeApiServerDefaults() {}

    static ObjectNode podSecurity() {
        ObjectNode doc = MultidocBaseConfig.header("KubeAdmissionControlConfig").put("name", "PodSecurity");
        doc.set("configuration", podSecurityConfiguration());
        return doc;
    }

    /** The PodSecurity admission configuration: v1.14's KubeAdmissionControlConfig, before it {@code cluster.apiServer.admissionControl}. */
    static ObjectNode podSecurityConfiguration() {
        ObjectNode configuration = JsonNodeFactory.instance.objectNode();
        configuration.put("apiVersion", "pod-security.admission.config.k8s.io/v1alpha1");
        ObjectNode defaults = configuration.putObject("defaults");
        defaults.put("audit", "restricted");
        defaults.put("audit-version", "latest");
        defaults.put("enforce", "baseline");
        defaults.put("enforce-version", "latest");
        defaults.put("warn", "restricted");
        defaults.put("warn-version", "latest");
        ObjectNode exemptions = configuration.putObject("exemptions");
        exemptions.putArray("namespaces").add("kube-system");
        exemptions.putArray("runtimeClasses");
        exemptions.putArray("usernames");
        configuration.put("kind", "PodSecurityConfiguration");
        return configuration;
    }

    static ObjectNode auditPolicy() {
        ObjectNode doc = MultidocBaseConfig.header("KubeAuditPolicyConfig");
        doc.set("configuration", auditPolicyConfiguration());
        return doc;
    }

    /** The audit policy: v1.14's KubeAuditPolicyConfig, before it {@code cluster.apiServer.auditPolicy}. */
    static ObjectNode auditPolicyConfiguration() {
        ObjectNode configuration = JsonNodeFactory.instance.objectNode();
        configuration.put("apiVersion", "audit.k8s.io/v1");
        configuration.put("kind", "Policy");
        configuration.putArray("rules").addObject().put("level", "Metadata");
        return configuration;
    }

    static ObjectNode authentication() {
        ObjectNode doc = MultidocBaseConfig.header("KubeAuthenticationConfig");
        ObjectNode configuration = doc.putObject("configuration");
        ObjectNode anonymous = configuration.putObject("anonymous");
        var conditions = anonymous.putArray("conditions");
        for (String path : new String[] {"/livez", "/readyz", "/healthz"}) {
            conditions.addObject().put("path", path);
        }
        anonymous.put("enabled", true);
        configuration.putArray("jwt");
        return doc;
    }

    static ObjectNode etcdEncryption(String secretboxSecret) {
        ObjectNode doc = MultidocBaseConfig.header("KubeEtcdEncryptionConfig");
        ObjectNode resource = doc.putObject("config").putArray("resources").addObject();
        ObjectNode key = resource.putArray("providers").addObject().putObject("secretbox").putArray("keys").addObject();
        key.put("name", "key2");
        key.put("secret", secretboxSecret);
        resource.putArray("resources").add("secrets");
        return doc;
    }
}
