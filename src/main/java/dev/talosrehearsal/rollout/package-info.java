/**
 * The applier: a plan of steps (one control plane at a time, then workers), pre-flight, apply in a Talos
 * apply mode, health gates after each node, automatic rollback in reverse order, a journal (fsynced, configs 0600) to
 * resume from, reports and the verification list. It reaches a cluster only through a
 * {@link dev.talosrehearsal.rollout.RolloutTarget}; it cannot tell a real cluster from a simulated one.
 */
package dev.talosrehearsal.rollout;
