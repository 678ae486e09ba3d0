package dev.talosrehearsal.lint;

import java.util.List;

/** One static check over a rendered cluster. */
public interface Rule {
    /** The rule id findings carry (some rules emit a second, closely related id; see their comments). */
    String id();

    List<Finding> check(LintContext context);
}
