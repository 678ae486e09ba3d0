package dev.talosrehearsal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.YamlSource;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfig.PatchSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rule 1, {@code list-concatenation}: a strategic-merge patch sets validSubnets, advertisedSubnets or
 * certSANs, and a value a lower layer put there survives next to the patch's own (Talos concatenates
 * these lists). Found by rendering each node with the patches before the one that sets the list, and
 * comparing with the final config.
 *
 * <p>Severity: <b>error</b> when a surviving subnet lies in Tailscale's overlay range (100.64.0.0/10,
 * fd7a:115c:a1e0::/48) or is a value the {@code --from} (OLD) config had in the same list: then the
 * old overlay keeps qualifying, so tailscale0's 100.x address can still become the node IP or the etcd
 * peer address — exactly what the migration meant to end. Otherwise <b>warning</b>: two LAN ranges
 * next to each other may be intended. For certSANs only values from an earlier patch count (the
 * endpoint host and additional*CertSans are always there by design), and they are warnings: an extra
 * name in a certificate breaks nothing. A list the node's {@code --from} config already ends with is a warning whatever
 * it holds: the change in review did not make it, and the cluster runs with it today (a remote node kept on its
 * tailnet address beside a cluster-wide LAN subnet is a real design, not a leftover).
 */
final class ListConcatenationRule implements Rule {
    static final String ID = "list-concatenation";

    /** v1alpha1 pointer → talconfig-ish name. */
    private static final Map<String, String> LISTS = Map.of(
            "/machine/kubelet/nodeIP/validSubnets", "machine.kubelet.nodeIP.validSubnets",
            "/cluster/etcd/advertisedSubnets", "cluster.etcd.advertisedSubnets",
            "/machine/certSANs", "machine.certSANs",
            "/cluster/apiServer/certSANs", "cluster.apiServer.certSANs");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (TalConfig.Node node : context.cluster().nodes()) {
            List<PatchSource> patches = new ArrayList<>(node.patches());
            patches.addAll(context.cluster().patches());
            RenderedCluster.RenderedNode finalNode = context.rendered().node(node.hostname()).orElseThrow();
            for (int i = 0; i < patches.size(); i++) {
                PatchSource patch = patches.get(i);
                for (Map.Entry<String, String> list : LISTS.entrySet()) {
                    List<String> own = strategicList(patch, list.getKey());
                    if (own == null) {
                        continue;
                    }
                    List<String> before = render(context, node, patches.subList(0, i), list.getKey());
                    List<String> finalList = LintContext.strings(finalNode.config(), list.getKey());
                    Set<String> survivors = new LinkedHashSet<>();
                    for (String value : before) {
                        if (!own.contains(value) && finalList.contains(value)) {
                            survivors.add(value);
                        }
                    }
                    if (list.getKey().endsWith("certSANs")) {
                        survivors.removeAll(render(context, node, List.of(), list.getKey()));
                    }
                    if (!survivors.isEmpty()) {
                        out.add(finding(context, node, patch, list, own, survivors, patches.subList(0, i), finalList));
                    }
                }
            }
        }
        return out;
    }

    private Finding finding(LintContext context, TalConfig.Node node, PatchSource patch, Map.Entry<String, String> list,
            List<String> own, Set<String> survivors, List<PatchSource> lower, List<String> finalList) {
        boolean subnet = !list.getKey().endsWith("certSANs");
        Optional<List<String>> old = context.fromRendered() == null ? Optional.empty()
                : context.fromRendered().node(node.hostname()).map(n -> LintContext.strings(n.config(), list.getKey()));
        // The node runs this very list today: the change in review did not make it, so it cannot be what the change
        // meant to end (a remote node deliberately on its tailnet address, next to a cluster-wide LAN subnet).
        boolean unchanged = old.isPresent() && old.get().equals(finalList);
        boolean severe = subnet && !unchanged && survivors.stream()
                .anyMatch(v -> Overlay.overlaps(v.replace("!", "")) || old.orElse(List.of()).contains(v));
        String kept = String.join(", ", survivors);
        String origin = originOf(context, node, lower, list.getKey(), survivors.iterator().next());
        String why = list.getValue() + " keeps " + kept + " (from " + origin + ") next to " + String.join(", ", own)
                + ", because Talos concatenates this list when patches merge"
                + (severe ? ", so the old overlay range still qualifies."
                        : unchanged ? "; the --from config has the same list, so the node runs with it today." : ".");
        String fix = "replace the whole list instead: use an RFC 6902 patch [{op: replace, path: " + list.getKey()
                + ", value: [" + String.join(", ", own) + "]}], or put '$$patch: delete' under "
                + list.getValue().substring(list.getValue().lastIndexOf('.') + 1) + " in a patch before this one, or remove "
                + kept + " from " + origin + ".";
        return new Finding(ID, severe ? Severity.ERROR : Severity.WARNING, node.hostname(), patch.file(),
                lineOfList(patch, list.getKey()), why, fix);
    }

    /** Which layer first put {@code value} into the list: a patch's file:line, or talhelper's node settings. */
    private String originOf(LintContext context, TalConfig.Node node, List<PatchSource> lower, String pointer, String value) {
        for (int k = 0; k <= lower.size(); k++) {
            if (render(context, node, lower.subList(0, k), pointer).contains(value)) {
                return k == 0 ? "the node settings" : "the patch at " + lower.get(k - 1).file() + ":" + lower.get(k - 1).line();
            }
        }
        return "a lower layer";
    }

    /** The list a strategic-merge patch sets at {@code pointer} of the v1alpha1 document, or null. */
    static List<String> strategicList(PatchSource patch, String pointer) {
        String key = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (!patch.text().contains(key)) {
            return null;
        }
        List<YamlSource.Document> docs;
        try {
            docs = YamlSource.parseAll(patch.text(), patch.file(), Math.max(0, patch.line() - 1));
        } catch (InputException e) {
            return null; // the renderer already accepted it; nothing to say here
        }
        for (YamlSource.Document doc : docs) {
            JsonNode root = doc.root();
            if (root == null || !root.isObject() || root.has("kind")) {
                continue; // JSON patches (lists) replace; other documents have no such list
            }
            JsonNode value = root.at(pointer);
            if (value.isArray() && !value.isEmpty()) {
                List<String> out = new ArrayList<>();
                value.forEach(v -> out.add(v.asText()));
                return out;
            }
        }
        return null;
    }

    private static int lineOfList(PatchSource patch, String pointer) {
        try {
            for (YamlSource.Document doc : YamlSource.parseAll(patch.text(), patch.file(), Math.max(0, patch.line() - 1))) {
                if (doc.root().isObject() && !doc.root().at(pointer).isMissingNode()) {
                    return doc.sources().lineOf(pointer);
                }
            }
        } catch (InputException e) {
            // fall through
        }
        return patch.line();
    }

    /** The list at {@code pointer} for {@code node} rendered with exactly {@code patches} (node's then top-level order kept). */
    private static List<String> render(LintContext context, TalConfig.Node node, List<PatchSource> patches, String pointer) {
        TalConfig one = context.cluster().withOnly(node.withPatches(patches));
        return LintContext.strings(context.renderer().render(one).nodes().get(0).config(), pointer);
    }
}
