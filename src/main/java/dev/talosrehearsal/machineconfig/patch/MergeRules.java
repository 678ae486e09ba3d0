package dev.talosrehearsal.machineconfig.patch;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that lists where Talos's strategic merge does NOT simply concatenate lists.
 *
 * <p>Talos merges config documents with {@code pkg/machinery/config/merge/merge.go}: maps merge key by
 * key, scalars replace (except zero values), and lists concatenate — unless the Go struct field is
 * tagged {@code merge:"replace"} or its type implements {@code Merge(other any) error}. Every entry
 * below names the struct tag or method it mirrors (siderolabs/talos, v1.8 – v1.13; the merge package did not change between v1.12.0 and v1.13.9):
 *
 * <ul>
 *   <li>{@code pkg/machinery/config/types/v1alpha1/v1alpha1_types.go}:
 *       {@code ClusterNetworkConfig.PodSubnet / ServiceSubnet} and
 *       {@code APIServerConfig.AuditPolicyConfig} carry {@code merge:"replace"};
 *       {@code NetworkDeviceList.Merge} (by {@code interface}, else by {@code deviceSelector}),
 *       {@code VlanList.Merge} (by {@code vlanId}) and {@code AdmissionPluginConfigList.Merge}
 *       (by {@code name}) merge list items by key.</li>
 *   <li>{@code pkg/machinery/config/types/runtime/extensions/service_config.go}:
 *       {@code ConfigFileList.Merge} merges {@code configFiles} by {@code mountPath}
 *       (siderolabs/talos PR #9230, first released in v1.8). {@code environment} is a plain
 *       {@code []string} and concatenates.</li>
 * </ul>
 *
 * <p>The documented list (docs "Configuration Patches", v1.8 – v1.13) names the same fields except
 * {@code admissionControl}, which is only visible in the source.
 *
 * <p>Paths are dot-separated keys from the document root; {@code []} stands for "each item of a
 * keyed list". The document kind is {@code v1alpha1} for the legacy v1alpha1 document.
 */
public final class MergeRules {

    /** How a list (or, for {@code auditPolicy}, a map) is merged instead of the default. */
    public enum Strategy {
        /** The patch value, when not null, replaces the whole value. */
        REPLACE,
        /** Items are matched by a key field and merged; unmatched items are appended. */
        MERGE_BY_KEY
    }

    /**
     * One exception to the default merge.
     *
     * @param kind document kind ({@code v1alpha1} for the v1alpha1 document)
     * @param path dot path inside the document
     * @param keys for {@link Strategy#MERGE_BY_KEY}: key fields tried in order (first one the patch
     *     item sets decides); empty for {@link Strategy#REPLACE}
     * @param source the Talos source that defines the behaviour
     */
    public record Rule(String kind, String path, Strategy strategy, List<String> keys, String source) {
        public Rule {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(path);
            Objects.requireNonNull(strategy);
            keys = List.copyOf(keys);
            Objects.requireNonNull(source);
        }
    }

    private static final String V1ALPHA1_TYPES = "pkg/machinery/config/types/v1alpha1/v1alpha1_types.go";

    private static final List<Rule> RULES = List.of(
            replace("v1alpha1", "cluster.network.podSubnets",
                    V1ALPHA1_TYPES + " ClusterNetworkConfig.PodSubnet merge:\"replace\""),
            replace("v1alpha1", "cluster.network.serviceSubnets",
                    V1ALPHA1_TYPES + " ClusterNetworkConfig.ServiceSubnet merge:\"replace\""),
            replace("v1alpha1", "cluster.apiServer.auditPolicy",
                    V1ALPHA1_TYPES + " APIServerConfig.AuditPolicyConfig merge:\"replace\""),
            byKey("v1alpha1", "machine.network.interfaces", List.of("interface", "deviceSelector"),
                    V1ALPHA1_TYPES + " NetworkDeviceList.Merge"),
            byKey("v1alpha1", "machine.network.interfaces[].vlans", List.of("vlanId"),
                    V1ALPHA1_TYPES + " VlanList.Merge"),
            byKey("v1alpha1", "cluster.apiServer.admissionControl", List.of("name"),
                    V1ALPHA1_TYPES + " AdmissionPluginConfigList.Merge"),
            byKey("ExtensionServiceConfig", "configFiles", List.of("mountPath"),
                    "pkg/machinery/config/types/runtime/extensions/service_config.go ConfigFileList.Merge"));

    private MergeRules() {}

    /** All exceptions to the default merge, in a stable order. */
    public static List<Rule> all() {
        return RULES;
    }

    /** The rule for a document kind and dot path, if there is one. */
    public static Optional<Rule> find(String kind, String path) {
        for (Rule rule : RULES) {
            if (rule.kind().equals(kind) && rule.path().equals(path)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private static Rule replace(String kind, String path, String source) {
        return new Rule(kind, path, Strategy.REPLACE, List.of(), source);
    }

    private static Rule byKey(String kind, String path, List<String> keys, String source) {
        return new Rule(kind, path, Strategy.MERGE_BY_KEY, keys, source);
    }
}
