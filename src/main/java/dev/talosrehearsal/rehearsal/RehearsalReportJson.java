package dev.talosrehearsal.rehearsal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.kube.impact.ImpactReport;
import dev.talosrehearsal.rollout.Verifier;
import java.util.List;

/**
 * A rehearsal's machine-readable report ({@code rehearse --report}): {@code outcome}, {@code problems} (lint's
 * errors first), {@code lintErrorsAllowed} (how many lint errors {@code --allow-lint-errors} let pass), {@code lint}, {@code impact} (when scanned), {@code migration}, {@code verification} and, when the drill
 * ran, {@code rollbackDrill} and {@code verificationAfterRollback}. Holds no secret: the rollout reports and
 * lint findings it embeds never carry key material.
 */
public final class RehearsalReportJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RehearsalReportJson() {}

    public static String render(RehearsalOutcome outcome) {
        try {
            ObjectNode root = JSON.createObjectNode();
            root.put("outcome", outcome.passed() ? "passed" : "failed");
            ArrayNode problems = root.putArray("problems");
            outcome.problems().forEach(problems::add);
            root.put("lintErrorsAllowed", outcome.lintErrorsAllowed());
            ArrayNode lint = root.putArray("lint");
            outcome.lint().findings().forEach(f -> lint.add(JSON.valueToTree(f)));
            if (outcome.impact() != null) {
                root.set("impact", JSON.readTree(ImpactReport.toJson(outcome.impact())));
            }
            root.set("migration", JSON.readTree(outcome.migration().toJson()));
            root.set("verification", checks(outcome.verificationAfterMigration()));
            if (outcome.rollbackDrill() != null) {
                root.set("rollbackDrill", JSON.readTree(outcome.rollbackDrill().toJson()));
                root.set("verificationAfterRollback", checks(outcome.verificationAfterRollback()));
            }
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the rehearsal report: " + e.getOriginalMessage(), e);
        }
    }

    private static ArrayNode checks(List<Verifier.Check> checks) {
        ArrayNode out = JSON.createArrayNode();
        checks.forEach(c -> out.add(JSON.valueToTree(c)));
        return out;
    }
}
