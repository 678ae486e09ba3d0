package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.RenderedCluster.RenderedNode;
import dev.talosrehearsal.tailscale.ServeConfig;
import dev.talosrehearsal.tailscale.TailscaleExtensionConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Rule 7, {@code serve-config-env-mismatch}: {@code TS_SERVE_CONFIG} names a path no
 * {@code configFiles.mountPath} of the tailscale extension provides (<b>error</b>: containerboot has
 * nothing to load, nothing is served), or the extension mounts a file that looks like a serve config
 * while {@code TS_SERVE_CONFIG} does not point at it (<b>warning</b>: the file is never read).
 *
 * <p>It also emits {@code serve-config-invalid} (<b>error</b>) when the referenced file is not JSON
 * containerboot could load.
 */
final class ServeConfigEnvMismatchRule implements Rule {
    static final String ID = "serve-config-env-mismatch";
    static final String INVALID = "serve-config-invalid";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Finding> check(LintContext context) {
        List<Finding> out = new ArrayList<>();
        for (RenderedNode node : context.rendered().nodes()) {
            context.tailscale(node).ifPresent(ts -> {
                String path = ts.config().serveConfigPath().orElse(null);
                if (path != null && ts.file(path).isEmpty()) {
                    List<String> mounted = ts.files().stream().map(TailscaleExtension.ConfigFile::mountPath).toList();
                    out.add(new Finding(ID, Severity.ERROR, node.hostname(), ts.file(), ts.environmentLine(context, TailscaleExtensionConfig.SERVE_CONFIG_ENV),
                            "TS_SERVE_CONFIG=" + path + " but the tailscale extension mounts no file there"
                                    + (mounted.isEmpty() ? "" : " (it mounts " + String.join(", ", mounted) + ")")
                                    + ", so containerboot serves nothing.",
                            mounted.isEmpty()
                                    ? "add configFiles: [{mountPath: " + path + ", content: <the serve config JSON>}] to the tailscale extension."
                                    : "set TS_SERVE_CONFIG=" + mounted.get(0) + ", or change that file's mountPath to " + path + "."));
                }
                for (TailscaleExtension.ConfigFile f : ts.files()) {
                    if (!f.mountPath().equals(path) && ServeConfig.parse(f.content()).hasServeKeys()) {
                        out.add(new Finding(ID, Severity.WARNING, node.hostname(), f.file() == null ? ts.file() : f.file(),
                                f.file() == null ? ts.line() : f.line(),
                                f.mountPath() + " looks like a serve config but TS_SERVE_CONFIG "
                                        + (path == null ? "is not set" : "points to " + path) + ", so tailscale never reads it.",
                                "add TS_SERVE_CONFIG=" + f.mountPath() + " to the tailscale extension's environment."));
                    }
                }
            });
        }
        for (Served served : Served.all(context)) {
            if (!served.config().valid()) {
                out.add(new Finding(INVALID, Severity.ERROR, served.node().hostname(), served.file().file(),
                        served.file().line(),
                        "The serve config at " + served.file().mountPath() + " is not valid JSON (" + served.config().error()
                                + "), so containerboot cannot load it.",
                        "write it as a JSON object such as {\"TCP\": {\"6443\": {\"TCPForward\": \"127.0.0.1:6443\"}}}."));
            }
        }
        return out;
    }
}
