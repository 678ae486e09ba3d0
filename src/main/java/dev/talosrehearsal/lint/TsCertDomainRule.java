package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.tailscale.ServeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule 9, {@code ts-cert-domain-unescaped}, and the other envsubst traps that survive into the output.
 *
 * <p>In talconfig.yaml as written (before substitution): {@code ${TS_CERT_DOMAIN}} without the
 * {@code $$} escape. If the variable is unset, talhelper genconfig stops ("not set"); if talenv.yaml
 * or the environment sets it, talhelper writes that one fixed value into every node's serve config and
 * containerboot never sees its placeholder. Both <b>error</b>. (lint renders such a config with the
 * placeholder kept, so the other rules still run.) A reference inside a {@code #} comment is ignored,
 * as talhelper strips comments first; the comment test here is a line-based approximation.
 *
 * <p>In the rendered tailscale extension: a config file still holding {@code $TS_CERT_DOMAIN} or a
 * {@code ${TS_CERT_DOMAIN...}} form other than the literal {@code ${TS_CERT_DOMAIN}} (containerboot
 * replaces only that) is {@code ts-cert-domain-unescaped}, <b>error</b>; any other {@code ${VAR}} /
 * {@code $VAR} left in a config file or an environment value is {@code envsubst-leftover}:
 * <b>error</b> in a file (nobody expands it), <b>warning</b> in the environment (Talos passes values
 * verbatim).
 */
final class TsCertDomainRule implements Rule, RawRule {
    static final String ID = "ts-cert-domain-unescaped";
    static final String LEFTOVER = "envsubst-leftover";
    private static final Pattern RAW_REF = Pattern.compile("\\$+(\\{TS_CERT_DOMAIN[}:\\-+=]|TS_CERT_DOMAIN(?![A-Za-z0-9_]))");
    private static final Pattern LEFT = Pattern.compile("\\$\\{?[A-Za-z_][A-Za-z0-9_]*(?:[:\\-+=][^}]*)?\\}?");

    @Override
    public String id() {
        return ID;
    }

    /** Lines (1-based) where talhelper would substitute TS_CERT_DOMAIN. */
    static List<Integer> unescapedLines(RawTalconfig raw) {
        List<Integer> out = new ArrayList<>();
        List<String> lines = raw.lines();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher m = RAW_REF.matcher(line);
            while (m.find()) {
                int dollars = 0;
                while (line.charAt(m.start() + dollars) == '$') {
                    dollars++;
                }
                if (dollars % 2 == 1 && !inComment(line, m.start())) {
                    out.add(i + 1);
                    break;
                }
            }
        }
        return out;
    }

    /** Whether the raw references would stop the load: unset in the environment. */
    static boolean needsPlaceholder(RawTalconfig raw) {
        String value = raw.environment().get("TS_CERT_DOMAIN");
        return (value == null || value.isEmpty()) && !unescapedLines(raw).isEmpty();
    }

    private static boolean inComment(String line, int at) {
        String before = line.substring(0, at);
        if (before.trim().startsWith("#")) {
            return true;
        }
        int hash = before.indexOf(" #");
        return hash >= 0 && before.substring(0, hash).chars().filter(c -> c == '"').count() % 2 == 0
                && before.substring(0, hash).chars().filter(c -> c == '\'').count() % 2 == 0;
    }

    @Override
    public List<Finding> checkRaw(RawTalconfig raw) {
        List<Finding> out = new ArrayList<>();
        String value = raw.environment().get("TS_CERT_DOMAIN");
        boolean set = value != null && !value.isEmpty();
        for (int line : unescapedLines(raw)) {
            out.add(new Finding(ID, Severity.ERROR, null, raw.file(), line,
                    set ? "talhelper substitutes ${TS_CERT_DOMAIN} here with the one fixed value TS_CERT_DOMAIN has in talenv.yaml"
                            + " or the environment, so containerboot never sees its placeholder and every node claims the same name."
                            : "talhelper substitutes ${TS_CERT_DOMAIN} here and stops with 'variable ${TS_CERT_DOMAIN} is not set',"
                            + " because it is containerboot's placeholder, not a talenv variable.",
                    "write $${TS_CERT_DOMAIN} ($$ is a literal $), which reaches the node as ${TS_CERT_DOMAIN}"
                            + (set ? ", and drop TS_CERT_DOMAIN from talenv.yaml/the environment." : ".")));
        }
        return out;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (RenderedNode node : context.rendered().nodes()) {
            context.tailscale(node).ifPresent(ts -> {
                for (TailscaleExtension.ConfigFile f : ts.files()) {
                    Matcher m = LEFT.matcher(f.content());
                    while (m.find()) {
                        String ref = m.group();
                        if (ref.equals(ServeConfig.CERT_DOMAIN)) {
                            continue;
                        }
                        boolean certDomain = ref.replaceAll("[${}]", "").startsWith("TS_CERT_DOMAIN");
                        String file = f.file() == null ? ts.file() : f.file();
                        int line = f.file() == null ? ts.line() : f.lineOf(ref);
                        out.add(certDomain
                                ? new Finding(ID, Severity.ERROR, node.hostname(), file, line,
                                        f.mountPath() + " reaches the node with " + ref + ", but containerboot replaces only the literal ${TS_CERT_DOMAIN}.",
                                        "write exactly $${TS_CERT_DOMAIN} in talconfig.yaml (it becomes ${TS_CERT_DOMAIN}).")
                                : new Finding(LEFTOVER, Severity.ERROR, node.hostname(), file, line,
                                        f.mountPath() + " reaches the node with " + ref + " unexpanded, and containerboot expands only ${TS_CERT_DOMAIN}.",
                                        "write the value itself (or a talenv variable with a single $) instead of " + ref + "."));
                    }
                }
                ts.environment().forEach((key, value) -> {
                    Matcher m = LEFT.matcher(value);
                    if (m.find()) {
                        out.add(new Finding(LEFTOVER, Severity.WARNING, node.hostname(), ts.file(),
                                ts.environmentLine(context, key),
                                key + " reaches the node as " + m.group() + " unexpanded, because Talos passes environment values verbatim.",
                                "use a single $ so talhelper substitutes it from talenv.yaml, or write the value itself."));
                    }
                });
            });
        }
        return out;
    }
}
