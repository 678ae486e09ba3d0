package dev.talosrehearsal.lint;

import dev.talosrehearsal.inventory.Inventory;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.ClusterConfigDirectory;
import dev.talosrehearsal.machineconfig.ConfigSetting;
import dev.talosrehearsal.machineconfig.ClusterRenderer;
import dev.talosrehearsal.machineconfig.RenderedCluster;
import dev.talosrehearsal.machineconfig.ValueOrigin;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.talconfig.TalConfig;
import dev.talosrehearsal.talconfig.TalConfigLoader;
import dev.talosrehearsal.tailscale.ServeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs every rule over a talconfig.yaml: the raw checks on the text as written, then — when it loads
 * and renders — the rules over the rendered configs. Bad input (a file that does not load, an
 * unreadable inventory, a missing {@code --from}) is an {@link InputException}, except when a raw
 * check already explains why the config does not load (e.g. extension services on Talos v1.6): then
 * the findings are the answer and {@link Result#skipped()} says what could not be checked.
 */
public final class Linter {

    /**
     * What to lint. {@code from}, {@code inventory} and {@code tailnet} are optional (null); {@code from} is the old
     * talconfig.yaml or a directory of the nodes' machine configs.
     */
    public record Request(Path talconfig, Map<String, String> environment, SecretsBundle secrets, Path from,
            Path inventory, String tailnet) {
        public Request {
            Objects.requireNonNull(talconfig, "talconfig");
            Objects.requireNonNull(environment, "environment");
            Objects.requireNonNull(secrets, "secrets");
        }
    }

    /** The findings, in rule order; {@code skipped} is why the rendered checks did not run, or null. */
    public record Result(List<Finding> findings, String skipped) {
        public long count(Severity severity) {
            return findings.stream().filter(f -> f.severity() == severity).count();
        }

        public boolean hasErrors() {
            return count(Severity.ERROR) > 0;
        }
    }

    private Linter() {}

    /** Every rule, in the order of the list. */
    public static List<Rule> rules() {
        return List.of(
                new ListConcatenationRule(),
                new NoAddressInSubnetRule(),
                new OverlaySubnetUnpinnedRule(),
                new ServeHttpsWithoutWebRule(),
                new ServeApiNeedsTcpForwardRule(),
                new ServeForwardMissesApiServerRule(),
                new CertsanMissingRule(),
                new ServeConfigEnvMismatchRule(),
                new NameserverOverlayOnlyRule(),
                new NameserverNotAnAddressRule(),
                new TsCertDomainRule(),
                new ExtensionConfigVersionRule(),
                new TsAuthOnceRule(),
                new EndpointChangedRule(),
                new ClusterNetworkChangedRule(),
                new RoleChangedRule(),
                new KubeletRestartRaceRule(),
                new InstallerImageChangedRule(),
                new BootstrapManifestsChangedRule(),
                new ExtensionNotInSchematicRule(),
                new ExtensionNotInImageRule(),
                new EndpointPortNotServedRule(),
                new EtcdQuorumRule(),
                new NodeNameCollisionRule(),
                new MovedFieldRule());
    }

    public static Result lint(Request request) {
        RawTalconfig raw = RawTalconfig.read(request.talconfig(), request.environment());
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules()) {
            if (rule instanceof RawRule rawRule) {
                findings.addAll(rawRule.checkRaw(raw));
            }
        }
        ClusterRenderer renderer = new ClusterRenderer();
        TalConfig cluster;
        RenderedCluster rendered;
        try {
            cluster = load(request.talconfig(), raw);
            rendered = renderer.render(cluster, request.secrets());
            // copied now: the rules render variants with the same renderer, which resets its warnings
            findings.addAll(RenderWarnings.of(List.copyOf(renderer.warnings())));
        } catch (InputException e) {
            if (findings.stream().anyMatch(f -> f.severity() == Severity.ERROR)) {
                return new Result(merge(findings), e.oneLine());
            }
            throw e;
        }
        TalConfig from = null;
        RenderedCluster fromRendered = null;
        if (request.from() != null && Files.isDirectory(request.from())) {
            // the running nodes' machine configs (a captured before/): compared as they are, there is no talconfig
            fromRendered = ClusterConfigDirectory.readCluster(request.from());
        } else if (request.from() != null) {
            from = load(request.from(), RawTalconfig.read(request.from(), request.environment()));
            fromRendered = new ClusterRenderer().render(from, request.secrets());
        }
        Inventory inventory = request.inventory() == null ? null : Inventory.read(request.inventory());
        TalConfig linted = cluster;
        LintContext.Renderer sameSecrets = new LintContext.Renderer() {
            @Override
            public RenderedCluster render(TalConfig other) {
                return renderer.render(other, request.secrets());
            }

            @Override
            public ValueOrigin origin(String hostname, ConfigSetting setting, String below) {
                // a renderer of its own: render() resets the warnings the command shows for the linted cluster
                return new ClusterRenderer().origin(linted, request.secrets(), hostname, setting, below);
            }
        };
        LintContext context = new LintContext(cluster, rendered, sameSecrets, from,
                fromRendered, inventory, request.inventory() == null ? null : request.inventory().toString(), request.tailnet());
        findings.addAll(run(context));
        return new Result(merge(findings), null);
    }

    /** The rendered checks over a context (tests call this with a context of their own). */
    public static List<Finding> run(LintContext context) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules()) {
            findings.addAll(rule.check(context));
        }
        return merge(findings);
    }

    /** Loads with the raw text's environment; an unescaped, unset ${TS_CERT_DOMAIN} is kept as the placeholder. */
    private static TalConfig load(Path file, RawTalconfig raw) {
        Map<String, String> env = new HashMap<>(raw.environment());
        if (TsCertDomainRule.needsPlaceholder(raw)) {
            env.put("TS_CERT_DOMAIN", ServeConfig.CERT_DOMAIN);
        }
        return new TalConfigLoader(env).load(file);
    }

    /** Findings that differ only by node (a group's serve config on every control plane) become one, naming all nodes. */
    static List<Finding> merge(List<Finding> findings) {
        Map<Finding, List<String>> nodes = new LinkedHashMap<>();
        for (Finding f : findings) {
            nodes.computeIfAbsent(f.withNode(null), k -> new ArrayList<>());
            if (f.node() != null && !nodes.get(f.withNode(null)).contains(f.node())) {
                nodes.get(f.withNode(null)).add(f.node());
            }
        }
        List<Finding> out = new ArrayList<>();
        nodes.forEach((f, names) -> out.add(f.withNode(names.isEmpty() ? null : String.join(",", names))));
        return out;
    }
}
