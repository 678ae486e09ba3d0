package dev.talosrehearsal.machineconfig;

/**
 * Where a value of a rendered config was written: talconfig.yaml's line for what the generator put there, else the
 * file and line of the patch that last set it ({@link ClusterRenderer#origin}).
 *
 * @param file the talconfig.yaml or the patch file, as the user named it
 * @param line 1-based; 0 when unknown
 */
public record ValueOrigin(String file, int line) {}
