package dev.talosrehearsal.sim.node;

/**
 * {@code ApplyConfigurationRequest.Mode}, numbered as in Talos's machine.proto (TALOS-FACTS §1):
 * an unset mode on the wire is 0 = REBOOT.
 */
public enum ApplyMode {
    REBOOT(0), AUTO(1), NO_REBOOT(2), STAGED(3), TRY(4);

    private final int number;

    ApplyMode(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    public static ApplyMode forNumber(int number) {
        for (ApplyMode m : values()) {
            if (m.number == number) {
                return m;
            }
        }
        throw new IllegalArgumentException("no apply mode " + number);
    }
}
