package dev.talosrehearsal.lint;

import java.util.List;

/**
 * A check that reads talconfig.yaml as written, before variables are substituted and before the
 * loader validates it: what it catches would otherwise only show up as a load error (exit 2) or be
 * invisible after substitution.
 */
interface RawRule {
    List<Finding> checkRaw(RawTalconfig raw);
}
