package dev.talosrehearsal.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a rollout did, for people and machines: the outcome, the pre-flight checks, per node every
 * action and gate with timings, what failed where, and what was rolled back (or what to do by hand).
 * Holds no secrets: change lines are redacted, configs are not included.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public final class RolloutReport {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    public enum Outcome {
        /** Every node runs the new config and passed its gates. */
        MIGRATED,
        /** A step failed and every changed node is back on its old config. */
        ROLLED_BACK,
        /** A step failed and the rollback did not finish: see {@code manualSteps}. */
        FAILED,
        /** Something was wrong before any node was touched. */
        PREFLIGHT_FAILED,
        /** The journal could not be written: the rollout stopped before its next action, nodes as {@code nodes} say. */
        STOPPED;

        public String id() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    public record Check(String name, String node, boolean passed, String detail) {}

    public record Action(String kind, Instant started, double seconds, boolean ok, String detail) {}

    public record GateRecord(String gate, String description, boolean passed, String detail, Instant at, double waitedSeconds) {}

    /** One node's story. */
    public static final class NodeRecord {
        public final String hostname;
        public final String role;
        public final List<String> changes;
        public final List<Action> actions = new ArrayList<>();
        public final List<GateRecord> gates = new ArrayList<>();
        public String state = "unchanged";

        NodeRecord(String hostname, String role, List<String> changes) {
            this.hostname = hostname;
            this.role = role;
            this.changes = List.copyOf(changes);
        }
    }

    public String cluster;
    public Outcome outcome;
    public Instant started;
    public Instant finished;
    public String failure;
    public final List<Check> preflight = new ArrayList<>();
    /** What pre-flight said without stopping the rollout (a node on another Talos release than its configs'). */
    public final List<String> notes = new ArrayList<>();
    public final Map<String, NodeRecord> nodes = new LinkedHashMap<>();
    public final List<String> rolledBack = new ArrayList<>();
    public final List<String> manualSteps = new ArrayList<>();

    RolloutReport(String cluster, RolloutPlan plan, Instant started) {
        this.cluster = cluster;
        this.started = started;
        for (NodeChange n : plan.nodeChanges()) {
            nodes.put(n.hostname(), new NodeRecord(n.hostname(), n.role(), n.changes().stream().map(Object::toString).toList()));
        }
    }

    NodeRecord node(String hostname) {
        return nodes.get(hostname);
    }

    static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /** The report as JSON (outcome {@code migrated|rolled-back|failed|preflight-failed}). */
    public String toJson() {
        try {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("cluster", cluster);
            out.put("outcome", outcome == null ? null : outcome.id());
            out.put("started", started);
            out.put("finished", finished);
            out.put("failure", failure);
            out.put("preflight", preflight);
            out.put("notes", notes);
            out.put("nodes", nodes.values());
            out.put("rolledBack", rolledBack);
            out.put("manualSteps", manualSteps);
            return JSON.writeValueAsString(out);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
