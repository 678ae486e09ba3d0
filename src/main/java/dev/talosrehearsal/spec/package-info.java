/**
 * Specs for users: what the step vocabulary ({@code steps/}, the Cucumber glue shipped in the jar) needs besides
 * the steps themselves — the real {@code kubectl} ({@link dev.talosrehearsal.spec.Kubectl}), a stand-in Kubernetes
 * API for a Talos-only cluster, a command run in this process, and waiting for outcomes that lag.
 *
 * <p>The steps work on any rehearsal directory ({@code init} makes one): a scenario copies it, starts its
 * simulated cluster through {@code rehearsal/SimulatedTarget} and {@code sim}, and runs the real commands
 * ({@code cli.Main}). May import the production packages, {@code sim}, {@code rehearsal} and {@code cli};
 * nothing imports it: Cucumber finds the glue by its package name, which {@code talos-rehearsal spec} and the
 * project's {@code RunCucumberTest} pass as a string. See {@code docs/architecture.md}.
 */
package dev.talosrehearsal.spec;
