/**
 * The {@code spec} command's machinery: Cucumber's runtime as a library, with the step vocabulary
 * ({@code dev.talosrehearsal.spec.steps}) as glue, named by package and never imported; bad input (a missing path, a
 * feature that does not parse, an undefined step with the closest defined ones) found before anything runs.
 * Never imports {@code cli} or {@code spec}. See {@code docs/architecture.md}.
 */
package dev.talosrehearsal.cli.spec;
