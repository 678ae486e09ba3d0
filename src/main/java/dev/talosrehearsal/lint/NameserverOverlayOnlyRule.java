package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.machineconfig.ValueOrigin;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 8, {@code nameserver-overlay-only}: every nameserver of a node is reachable only through the
 * Tailscale overlay (100.100.100.100 or another 100.64.0.0/10 / fd7a:115c:a1e0::/48 address), so the
 * node resolves nothing while ext-tailscale is down — at boot, before it logs in, and on each restart.
 * <b>Warning</b>: it works once the overlay is up, but image pulls and time sync at boot fail until then.
 */
final class NameserverOverlayOnlyRule implements Rule {
    static final String ID = "nameserver-overlay-only";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (RenderedNode node : context.rendered().nodes()) {
            List<String> nameservers = LintContext.nameservers(node.config());
            if (nameservers.isEmpty() || !nameservers.stream().allMatch(Overlay::overlaps)) {
                continue;
            }
            // the list where it was written: the node's entry, its group's, or the patch that set it last
            ValueOrigin at = context.origin(node.hostname(), ConfigSetting.NAMESERVERS, "");
            out.add(new Finding(ID, Severity.WARNING, node.hostname(), at.file(), at.line(),
                    "Every nameserver (" + String.join(", ", nameservers) + ") is reachable only through the Tailscale overlay,"
                            + " so the node cannot resolve names while ext-tailscale is down, at boot included.",
                    "list a nameserver reachable without the overlay first (the LAN's resolver, or a public one such as 1.1.1.1), then the overlay's."));
        }
        return out;
    }
}
