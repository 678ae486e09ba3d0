package dev.talosrehearsal.cli;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.talos.Replies.NodeReply;
import dev.talosrehearsal.talos.TalosApiException;
import dev.talosrehearsal.talos.TalosClient;
import dev.talosrehearsal.talos.TalosConfig;
import dev.talosrehearsal.talos.TalosResults.EtcdMemberInfo;
import dev.talosrehearsal.talos.TalosResults.ServiceStatus;
import dev.talosrehearsal.talos.TalosResults.VersionResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** A few read-only Talos API calls for people, through the same client the applier uses. */
@Command(name = "talos", mixinStandardHelpOptions = true,
        description = "Ask Talos nodes what they run (read-only), through the Talos API with the talosconfig's credentials.",
        subcommands = {TalosCommand.Version.class, TalosCommand.Services.class, TalosCommand.EtcdMembers.class, TalosGetCommand.class})
final class TalosCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "name a call: version, services, etcd-members or get");
    }

    /** --talosconfig, --context, --endpoint, --nodes, --timeout: as talosctl names them. */
    static final class Target {
        @Option(names = "--talosconfig", paramLabel = "FILE",
                description = "talosconfig to use (default: $TALOSCONFIG, else ~/.talos/config).")
        Path talosconfig;

        @Option(names = "--context", paramLabel = "NAME", description = "Context to use (default: the file's current context).")
        String context;

        @Option(names = {"-e", "--endpoints"}, paramLabel = "ENDPOINT", description = "Endpoint to connect to (default: all of the context's, load-balanced as talosctl does).")
        String endpoint;

        @Option(names = {"-n", "--nodes"}, split = ",", paramLabel = "NODE", description = "Nodes to target (default: the context's nodes).")
        List<String> nodes;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15", description = "Deadline per call (default: ${DEFAULT-VALUE} s).")
        long timeoutSeconds;

        /** Each node's reply through {@code printer}, under {@code header} (a column header row, as talosctl prints one). */
        <T> int run(CommandSpec spec, String header, BiFunction<TalosClient, List<String>, List<NodeReply<T>>> call, Printer<T> printer) {
            Path file = TalosConfig.locate(talosconfig, System.getenv());
            TalosConfig.Context ctx = TalosConfig.read(file, context);
            List<String> targets = nodes != null ? nodes : ctx.nodes();
            List<String> endpointsToUse = endpoint != null ? List.of(endpoint) : ctx.endpoints();
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Duration timeout = Duration.ofSeconds(timeoutSeconds);
            try (TalosClient client = TalosClient.connect(ctx, endpointsToUse, new TalosClient.Timeouts(timeout, timeout))) {
                List<NodeReply<T>> replies = call.apply(client, targets);
                if (replies.stream().anyMatch(NodeReply::ok)) {
                    out.println(header);
                }
                boolean failed = false;
                for (NodeReply<T> reply : replies) {
                    if (reply.ok()) {
                        printer.print(reply.node(), reply.value(), out);
                    } else {
                        err.println(reply.node() + ": " + reply.errorCode() + ": " + reply.error());
                        failed = true;
                    }
                }
                return failed ? Main.FOUND : Main.OK;
            } catch (TalosApiException e) {
                throw new InputException(e.getMessage());
            } catch (IllegalArgumentException e) {
                throw new InputException(e.getMessage());
            }
        }
    }

    interface Printer<T> {
        void print(String node, T value, PrintWriter out);
    }

    @Command(name = "version", mixinStandardHelpOptions = true, description = "Talos version of each node.")
    static final class Version implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Override
        public Integer call() {
            return target.run(spec, String.format("%-20s %-10s %s", "NODE", "TAG", "OS/ARCH PLATFORM"), TalosClient::version,
                    (String node, VersionResult v, PrintWriter out) ->
                    out.printf("%-20s %-10s %s/%s %s%n", node, v.tag(), v.os(), v.arch(), v.platform()));
        }
    }

    @Command(name = "services", mixinStandardHelpOptions = true, description = "Services of each node with state and health.")
    static final class Services implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Override
        public Integer call() {
            return target.run(spec, String.format("%-20s %-16s %-10s %-5s %s", "NODE", "SERVICE", "STATE", "HEALTH", "LAST EVENT"),
                    TalosClient::services, (String node, List<ServiceStatus> services, PrintWriter out) -> {
                for (ServiceStatus s : services) {
                    String health = s.healthUnknown() ? "?" : s.healthy() ? "OK" : "Fail";
                    out.printf("%-20s %-16s %-10s %-5s %s%n", node, s.id(), s.state(), health, s.lastMessage());
                }
            });
        }
    }

    @Command(name = "etcd-members", mixinStandardHelpOptions = true, description = "etcd members as each control plane sees them.")
    static final class EtcdMembers implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        Target target;

        @Override
        public Integer call() {
            return target.run(spec, String.format("%-20s %-16s %-20s %-30s %s", "NODE", "ID", "HOSTNAME", "PEER URLS", "CLIENT URLS"),
                    TalosClient::etcdMembers, (String node, List<EtcdMemberInfo> members, PrintWriter out) -> {
                for (EtcdMemberInfo m : members) {
                    out.printf("%-20s %-16x %-20s %-30s %s%s%n", node, m.id(), m.hostname(), String.join(",", m.peerUrls()),
                            String.join(",", m.clientUrls()), m.learner() ? " (learner)" : "");
                }
            });
        }
    }
}
