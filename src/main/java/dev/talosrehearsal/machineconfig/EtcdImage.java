package dev.talosrehearsal.machineconfig;

import dev.talosrehearsal.talconfig.TalosVersion;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The etcd release a control plane runs: the tag of {@code cluster.etcd.image} when a config pins one, else the release
 * Talos defaults to ({@code EtcdConfig.Image}, v1alpha1_etcdconfig.go: {@code constants.EtcdImage:DefaultEtcdVersion}).
 * etcd reports it as its server version (EtcdStatus {@code protocol_version}, which machined fills from etcd's
 * {@code StatusResponse.Version}, v1alpha1_server.go), without the tag's {@code v}. etcd takes its image only when it
 * starts (RebootRules.etcdRestartPaths).
 */
public final class EtcdImage {
    private static final Pattern VERSION = Pattern.compile("v?(\\d+\\.\\d+\\.\\d+)");

    private EtcdImage() {}

    /** The version a config's etcd image names ({@code gcr.io/etcd-development/etcd:v3.6.6} → 3.6.6); empty when unset, a digest or no version. */
    public static Optional<String> pinnedVersion(MachineConfig config) {
        return ImageReference.tag(ConfigSetting.ETCD_IMAGE.text(config, "")).map(VERSION::matcher).filter(Matcher::matches)
                .map(m -> m.group(1));
    }

    /**
     * {@code DefaultEtcdVersion} in pkg/machinery/constants/constants.go at the last patch release of each minor in the
     * Talos mirror (v1.8.4 3.5.17, v1.9.6 and v1.10.7 3.5.21, v1.11.5 3.6.5, v1.12.9 3.6.11, v1.13.9 3.6.12) and at
     * v1.14.0-rc.1 (3.7.1); earlier patch releases of a minor may default to an earlier etcd patch release.
     */
    public static String defaultVersion(TalosVersion release) {
        return switch (release.minor()) {
            case 0, 1, 2, 3, 4, 5, 6, 7, 8 -> "3.5.17";
            case 9, 10 -> "3.5.21";
            case 11 -> "3.6.5";
            case 12 -> "3.6.11";
            case 13 -> "3.6.12";
            default -> "3.7.1";
        };
    }

    /** What etcd reports on a control plane booted on {@code config} at {@code release}. */
    public static String runningVersion(MachineConfig config, TalosVersion release) {
        return pinnedVersion(config).orElseGet(() -> defaultVersion(release));
    }
}
