package dev.talosrehearsal.machineconfig.validation;

/** One concern of Talos's validation. Implementations name the Talos source (file and tag) they follow. */
interface Check {
    void check(Subject subject, Findings out);
}
