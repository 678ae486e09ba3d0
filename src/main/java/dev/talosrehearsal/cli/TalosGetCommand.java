package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.ResourceDefinition;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
import dev.talosrehearsal.talos.TalosResource;
import dev.talosrehearsal.talos.TalosResources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code talos get TYPE [ID]}: Talos resources as talosctl's {@code get} shows them (talos
 * cmd/talosctl/cmd/talos/get.go): the type resolved from the first node's resource definitions (aliases such as
 * {@code addresses}, {@code links}, {@code members} work), then one List (or Get) per node. Read-only. A resource
 * Talos marks sensitive (the machine config) is printed with its spec redacted; its full text goes only into the
 * file {@code --output-file} names, written 0600. With {@code --watch}, changes as they happen
 * ({@link ResourceWatchRun}).
 */
@Command(name = "get", mixinStandardHelpOptions = true,
        description = "Resources of each node (addresses, nodeaddresses, links, routes, hostname, members, etcdmembers, "
                + "machineconfig, rd, ...) through Talos's resource API, like talosctl get. Read-only.")
final class TalosGetCommand implements Callable<Integer> {
    enum Format { table, yaml, json }

    @Spec
    CommandSpec spec;
    @Mixin
    TalosCommand.Target target;

    @Parameters(index = "0", paramLabel = "TYPE", description = "Resource type or alias (talos get rd lists them).")
    String type;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "One resource by its ID (default: all of the type).")
    String id;

    @Option(names = "--namespace", paramLabel = "NAME", description = "Resource namespace (default: the type's own).")
    String namespace;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table, yaml or json (default: ${DEFAULT-VALUE}; yaml with --output-file).")
    Format format;

    @Option(names = "--output-file", paramLabel = "FILE",
            description = "Write the output to FILE (mode 0600) instead of the terminal: the only way to see a secret-holding spec such as machineconfig in full.")
    Path outputFile;

    @Option(names = {"-w", "--watch"},
            description = "Watch: print each node's resources, then every change as it happens (column *: + created, - destroyed,"
                    + " blank updated), until Ctrl-C, a node's watch fails, or --timeout when given.")
    boolean watch;

    @Override
    public Integer call() {
        if (watch && outputFile != null) {
            throw new InputException("talos get: --watch prints as it goes: it cannot write --output-file");
        }
        TalosConfig.Context ctx = TalosConfig.read(TalosConfig.locate(target.talosconfig, System.getenv()), target.context);
        List<String> nodes = target.nodes != null ? target.nodes : ctx.nodes();
        List<String> endpoints = target.endpoint != null ? List.of(target.endpoint) : ctx.endpoints();
        Duration timeout = Duration.ofSeconds(target.timeoutSeconds);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (TalosClient client = TalosClient.connect(ctx, endpoints, new TalosClient.Timeouts(timeout, timeout))) {
            TalosResources resources = client.resources();
            // the definition from the first node, as talosctl: any node would do
            ResourceDefinition definition = resources.resolve(nodes.isEmpty() ? null : nodes.get(0), type);
            String ns = namespace != null ? namespace : definition.defaultNamespace();
            if (watch) {
                // --timeout bounds the whole watch only when given; each call's deadline it always is
                Duration limit = spec.commandLine().getParseResult().hasMatchedOption("--timeout") ? timeout : null;
                return ResourceWatchRun.run(resources, nodes, ns, definition.type(), id, limit,
                        new ResourceEventOutput(definition, format, out, id == null), err);
            }
            List<TalosResource> found = new ArrayList<>();
            boolean failed = false;
            for (NodeReply<List<TalosResource>> reply : read(resources, nodes, ns, definition.type())) {
                if (reply.ok()) {
                    found.addAll(reply.value());
                } else {
                    err.println(reply.node() + ": " + reply.errorCode() + ": " + reply.error());
                    failed = true;
                }
            }
            // a file is for the resources in full: the table's few columns only when asked for by name
            Format as = outputFile != null && !spec.commandLine().getParseResult().hasMatchedOption("--output") ? Format.yaml : format;
            String text = switch (as) {
                case table -> ResourceOutput.table(definition, found);
                case yaml -> ResourceOutput.yaml(found, definition.sensitive() && outputFile == null);
                case json -> ResourceOutput.json(found, definition.sensitive() && outputFile == null);
            };
            if (outputFile != null) {
                AtomicFiles.writePrivate(outputFile, text);
                err.println("wrote " + found.size() + " " + definition.displayType() + " resources to " + outputFile + " (mode 0600)");
            } else {
                out.print(text);
            }
            return failed ? Main.FOUND : Main.OK;
        } catch (TalosApiException e) {
            throw new InputException("talos get " + type + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InputException(e.getMessage());
        }
    }

    /** One List per node, or one Get per node when an ID is named (as one-element lists). */
    private List<NodeReply<List<TalosResource>>> read(TalosResources resources, List<String> nodes, String ns, String canonical) {
        if (id == null) {
            return resources.list(nodes, ns, canonical);
        }
        List<NodeReply<List<TalosResource>>> out = new ArrayList<>();
        for (NodeReply<TalosResource> r : resources.get(nodes, ns, canonical, id)) {
            out.add(new NodeReply<>(r.node(), r.ok() ? List.of(r.value()) : null, r.errorCode(), r.error()));
        }
        return out;
    }
}
