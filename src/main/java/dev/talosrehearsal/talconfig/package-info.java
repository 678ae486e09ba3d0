/**
 * talhelper's input, {@code talconfig.yaml}: variable substitution from {@code talenv.yaml} and the
 * environment, loading with line numbers, the controlPlane/worker group merge and validation. Errors
 * name the file, line and field. See {@code docs/commands.md} for the keys read.
 */
package dev.talosrehearsal.talconfig;
