package dev.talosrehearsal.talos;

/**
 * A node's boot ID: Linux's random UUID for the running kernel, new at every boot. Whether a node rebooted is
 * whether its boot ID changed — the node answering the API again says nothing, since a node that never went down
 * answers too (talosctl's {@code reboot --wait}: cmd/talosctl/pkg/talos/action/tracker.go,
 * {@code BootIDChangedPostCheckFn}).
 *
 * @param value the ID as the node's file holds it, trimmed; {@code (unauthorized)} when the client may not read it
 */
public record BootId(String value) {
    /** The kernel's boot ID file (random(4)), which talosctl reads. */
    public static final String PATH = "/proc/sys/kernel/random/boot_id";
    /** The client's role may not read files (Read needs os:admin): talosctl skips the check then, and so does the applier. */
    public static final BootId UNAUTHORIZED = new BootId("(unauthorized)");

    static BootId of(String content) {
        return new BootId(content.strip());
    }

    /** Whether this ID can be compared at all (false for {@link #UNAUTHORIZED}). */
    public boolean known() {
        return !equals(UNAUTHORIZED);
    }

    /**
     * Whether a node now showing {@code current} has booted since this ID was read. An unknown ID on either side
     * counts as rebooted, as talosctl's check passes when it could not read the ID before the action.
     */
    public boolean rebootedInto(BootId current) {
        return !known() || !current.known() || !value.equals(current.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
