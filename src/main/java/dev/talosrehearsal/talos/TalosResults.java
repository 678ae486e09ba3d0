package dev.talosrehearsal.talos;

import java.util.List;

/** Typed answers of the Talos API calls talos-rehearsal makes. */
public final class TalosResults {
    private TalosResults() {}

    /** What an apply did: the mode Talos resolved (AUTO becomes NO_REBOOT or REBOOT), its words, and warnings. */
    public record ApplyResult(String node, ApplyMode mode, String details, List<String> warnings) {}

    public record VersionResult(String node, String tag, String sha, String os, String arch, String platform) {}

    /** One service: Talos's state string (Running, Waiting, Failed, ...) and its health. */
    public record ServiceStatus(String id, String state, boolean healthy, boolean healthUnknown, String lastMessage) {
        public boolean runningAndHealthy() {
            return "Running".equals(state) && (healthy || healthUnknown);
        }
    }

    public record EtcdMemberInfo(long id, String hostname, List<String> peerUrls, List<String> clientUrls, boolean learner) {}

    /** {@code version}: the etcd release the member runs (EtcdStatus {@code protocol_version}, etcd's server version, e.g. 3.6.12). */
    public record EtcdMemberStatus(long memberId, String version, long leader, long raftIndex, long raftTerm, List<String> errors, boolean learner) {
        public boolean healthy() {
            return errors.isEmpty();
        }
    }
}
