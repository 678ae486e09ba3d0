package dev.talosrehearsal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.lint.Finding;
import dev.talosrehearsal.lint.Linter;
import dev.talosrehearsal.lint.Severity;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import dev.talosrehearsal.machineconfig.secrets.SecretsGenerator;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check talconfig.yaml (as written and as rendered) for the traps of a Talos/Tailscale migration:"
                + " list concatenation, subnets without addresses, serve configs that serve nothing, missing certSANs, ...",
                "One line per finding: severity, rule, node, file:line, why, and the fix.",
                "Exit code 0: no errors (warnings allowed); 1: at least one error; 2: bad input."})
final class LintCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = {"-c", "--config-file"}, paramLabel = "FILE", defaultValue = "talconfig.yaml",
            description = "The talhelper config to check (default: ${DEFAULT-VALUE}).")
    Path configFile;

    @Mixin
    ClusterInputOptions inputs;

    @Option(names = "--inventory", paramLabel = "FILE",
            description = "inventory.yaml with the machines' addresses: checks that every node has one in its subnets.")
    Path inventory;

    @Option(names = "--from", paramLabel = "OLD",
            description = "The talconfig.yaml before the migration, or a directory of the running nodes' machine configs (capture's before/): checks what must not change (the endpoint) and what must not survive.")
    Path from;

    @Option(names = "--tailnet", paramLabel = "NAME",
            description = "The tailnet's DNS name (e.g. tailnet-4d89.ts.net), for the names clients dial; default: taken from a *.ts.net certSAN.")
    String tailnet;

    @Option(names = "--json", description = "Print the findings as JSON instead of one line each.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Linter.Result result = Linter.lint(new Linter.Request(configFile, inputs.environment(), secrets(), from, inventory, tailnet));
        if (json) {
            out.println(toJson(result));
        } else {
            result.findings().forEach(f -> out.println(f.oneLine()));
            if (result.skipped() != null) {
                out.println("not checked further: " + result.skipped());
            }
            out.println(summary(result));
        }
        return result.hasErrors() ? Main.FOUND : Main.OK;
    }

    /**
     * The secrets only shape the rendered keys, which no rule reads: an explicit -s must exist, the
     * default talsecret.yaml is used when present, and otherwise a throwaway bundle (never written)
     * lets lint run where the secrets are not at hand, such as CI.
     */
    private SecretsBundle secrets() {
        if (inputs.secretFile != null || Files.exists(ClusterInputOptions.DEFAULT_SECRETS)) {
            return inputs.secrets();
        }
        return new SecretsGenerator().throwaway();
    }

    private static String summary(Linter.Result result) {
        long errors = result.count(Severity.ERROR);
        long warnings = result.count(Severity.WARNING);
        long infos = result.count(Severity.INFO);
        return errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s")
                + ", " + infos + " info";
    }

    private static String toJson(Linter.Result result) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        ArrayNode findings = root.putArray("findings");
        for (Finding f : result.findings()) {
            ObjectNode o = findings.addObject();
            o.put("ruleId", f.ruleId());
            o.put("severity", f.severity().label());
            o.put("node", f.node());
            o.put("file", f.file());
            if (f.line() > 0) {
                o.put("line", f.line());
            } else {
                o.putNull("line");
            }
            o.put("why", f.why());
            o.put("fix", f.fix());
        }
        root.put("errors", result.count(Severity.ERROR));
        root.put("warnings", result.count(Severity.WARNING));
        root.put("infos", result.count(Severity.INFO));
        root.put("skipped", result.skipped());
        return mapper.writeValueAsString(root);
    }
}
