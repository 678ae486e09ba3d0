/**
 * The command line (picocli): each command parses its options and calls the packages that do the work.
 * Exit codes are the same for every command (see {@link dev.talosrehearsal.cli.Main}).
 */
package dev.talosrehearsal.cli;
