package dev.talosrehearsal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.kube.ClusterView;
import dev.talosrehearsal.kube.impact.ImpactFinding;
import dev.talosrehearsal.kube.impact.ImpactReport;
import dev.talosrehearsal.kube.impact.ImpactScanner;
import dev.talosrehearsal.kube.impact.LiveObjects;
import dev.talosrehearsal.kube.impact.ObjectFiles;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "impact", mixinStandardHelpOptions = true,
        description = {"List every Kubernetes object that refers to an address or range in the old CIDR (an address inside it,"
                + " or a CIDR that overlaps it): NetworkPolicy ipBlocks, Cilium CIDR rules, Service external IPs and"
                + " source ranges, hard-coded Endpoints/EndpointSlices, Ingress source-range annotations, addresses in"
                + " ConfigMap data, CNI annotations on Nodes. Secrets are never read.",
                "Objects come from a cluster (--kubeconfig) or from a directory of YAML files (--objects DIR, or DIR).",
                "Exit code 0 whether or not something was found (the list is information); 2: bad input."})
final class ImpactCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from-cidr", required = true, paramLabel = "CIDR", description = "The old range, e.g. 100.64.0.0/10.")
    String fromCidr;

    @Option(names = "--to-cidr", paramLabel = "CIDR", description = "The new range, e.g. 192.168.20.0/24: the notes say whether a value is in it.")
    String toCidr;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Read the objects from this cluster.")
    Path kubeconfig;

    @Option(names = "--objects", paramLabel = "DIR", description = "Read the objects from DIR/*.yaml (several documents per file allowed).")
    Path objects;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Same as --objects DIR (e.g. fixtures/homelab/cluster).")
    Path dir;

    @Option(names = "--json", description = "Print the findings as a JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        ImpactScanner scanner = new ImpactScanner(fromCidr, toCidr);
        List<String> notServed = List.of();
        List<JsonNode> objectList;
        int sources = (kubeconfig != null ? 1 : 0) + (objects != null ? 1 : 0) + (dir != null ? 1 : 0);
        if (sources != 1) {
            throw new InputException((sources == 0 ? "say where the objects are" : "give only one source of objects")
                    + ": --kubeconfig FILE, --objects DIR or DIR");
        }
        if (kubeconfig != null) {
            try (KubernetesClient client = ClusterView.connect(kubeconfig)) {
                LiveObjects.Result live = LiveObjects.list(client);
                objectList = live.objects();
                notServed = live.notServed();
            }
        } else {
            objectList = ObjectFiles.read(objects != null ? objects : dir).stream().map(ObjectFiles.FileObject::object).toList();
        }
        List<ImpactFinding> findings = scanner.scan(objectList);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ImpactReport.toJson(findings));
            PrintWriter err = spec.commandLine().getErr();
            notServed.forEach(k -> err.println("note: not served by this cluster, not scanned: " + k));
        } else {
            ImpactReport.printTable(findings, out);
            notServed.forEach(k -> out.println("not served by this cluster, not scanned: " + k));
        }
        return Main.OK;
    }
}
