package dev.talosrehearsal.spec;

import dev.talosrehearsal.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;

/** One run of a talos-rehearsal command in this process, with what it printed, as a user would see it. */
public record CommandRun(int exitCode, String out, String err) {
    public static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CommandRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
