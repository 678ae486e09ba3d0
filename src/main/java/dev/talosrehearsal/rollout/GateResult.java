package dev.talosrehearsal.rollout;

/** One check of one gate: passed or not, and what was seen (e.g. "InternalIP 100.101.0.10 not in 192.168.20.0/24"). */
public record GateResult(String node, Gate gate, boolean passed, String detail) {
    static GateResult pass(String node, Gate gate, String detail) {
        return new GateResult(node, gate, true, detail);
    }

    static GateResult fail(String node, Gate gate, String detail) {
        return new GateResult(node, gate, false, detail);
    }
}
