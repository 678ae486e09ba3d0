/**
 * The step vocabulary (Cucumber glue), one class per subject: the scenario's copy of the rehearsal directory
 * ({@link dev.talosrehearsal.spec.steps.Workspace}) and its simulated cluster
 * ({@link dev.talosrehearsal.spec.steps.SimulatedWorld}), given to every step class by picocontainer. No step names
 * a node, subnet or tailnet of a particular cluster: nodes are parameters, the tailnet is the one the directory's
 * configs name. Every step is listed with an example in {@code features/README.md}.
 */
package dev.talosrehearsal.spec.steps;
