package dev.talosrehearsal.sim.kube;

import dev.talosrehearsal.talconfig.TalosVersion;

/**
 * What a Talos release reports in a Node's nodeInfo besides its version: kernel and containerd.
 * The values are the series each Talos minor release ships (from its release notes), with a patch
 * level that is plausible, not checked against a running node; they only make {@code -o wide} look
 * like a real cluster's.
 */
final class TalosRelease {
    private TalosRelease() {}

    static String kernel(TalosVersion v) {
        if (v.atLeast(1, 13)) {
            return "6.18.24-talos";
        }
        if (v.atLeast(1, 12)) {
            return "6.18.1-talos";
        }
        if (v.atLeast(1, 11)) {
            return "6.12.57-talos";
        }
        if (v.atLeast(1, 10)) {
            return "6.12.40-talos";
        }
        if (v.atLeast(1, 9)) {
            return "6.12.18-talos";
        }
        return "6.6.58-talos";
    }

    static String containerd(TalosVersion v) {
        if (v.atLeast(1, 13)) {
            return "2.2.3";
        }
        if (v.atLeast(1, 12)) {
            return "2.1.5";
        }
        if (v.atLeast(1, 11)) {
            return "2.1.5";
        }
        if (v.atLeast(1, 10)) {
            return "2.0.5";
        }
        if (v.atLeast(1, 9)) {
            return "2.0.2";
        }
        return "2.0.0";
    }
}
