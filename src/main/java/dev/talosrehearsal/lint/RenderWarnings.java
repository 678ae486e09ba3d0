package dev.talosrehearsal.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code render-warning}: what rendering the talconfig said but did not refuse, as a finding, so that lint and rehearse
 * show what genconfig shows: a key talhelper ignores (a node's old {@code extraKernelArgs}), a retired key, a template
 * reading a field that is empty at that release, a value Talos accepts with a warning. Without it a rehearsal of a
 * change that talhelper drops reports "no node changes" and nothing else.
 */
final class RenderWarnings {
    static final String ID = "render-warning";
    /** The renderer's warnings start with {@code file:line: }. */
    private static final Pattern LOCATED = Pattern.compile("(.+?):(\\d+): (.*)", Pattern.DOTALL);

    private RenderWarnings() {}

    static List<Finding> of(List<String> warnings) {
        List<Finding> out = new ArrayList<>();
        for (String warning : warnings) {
            Matcher m = LOCATED.matcher(warning);
            boolean located = m.matches();
            out.add(new Finding(ID, Severity.WARNING, null, located ? m.group(1) : null, located ? Integer.parseInt(m.group(2)) : 0,
                    located ? m.group(3) : warning,
                    "talhelper and Talos treat it the same way, so the configs they render are the ones rehearsed here: edit"
                            + " that line if that is not what you meant"));
        }
        return out;
    }
}
