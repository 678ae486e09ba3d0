package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rule 11, {@code ts-auth-once}: the tailscale extension has an auth key but not
 * {@code TS_AUTH_ONCE=true}, so containerboot logs in again with the key on every restart of
 * ext-tailscale (and a serve-config change restarts it): a one-off or expired key then takes the node
 * off the tailnet. <b>Warning</b>.
 */
final class TsAuthOnceRule implements Rule {
    static final String ID = "ts-auth-once";
    private static final Set<String> TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (RenderedNode node : context.rendered().nodes()) {
            context.tailscale(node).ifPresent(ts -> {
                boolean key = ts.environment().containsKey("TS_AUTHKEY") || ts.environment().containsKey("TS_AUTH_KEY");
                String once = ts.environment().get("TS_AUTH_ONCE");
                if (key && (once == null || !TRUE.contains(once))) {
                    out.add(new Finding(ID, Severity.WARNING, node.hostname(), ts.file(),
                            once == null ? ts.line() : ts.environmentLine(context, "TS_AUTH_ONCE"),
                            "The tailscale extension has an auth key but not TS_AUTH_ONCE=true, so every restart of ext-tailscale"
                                    + " logs in again with the key, and an expired or one-off key takes the node off the tailnet.",
                            "add TS_AUTH_ONCE=true to the tailscale extension's environment."));
                }
            });
        }
        return out;
    }
}
