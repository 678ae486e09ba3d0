package dev.talosrehearsal.rollout;

/**
 * A request that a running rollout stop (SIGTERM, Ctrl-C), honoured between actions: never inside an apply, whose
 * outcome the journal could then not say, but before the next apply, reboot, rollback or gate poll. The rollout then
 * ends STOPPED, its journal open for {@code resume} or {@code rollback}.
 */
final class StopRequest {
    private volatile String reason;

    void request(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    /** Throws when a stop was requested: called where the rollout may stop. */
    void check() {
        String why = reason;
        if (why != null) {
            throw new Stopped(why);
        }
    }

    /** Thrown out of the rollout at a point where it may stop; the applier turns it into a STOPPED report. */
    static final class Stopped extends RuntimeException {
        final String reason;

        Stopped(String reason) {
            super("stopped on request (" + reason + ")", null, false, false);
            this.reason = reason;
        }
    }
}
