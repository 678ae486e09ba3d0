/**
 * What every other package shares and nothing else: bad input as one line naming file and line
 * ({@link dev.talosrehearsal.common.InputException}), YAML parsed with line numbers, PEM keys and
 * certificates, files written atomically and privately (0600), and the go-yaml scalar quoting rule.
 * Imports no other package of the project.
 */
package dev.talosrehearsal.common;
