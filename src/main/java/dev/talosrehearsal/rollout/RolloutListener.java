package dev.talosrehearsal.rollout;

/** Hears what the rollout does, as it happens (progress output; tests that stop a rollout midway). */
public interface RolloutListener {
    /** A line for people: {@code [2/5] talos-master-1 apply … ok (no reboot, 0.4 s)}. */
    default void progress(String line) {}

    /** Called after a step's nodes all passed their gates. */
    default void stepDone(RolloutPlan.Step step) {}

    RolloutListener NONE = new RolloutListener() {};

    /** Prints every progress line to {@code out} as it happens (flushed, so a watching operator sees it at once). */
    static RolloutListener printingTo(java.io.PrintWriter out) {
        return new RolloutListener() {
            @Override
            public void progress(String line) {
                out.println(line);
                out.flush();
            }
        };
    }
}
