package dev.talosrehearsal.talconfig;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Talos release tag such as {@code v1.13.9} or {@code v1.14.0-rc.1}; the generator renders v1.8 through v1.14. */
public record TalosVersion(int major, int minor, int patch, String tag) implements Comparable<TalosVersion> {
    // at most 9 digits a number: every one fits an int, and no release is numbered beyond that (a longer one is not a
    // version, rather than an overflow: LoaderFuzzTest found v1.11.88888888888888888888888888888888888888888885)
    private static final Pattern TAG = Pattern.compile("v?(\\d{1,9})\\.(\\d{1,9})(?:\\.(\\d{1,9}))?(-[0-9A-Za-z.-]+)?");
    public static final TalosVersion OLDEST_SUPPORTED = parse("v1.8.0");
    public static final TalosVersion NEWEST_SUPPORTED_MINOR = parse("v1.14.0");
    /** The pre-release the newest branch's rules come from (its generator, validation, apply modes): v1.14 is at rc. */
    public static final TalosVersion MODELLED_PRE_RELEASE = parse("v1.14.0-rc.1");

    /** Parses {@code v1.12.1}, {@code 1.12.1} or {@code v1.12}; null when it is not a version. */
    public static TalosVersion parse(String text) {
        Matcher m = TAG.matcher(text.trim());
        if (!m.matches()) {
            return null;
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        String tag = "v" + m.group(1) + "." + m.group(2) + "." + patch + (m.group(4) == null ? "" : m.group(4));
        return new TalosVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, tag);
    }

    /** {@code text} as a release this tool renders and simulates ({@link #isSupported}); empty when it is not one. */
    public static java.util.Optional<TalosVersion> supported(String text) {
        return java.util.Optional.ofNullable(parse(text)).filter(TalosVersion::isSupported);
    }

    public boolean isSupported() {
        return major == 1 && minor >= OLDEST_SUPPORTED.minor && minor <= NEWEST_SUPPORTED_MINOR.minor;
    }

    /** True for a tag with a pre-release suffix ({@code -alpha.2}, {@code -rc.1}). */
    public boolean isPreRelease() {
        return tag.contains("-");
    }

    /** True when this is the given minor release or a later one. */
    public boolean atLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    /**
     * Whether this release carries a fix Talos released in {@code releases}, one per branch, oldest branch first (e.g.
     * {@code v1.12.9, v1.13.3, v1.14.0}): a release of a listed branch carries it from the listed patch on, a release
     * of a later branch always, one of an earlier branch never. Pre-release suffixes are not told apart.
     */
    public boolean carriesFixOf(String... releases) {
        TalosVersion newest = null;
        for (String text : releases) {
            TalosVersion fixed = parse(text);
            if (fixed.major == major && fixed.minor == minor) {
                return patch >= fixed.patch;
            }
            newest = fixed;
        }
        return newest != null && compareTo(newest) > 0;
    }

    /** {@code v1.12}: the contract a config is written for. */
    public String minorTag() {
        return "v" + major + "." + minor;
    }

    @Override
    public int compareTo(TalosVersion o) {
        return major != o.major ? Integer.compare(major, o.major)
                : minor != o.minor ? Integer.compare(minor, o.minor) : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return tag;
    }
}
