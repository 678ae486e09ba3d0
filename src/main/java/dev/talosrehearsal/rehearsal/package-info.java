/**
 * Rehearsals: the product's main job, between the production packages and the command line. A
 * {@link dev.talosrehearsal.rehearsal.RehearsalDirectory} holds a rehearsal's inputs; a
 * {@link dev.talosrehearsal.rehearsal.Rehearsal} runs lint, the impact scan, the migration by the real
 * applier, verification and the rollback drill on a simulated cluster; {@link dev.talosrehearsal.rehearsal.SimulatedTarget}
 * is the one place where the production rollout is pointed at a simulated cluster (used by {@code rehearse},
 * {@code sim up}, the benchmarks, the tests and the Gherkin steps). {@link dev.talosrehearsal.rehearsal.RehearsalScaffold}
 * makes a rehearsal directory from a user's talconfig ({@code init}); {@link dev.talosrehearsal.rehearsal.RehearsalReportHtml}
 * writes the whole rehearsal as one page.
 *
 * <p>May import the production packages and {@code sim}; never {@code spec} or {@code cli}. See {@code docs/architecture.md}.
 */
package dev.talosrehearsal.rehearsal;
