package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.tailscale.ServeScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rule 6, {@code certsan-missing}: clients will dial the API through Tailscale (a port that is the API's, or
 * forwards to it: {@link Served#apiPortsIn}) — a service
 * {@code svc:<name>} is reached as {@code <name>.<tailnet>}, a node's own serve config as
 * {@code <TS_HOSTNAME or hostname>.<tailnet>} — but that name is not in the rendered
 * {@code cluster.apiServer.certSANs}, so kubectl fails with an x509 error. <b>Error</b>.
 *
 * <p>The tailnet comes from {@code --tailnet}, else from a {@code *.ts.net} certSAN already present;
 * when neither exists, any certSAN starting with {@code <name>.} and ending in {@code .ts.net} counts.
 */
final class CertsanMissingRule implements Rule {
    static final String ID = "certsan-missing";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        Optional<String> tailnet = context.tailnetSuffix();
        for (Served served : Served.all(context)) {
            if (!served.node().controlPlane()) {
                continue;
            }
            List<String> sans = ConfigSetting.API_SERVER_CERT_SANS.strings(served.node().config());
            String sansField = ConfigSetting.API_SERVER_CERT_SANS.where(served.node().config());
            for (ServeScope scope : served.config().scopes()) {
                for (String port : served.apiPortsIn(scope, context)) {
                    String label = scope.service() == null ? served.extension().tailnetHostname() : scope.serviceName();
                    String name = label + "." + tailnet.orElse("<tailnet>.ts.net");
                    boolean present = tailnet.isPresent() ? sans.contains(name)
                            : sans.stream().anyMatch(s -> s.startsWith(label + ".") && s.endsWith(".ts.net"));
                    if (present) {
                        continue;
                    }
                    int line = scope.service() != null ? served.lineOf(scope.service()) : served.lineOf(port);
                    String what = scope.service() == null ? "this node's MagicDNS name" : "the Tailscale service " + scope.service();
                    out.add(new Finding(ID, Severity.ERROR, served.node().hostname(), served.file().file(), line,
                            "Clients will dial the API as " + name + " (" + what + ") but " + sansField + " ["
                                    + String.join(", ", sans) + "] does not carry it, so kubectl fails with an x509 error.",
                            "add it to the top-level additionalApiServerCertSans: [" + name + "]"
                                    + (tailnet.isEmpty() ? " (your tailnet's name; or pass --tailnet)" : "")
                                    + (scope.service() == null ? ", or serve the API as a Tailscale service (\"Services\": {\"svc:<name>\": ...})"
                                            + " and add <name>." + tailnet.orElse("<tailnet>.ts.net") + " instead" : "") + "."));
                    break; // one name per scope, whichever of its ports carries the API
                }
            }
        }
        return out;
    }
}
