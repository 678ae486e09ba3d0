package dev.talosrehearsal.talos;

import dev.talos.api.machine.ApplyConfigurationRequest;

/** How Talos applies a new config (machined's apply modes). */
public enum ApplyMode {
    /** Talos decides: without a reboot when every change can be applied immediately, else with one; from v1.14 always without. */
    AUTO(ApplyConfigurationRequest.Mode.AUTO),
    /** Apply now; refused up to v1.13 when the change needs a reboot. */
    NO_REBOOT(ApplyConfigurationRequest.Mode.NO_REBOOT),
    /** Persist now, apply on the next reboot. */
    STAGED(ApplyConfigurationRequest.Mode.STAGED),
    /** Apply now without persisting; Talos reverts after the try timeout unless confirmed by another apply. */
    TRY(ApplyConfigurationRequest.Mode.TRY),
    /** Persist and reboot; refused from v1.14 (Unimplemented), and never sent by the applier. */
    REBOOT(ApplyConfigurationRequest.Mode.REBOOT);

    private final ApplyConfigurationRequest.Mode wire;

    ApplyMode(ApplyConfigurationRequest.Mode wire) {
        this.wire = wire;
    }

    ApplyConfigurationRequest.Mode wire() {
        return wire;
    }

    /** The number on the wire ({@code ApplyConfigurationRequest.Mode}); an unset mode is 0, REBOOT. */
    public int number() {
        return wire.getNumber();
    }

    /** The mode a wire number stands for (the simulated apid reads requests by number). */
    public static ApplyMode forNumber(int number) {
        ApplyConfigurationRequest.Mode mode = ApplyConfigurationRequest.Mode.forNumber(number);
        if (mode == null) {
            throw new IllegalArgumentException("no apply mode " + number);
        }
        return fromWire(mode);
    }

    static ApplyMode fromWire(ApplyConfigurationRequest.Mode mode) {
        for (ApplyMode m : values()) {
            if (m.wire == mode) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown apply mode " + mode);
    }

    /** Parses {@code auto}, {@code no-reboot}, {@code staged}, {@code try}, {@code reboot} (any case, '-' or '_'). */
    public static ApplyMode parse(String text) {
        String normalized = text.trim().toUpperCase().replace('-', '_');
        for (ApplyMode m : values()) {
            if (m.name().equals(normalized)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown apply mode '" + text + "' (auto, no-reboot, staged, try, reboot)");
    }
}
