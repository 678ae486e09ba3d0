/**
 * Static checks over a talconfig.yaml and its rendered configs, one class per rule, each finding with
 * the file and line it is about, why it matters and the fix. The rules run in
 * {@link dev.talosrehearsal.lint.Linter}.
 */
package dev.talosrehearsal.lint;
