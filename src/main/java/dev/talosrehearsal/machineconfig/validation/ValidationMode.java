package dev.talosrehearsal.machineconfig.validation;

/**
 * Talos's runtime mode as far as validation cares: whether {@code .machine.install} is required.
 *
 * <p>talhelper validates what it generates in "metal" mode (pkg/talos/validate.go, {@code RequiresInstall}
 * true for metal), which is the generator's case. A running, installed node does not require it:
 * machined wraps its mode so that {@code RequiresInstall} is false once installed ({@code modeWrapper} in
 * internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go, v1.12.0), which is the simulated
 * node's case.
 */
public enum ValidationMode {
    /** A config to install with (bare metal, not yet installed): the install section is required. */
    METAL,
    /** A config applied to a node that is already installed. */
    INSTALLED;

    boolean requiresInstall() {
        return this == METAL;
    }
}
