/**
 * The {@code bench} commands: programs that measure the generator, the simulated nodes, the embedded
 * Kubernetes API and the applier on this machine and print figures. Speed is measured here, never asserted in
 * tests. Figures: {@code docs/benchmarks.md}.
 */
package dev.talosrehearsal.cli.bench;
