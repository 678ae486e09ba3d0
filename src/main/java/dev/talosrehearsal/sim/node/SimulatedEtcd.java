package dev.talosrehearsal.sim.node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The etcd cluster formed by the control planes: members, their health, quorum, and the rule that
 * a member's advertised peer URL changes only by a member update, which needs quorum
 * (docs/talos-behaviour.md#etcd-advertised-and-listen-addresses).
 *
 * <p>A member is reachable by its peers only while etcd listens where it advertises. Talos computes etcd's
 * listen addresses from {@code listenSubnets}, which default to {@code advertisedSubnets}
 * (EtcdConfig.ListenSubnets, pkg/machinery/config/types/v1alpha1/v1alpha1_etcdconfig.go, the same v1.8–v1.13),
 * and passes them to etcd only when the service starts (services/etcd.go PreFunc reads the etcd Spec), while its
 * AdvertisedPeerController updates the member's peer URL live (controllers/etcd/advertised_peer.go). So after a
 * no-reboot change of advertisedSubnets the member advertises an address nothing listens on until etcd
 * restarts. What etcd's raft transport then does is not established (talos issue 9605 reports the change
 * needs a full reboot); the model takes the safe side: the member counts as unhealthy and its status says
 * why, so a rehearsal never passes on that state.
 *
 * <p>Quorum for an update of member M counts M as healthy: M is the one restarting to advertise its
 * new address and the update goes through the other members, so it is their loss that blocks it.
 * A blocked update stays pending and is retried whenever a member's health changes (Talos's etcd
 * controller retries until it succeeds).
 *
 * <p>Control-plane nodes synchronize on {@link #lock()} (one lock for everything that shares this
 * etcd), so a health change on one node can update another node's member without lock ordering
 * trouble.
 */
public final class SimulatedEtcd {
    /** A member as {@code EtcdMemberList} reports it (ids are uint64 in the API; Java long bits). */
    public record EtcdMember(long id, String hostname, List<String> peerUrls, List<String> clientUrls, boolean learner) {
        public EtcdMember {
            peerUrls = List.copyOf(peerUrls);
            clientUrls = List.copyOf(clientUrls);
        }
    }

    /** {@code EtcdMemberStatus} fields (docs/talos-behaviour.md#talos-api-apid). */
    public record EtcdMemberStatus(String protocolVersion, long dbSize, long dbSizeInUse, long leader, long raftIndex,
                                   long raftTerm, long raftAppliedIndex, List<String> errors, boolean learner, long memberId,
                                   String storageVersion) {
        public EtcdMemberStatus {
            errors = List.copyOf(errors);
        }
    }

    /** What a node hears about its own member. Called with {@link #lock()} held. */
    public interface MemberListener {
        void peerUrlUpdated(String peerUrl);

        void peerUrlPending(String peerUrl);
    }

    private static final class Member {
        final long id;
        final String hostname;
        List<String> peerUrls;
        List<String> clientUrls;
        boolean started;
        boolean faultUnhealthy;
        List<String> listenPeerUrls = List.of();
        /** The etcd release this start of etcd runs (its image's), and the storage version machined reports for it. */
        String version = "";
        String storageVersion = "";
        String pendingPeerUrl;
        String pendingClientUrl;
        MemberListener listener;

        Member(long id, String hostname) {
            this.id = id;
            this.hostname = hostname;
        }

        boolean healthy() {
            return started && !faultUnhealthy && listensWhereItAdvertises();
        }

        /** True when etcd's peer listeners cover the advertised peer URL (a wildcard covers every address). */
        boolean listensWhereItAdvertises() {
            if (peerUrls.isEmpty() || listenPeerUrls.isEmpty()) {
                return true;
            }
            String advertised = peerUrls.get(0);
            return listenPeerUrls.stream().anyMatch(l -> l.equals(advertised) || isWildcard(l));
        }

        private static boolean isWildcard(String url) {
            return url.contains("//0.0.0.0:") || url.contains("//[::]:");
        }
    }

    private final Object lock = new Object();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private long raftIndex = 1;
    private long raftTerm = 1;
    private long leader;

    /** The lock control-plane nodes share with this etcd. */
    public Object lock() {
        return lock;
    }

    /**
     * A node's etcd started (boot): adds the member if the cluster does not know it yet (initial
     * cluster formation is not modelled: joining needs no quorum here), else marks it started and
     * requests its advertised URL if that differs from what the cluster has.
     *
     * @param listenPeerUrls where this start of etcd listens for peers, fixed until its next start
     * @param version        the etcd release this start runs ({@link dev.talosrehearsal.machineconfig.EtcdImage}), fixed until its next start
     * @param storageVersion what EtcdStatus reports as the storage version; empty for a Talos release without the field
     */
    public void memberStarted(String hostname, String peerUrl, String clientUrl, List<String> listenPeerUrls, String version,
            String storageVersion, MemberListener listener) {
        synchronized (lock) {
            Member m = members.get(hostname);
            if (m == null) {
                m = new Member(idOf(hostname), hostname);
                m.peerUrls = peerUrl == null ? List.of() : List.of(peerUrl);
                m.clientUrls = clientUrl == null ? List.of() : List.of(clientUrl);
                members.put(hostname, m);
                raftIndex++;
            }
            m.listener = listener;
            m.listenPeerUrls = List.copyOf(listenPeerUrls);
            m.version = version;
            m.storageVersion = storageVersion;
            m.started = true;
            if (peerUrl != null && !m.peerUrls.equals(List.of(peerUrl))) {
                request(m, peerUrl, clientUrl);
            }
            healthChanged();
        }
    }

    /** The node's etcd stopped (reboot, restart): the member is down until {@link #memberStarted} / {@link #setStarted}. */
    public void setStarted(String hostname, boolean started) {
        synchronized (lock) {
            Member m = require(hostname);
            if (m.started != started) {
                m.started = started;
                healthChanged();
            }
        }
    }

    /** Fault injection: the member answers but is unhealthy. */
    public void setFaultUnhealthy(String hostname, boolean unhealthy) {
        synchronized (lock) {
            Member m = require(hostname);
            if (m.faultUnhealthy != unhealthy) {
                m.faultUnhealthy = unhealthy;
                healthChanged();
            }
        }
    }

    /**
     * Asks the cluster to advertise {@code peerUrl} for {@code hostname} (a member update).
     *
     * @return true when applied now, false when it waits for quorum
     */
    public boolean requestPeerUrl(String hostname, String peerUrl, String clientUrl) {
        synchronized (lock) {
            boolean applied = request(require(hostname), peerUrl, clientUrl);
            elect();
            return applied;
        }
    }

    private boolean request(Member m, String peerUrl, String clientUrl) {
        if (m.peerUrls.equals(List.of(peerUrl)) && m.pendingPeerUrl == null) {
            return true;
        }
        if (quorumCounting(m)) {
            m.peerUrls = List.of(peerUrl);
            if (clientUrl != null) {
                m.clientUrls = List.of(clientUrl);
            }
            m.pendingPeerUrl = null;
            m.pendingClientUrl = null;
            raftIndex++;
            if (m.listener != null) {
                m.listener.peerUrlUpdated(peerUrl);
            }
            return true;
        }
        boolean announce = !peerUrl.equals(m.pendingPeerUrl);
        m.pendingPeerUrl = peerUrl;
        m.pendingClientUrl = clientUrl;
        if (announce && m.listener != null) {
            m.listener.peerUrlPending(peerUrl);
        }
        return false;
    }

    /** Healthy started members &gt; half of all members. */
    public boolean hasQuorum() {
        synchronized (lock) {
            long healthy = members.values().stream().filter(Member::healthy).count();
            return healthy * 2 > members.size();
        }
    }

    private boolean quorumCounting(Member updated) {
        long healthy = members.values().stream().filter(m -> m == updated || m.healthy()).count();
        return healthy * 2 > members.size();
    }

    /** False while the member advertises a peer URL its etcd does not listen on (see the class comment). */
    public boolean listensWhereItAdvertises(String hostname) {
        synchronized (lock) {
            Member m = members.get(hostname);
            return m == null || !m.started || m.listensWhereItAdvertises();
        }
    }

    public boolean isHealthy(String hostname) {
        synchronized (lock) {
            Member m = members.get(hostname);
            return m != null && m.healthy();
        }
    }

    public List<EtcdMember> members() {
        synchronized (lock) {
            List<EtcdMember> out = new ArrayList<>();
            for (Member m : members.values()) {
                out.add(new EtcdMember(m.id, m.hostname, m.peerUrls, m.clientUrls, false));
            }
            return out;
        }
    }

    public Optional<EtcdMember> member(String hostname) {
        return members().stream().filter(m -> m.hostname().equals(hostname)).findFirst();
    }

    /** The peer URL waiting for quorum, if any. */
    public Optional<String> pendingPeerUrl(String hostname) {
        synchronized (lock) {
            Member m = members.get(hostname);
            return Optional.ofNullable(m == null ? null : m.pendingPeerUrl);
        }
    }

    /** What {@code EtcdStatus} answers on {@code hostname}'s node. */
    public EtcdMemberStatus status(String hostname) {
        synchronized (lock) {
            Member m = require(hostname);
            List<String> errors = new ArrayList<>();
            if (m.faultUnhealthy) {
                errors.add("context deadline exceeded");
            }
            if (m.started && !m.listensWhereItAdvertises()) {
                // The model's wording, not etcd's: etcd's own symptom here is not established (see the class comment).
                errors.add("peers cannot reach " + m.peerUrls.get(0) + ": etcd listens on " + String.join(", ", m.listenPeerUrls)
                        + " until it restarts (reboot the node)");
            }
            if (!hasQuorum()) {
                errors.add("etcdserver: no leader");
            }
            long db = 20L * 1024 * 1024 + raftIndex * 4096;
            return new EtcdMemberStatus(m.version, db, db / 2, hasQuorum() ? leader : 0, raftIndex, raftTerm, raftIndex,
                    errors, false, m.id, m.storageVersion);
        }
    }

    /** Re-elects if needed and retries pending updates (Talos's controller retries on its own). */
    private void healthChanged() {
        elect();
        for (Member m : new ArrayList<>(members.values())) {
            if (m.pendingPeerUrl != null && quorumCounting(m)) {
                request(m, m.pendingPeerUrl, m.pendingClientUrl);
            }
        }
        elect(); // an update can leave its member advertising where it does not listen
    }

    private void elect() {
        Member current = members.values().stream().filter(m -> m.id == leader).findFirst().orElse(null);
        if (hasQuorum() && (current == null || !current.healthy())) {
            leader = members.values().stream().filter(Member::healthy).findFirst().map(m -> m.id).orElse(0L);
            raftTerm++;
        }
    }

    private Member require(String hostname) {
        Member m = members.get(hostname);
        if (m == null) {
            throw new IllegalStateException("no etcd member " + hostname);
        }
        return m;
    }

    /** A stable, non-zero id per hostname, so member ids are the same in every rehearsal. */
    static long idOf(String hostname) {
        long id = UUID.nameUUIDFromBytes(hostname.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        return id == 0 ? 1 : id;
    }
}
