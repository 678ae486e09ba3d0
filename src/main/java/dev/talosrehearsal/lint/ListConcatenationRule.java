package dev.talosrehearsal.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.YamlSource;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.network.NodeAddress;
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
 * <p>Severity of a subnet list: with the node's addresses (the inventory, which a rehearsal always has), an
 * <b>error</b> when the surviving values let Talos pick an address the patch's own list leaves out, or take away one it
 * admits, unless the node's {@code --from} config admits those same addresses today; the seed's trap is one, tailscale0's
 * 100.x address staying a candidate for the node IP or the etcd peer address next to the new LAN subnet. A
 * <b>warning</b> when both lists admit the same addresses on that node: a /24 written inside an old /16 the node's
 * address is in narrows nothing, and changes nothing Talos picks. Without the addresses, by the values: an error when
 * a surviving subnet lies in Tailscale's overlay range (100.64.0.0/10, fd7a:115c:a1e0::/48) or is a value the
 * {@code --from} config had, else a warning. A list the node's {@code --from} config already ends with is a warning
 * whatever it holds: the change in review did not make it, and the cluster runs with it today (a remote node kept on
 * its tailnet address beside a cluster-wide LAN subnet is a real design, not a leftover). For certSANs only values
 * from an earlier patch count (the endpoint host and additional*CertSans are always there by design), and they are
 * warnings: an extra name in a certificate breaks nothing.
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
        Optional<RenderedCluster.RenderedNode> oldNode = context.fromRendered() == null ? Optional.empty()
                : context.fromRendered().node(node.hostname());
        Optional<List<String>> old = oldNode.map(n -> LintContext.strings(n.config(), list.getKey()));
        String kept = String.join(", ", survivors);
        String origin = originOf(context, node, lower, list.getKey(), survivors.iterator().next());
        String because = list.getValue() + " keeps " + kept + " (from " + origin + ") next to " + String.join(", ", own) + ", because Talos concatenates this list when patches merge";
        Judgement judgement = subnet ? judge(context, node, list.getKey(), own, survivors, finalList, oldNode, old)
                : new Judgement(false, ".");
        String fix = "replace the whole list instead: use an RFC 6902 patch [{op: replace, path: " + list.getKey()
                + ", value: [" + String.join(", ", own) + "]}], or put '$$patch: delete' under "
                + list.getValue().substring(list.getValue().lastIndexOf('.') + 1) + " in a patch before this one, or remove "
                + kept + " from " + origin + ".";
        return new Finding(ID, judgement.severe() ? Severity.ERROR : Severity.WARNING, node.hostname(), patch.file(),
                lineOfList(patch, list.getKey()), because + judgement.consequence(), fix);
    }

    /** Whether the surviving values defeat what the patch says, and the end of the sentence that says why. */
    private record Judgement(boolean severe, String consequence) {}

    /**
     * Never an error when the node runs this very list today. With the node's addresses (the inventory), by what Talos
     * may pick: an error only when the final list admits other addresses than the patch's own list would, and other
     * than the node's {@code --from} config admits today. Without them, by the values: an error when a survivor lies in
     * Tailscale's overlay range or is one the {@code --from} config had.
     */
    private static Judgement judge(LintContext context, TalConfig.Node node, String pointer, List<String> own, Set<String> survivors,
            List<String> finalList, Optional<RenderedCluster.RenderedNode> oldNode, Optional<List<String>> old) {
        // The node runs this very list today: the change in review did not make it, so it cannot be what the change
        // meant to end (a remote node deliberately on its tailnet address, next to a cluster-wide LAN subnet).
        if (old.isPresent() && old.get().equals(finalList)) {
            return new Judgement(false, "; the --from config has the same list, so the node runs with it today.");
        }
        RenderedCluster.RenderedNode now = context.rendered().node(node.hostname()).orElseThrow();
        Optional<List<NodeAddress>> addresses = AdmittedAddresses.of(context, now);
        if (addresses.isPresent()) {
            Set<String> withFinal = AdmittedAddresses.under(addresses.get(), now.config(), pointer, finalList);
            Set<String> withOwn = AdmittedAddresses.under(addresses.get(), now.config(), pointer, own);
            if (withFinal.equals(withOwn)) {
                return new Judgement(false, "; on this node both lists admit the same addresses (" + listed(withFinal)
                        + "), so Talos picks as the patch says, until its addresses change.");
            }
            Optional<Set<String>> today = oldNode.flatMap(o -> AdmittedAddresses.of(context, o)
                    .map(a -> AdmittedAddresses.under(a, o.config(), pointer, old.orElse(List.of()))));
            if (today.isPresent() && today.get().equals(withFinal)) {
                return new Judgement(false, "; the node may pick the same addresses (" + listed(withFinal)
                        + ") with its --from config today, so the change in review does not widen it.");
            }
            Set<String> extra = new LinkedHashSet<>(withFinal);
            extra.removeAll(withOwn);
            Set<String> lost = new LinkedHashSet<>(withOwn);
            lost.removeAll(withFinal);
            String may = extra.isEmpty() ? "" : "may still pick " + listed(extra) + ", which the patch's own list leaves out";
            String mayNot = lost.isEmpty() ? "" : "may no longer pick " + listed(lost) + ", which the patch's own list admits";
            return new Judgement(true, ", so on this node Talos " + may + (may.isEmpty() || mayNot.isEmpty() ? "" : ", and ") + mayNot
                    + (extra.stream().anyMatch(Overlay::overlaps) ? ": the Tailscale overlay range still qualifies." : "."));
        }
        if (survivors.stream().anyMatch(v -> Overlay.overlaps(v.replace("!", "")))) {
            return new Judgement(true, ", so the old overlay range still qualifies.");
        }
        List<String> hadBefore = survivors.stream().filter(v -> old.orElse(List.of()).contains(v)).toList();
        return hadBefore.isEmpty() ? new Judgement(false, ".")
                : new Judgement(true, ", so " + String.join(", ", hadBefore) + ", which the --from config had, still qualifies.");
    }

    private static String listed(Set<String> addresses) {
        return addresses.isEmpty() ? "none" : String.join(", ", addresses);
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
