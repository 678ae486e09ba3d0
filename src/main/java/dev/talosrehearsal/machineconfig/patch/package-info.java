/**
 * Config patches as Talos applies them: strategic merge (maps merge, scalars replace, lists concatenate
 * except the few Talos replaces, {@code $patch: delete}, documents matched by kind and name) and RFC 6902
 * JSON patches. The merge rules live in {@link dev.talosrehearsal.machineconfig.patch.MergeRules}.
 */
package dev.talosrehearsal.machineconfig.patch;
