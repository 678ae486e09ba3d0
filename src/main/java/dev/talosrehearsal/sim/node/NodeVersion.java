package dev.talosrehearsal.sim.node;

/** {@code Version} reply: VersionInfo + PlatformInfo + FeaturesInfo, flattened. */
public record NodeVersion(String tag, String sha, String built, String goVersion, String os, String arch,
                          String platformName, String platformMode, boolean rbac) {}
