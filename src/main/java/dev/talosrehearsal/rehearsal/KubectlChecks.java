package dev.talosrehearsal.rehearsal;

import dev.talosrehearsal.kube.Kubectl;
import dev.talosrehearsal.rollout.DeclaredChecks.KubectlQuery;
import dev.talosrehearsal.rollout.Verifier;
import dev.talosrehearsal.sim.SimulatedCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code kubectl} queries of checks.yaml, run with the real kubectl against the simulated cluster's Kubernetes
 * API (a kubeconfig written into the rehearsal's work directory, 0600): each passes when kubectl exits 0 and its
 * output holds the expected text. Without kubectl on PATH each query fails saying so — a check the user asked for
 * is never passed unrun.
 */
final class KubectlChecks {
    private KubectlChecks() {}

    static List<Verifier.Check> run(List<KubectlQuery> queries, SimulatedCluster cluster, Path work) {
        List<Verifier.Check> checks = new ArrayList<>();
        if (queries.isEmpty()) {
            return checks;
        }
        boolean present = Kubectl.find().isPresent();
        Path kubeconfig = present ? cluster.writeKubeconfig(work.resolve("kubeconfig-checks")) : null;
        for (KubectlQuery query : queries) {
            String name = "declared " + query.command();
            if (!present) {
                checks.add(new Verifier.Check(name, null, false, Kubectl.MISSING));
                continue;
            }
            Kubectl.Result result;
            try {
                result = Kubectl.run(kubeconfig, query.args().toArray(String[]::new));
            } catch (IllegalStateException e) {
                checks.add(new Verifier.Check(name, null, false, e.getMessage()));
                continue;
            }
            if (result.exitCode() != 0) {
                checks.add(new Verifier.Check(name, null, false, "exit " + result.exitCode() + ": " + firstLine(result.stderr())));
            } else if (!result.stdout().contains(query.expect())) {
                checks.add(new Verifier.Check(name, null, false, "the output does not contain '" + query.expect() + "': "
                        + firstLine(result.stdout())));
            } else {
                checks.add(new Verifier.Check(name, null, true, query.expect().isEmpty() ? "exit 0"
                        : "the output contains '" + query.expect() + "'"));
            }
        }
        return checks;
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("(no output)");
    }
}
