package dev.talosrehearsal.sim.node;

import static dev.talosrehearsal.sim.node.ConfigEdits.bytes;
import static dev.talosrehearsal.sim.node.ConfigEdits.with;
import static dev.talosrehearsal.testing.Homelab.M0;
import static dev.talosrehearsal.testing.Homelab.M1;
import static dev.talosrehearsal.testing.Homelab.M2;
import static dev.talosrehearsal.testing.Homelab.W0;
import static dev.talosrehearsal.testing.Homelab.after;
import static dev.talosrehearsal.testing.Homelab.before;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.talosrehearsal.talos.ApplyMode;
import dev.talosrehearsal.testing.BootedHomelab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/talos-behaviour.md#etcd-advertised-and-listen-addresses. */
class EtcdMembershipTest {
    private static String peerUrl(BootedHomelab c, String host) {
        return c.etcd.member(host).orElseThrow().peerUrls().get(0);
    }

    @Test
    void beforeTheMigrationMembersAdvertiseTheirTailscaleAddresses() {
        BootedHomelab cluster = new BootedHomelab();
        assertThat(cluster.etcd.members()).extracting(SimulatedEtcd.EtcdMember::hostname).containsExactly(M0, M1, M2);
        assertThat(peerUrl(cluster, M0)).isEqualTo("https://100.101.0.10:2380");
        assertThat(cluster.etcd.hasQuorum()).isTrue();
        assertThat(cluster.node(M0).etcdStatus().errors()).isEmpty();
    }

    /**
     * Talos runs a service's health check on a ticker (system/health/check.go, Run; settings.go, Period 5 s): a member
     * that said "no leader" while two others were down is healthy again once they are back, with nothing done to it.
     */
    @Test
    void aMembersEtcdServiceTurnsHealthyAgainWhenQuorumReturnsWithoutAnyChangeToIt() {
        BootedHomelab cluster = new BootedHomelab();
        cluster.node(M1).faults().etcdUnhealthy(true);
        cluster.node(M2).faults().etcdUnhealthy(true);
        assertThat(etcdService(cluster.node(M0)).lastMessage()).isEqualTo("etcdserver: no leader");

        cluster.node(M1).faults().etcdUnhealthy(false);
        cluster.node(M2).faults().etcdUnhealthy(false);

        assertThat(etcdService(cluster.node(M0)).healthy()).isTrue();
    }

    private static ServiceInfo etcdService(SimulatedNode node) {
        return node.services().stream().filter(s -> s.id().equals("etcd")).findFirst().orElseThrow();
    }

    @Test
    void theAdvertisedPeerUrlChangesLiveButEtcdListensOnItsOldAddressUntilTheNodeReboots() {
        // AdvertisedPeerController updates the member while etcd runs (controllers/etcd/advertised_peer.go);
        // etcd's listen addresses default to advertisedSubnets (EtcdConfig.ListenSubnets) and reach etcd only
        // when the service starts (services/etcd.go PreFunc). etcd is not restarted by the apply.
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode m0 = cluster.node(M0);

        m0.apply(bytes(after(M0)), ApplyMode.AUTO, false, null);
        cluster.clock.advance(Duration.ofSeconds(5));

        assertThat(peerUrl(cluster, M0)).isEqualTo("https://192.168.20.10:2380");
        assertThat(m0.events()).extracting(NodeEvent::kind).contains(NodeEvent.Kind.ETCD_MEMBER_UPDATED);
        assertThat(m0.disruptions()).extracting(Disruption::kind).contains(Disruption.Kind.ETCD_UNREACHABLE)
                .doesNotContain(Disruption.Kind.REBOOT);
        assertThat(m0.etcdListenPeerUrls()).containsExactly("https://100.101.0.10:2380");
        // the safe side of an unknown (talos issue 9605): a member advertising where it does not listen is unhealthy
        assertThat(cluster.etcd.isHealthy(M0)).isFalse();
        assertThat(cluster.etcd.status(M0).errors()).singleElement().asString()
                .contains("peers cannot reach https://192.168.20.10:2380").contains("https://100.101.0.10:2380");
        assertThat(cluster.etcd.hasQuorum()).isTrue();

        m0.reboot();
        cluster.clock.advance(Duration.ofSeconds(30));

        assertThat(m0.etcdListenPeerUrls()).containsExactly("https://192.168.20.10:2380");
        assertThat(cluster.etcd.isHealthy(M0)).isTrue();
        assertThat(cluster.etcd.status(M0).errors()).isEmpty();
    }

    @Test
    void withListenSubnetsCoveringBothAddressesTheLiveUpdateKeepsTheMemberHealthy() {
        // Talos's maintainers' advice for re-addressing (talos issue 12720): both address sets reachable meanwhile
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode m0 = cluster.node(M0);
        var both = JsonNodeFactory.instance.arrayNode().add("100.64.0.0/10").add("192.168.20.0/24");
        m0.apply(bytes(with(before(M0), "/cluster/etcd/listenSubnets", both)), ApplyMode.AUTO, false, null);
        m0.reboot();
        cluster.clock.advance(Duration.ofSeconds(30));
        assertThat(m0.etcdListenPeerUrls()).containsExactlyInAnyOrder("https://100.101.0.10:2380", "https://192.168.20.10:2380");

        m0.apply(bytes(with(after(M0), "/cluster/etcd/listenSubnets", both)), ApplyMode.AUTO, false, null);
        cluster.clock.advance(Duration.ofSeconds(5));

        assertThat(peerUrl(cluster, M0)).isEqualTo("https://192.168.20.10:2380");
        assertThat(cluster.etcd.isHealthy(M0)).isTrue();
    }

    @Test
    void advertisedSubnetsChangedOnANodeWhosePeersLostQuorumIsNotUpdatedAndIsOnceQuorumReturns() {
        BootedHomelab cluster = new BootedHomelab();
        cluster.node(M1).faults().etcdUnhealthy(true);
        cluster.node(M2).faults().etcdUnhealthy(true);
        assertThat(cluster.etcd.hasQuorum()).isFalse();

        cluster.node(M0).apply(bytes(after(M0)), ApplyMode.AUTO, false, null);
        cluster.clock.advance(Duration.ofSeconds(5));

        assertThat(peerUrl(cluster, M0)).isEqualTo("https://100.101.0.10:2380");
        assertThat(cluster.etcd.pendingPeerUrl(M0)).contains("https://192.168.20.10:2380");
        assertThat(cluster.node(M0).events()).extracting(NodeEvent::kind).contains(NodeEvent.Kind.ETCD_MEMBER_UPDATE_PENDING)
                .doesNotContain(NodeEvent.Kind.ETCD_MEMBER_UPDATED);
        assertThatThrownBy(() -> cluster.node(M0).etcdMembers())
                .isInstanceOfSatisfying(NodeApiException.class, e -> assertThat(e.code()).isEqualTo(ApiCode.UNAVAILABLE));

        cluster.node(M1).faults().etcdUnhealthy(false);

        assertThat(peerUrl(cluster, M0)).isEqualTo("https://192.168.20.10:2380");
        assertThat(cluster.etcd.pendingPeerUrl(M0)).isEmpty();
        assertThat(cluster.node(M0).events()).extracting(NodeEvent::kind).contains(NodeEvent.Kind.ETCD_MEMBER_UPDATED);
    }

    @Test
    void changingAllControlPlanesAtOnceWithoutRebootsLosesQuorumAndLeavesTheLastUpdatePending() {
        BootedHomelab cluster = new BootedHomelab();
        for (String cp : List.of(M0, M1, M2)) {
            cluster.node(cp).apply(bytes(after(cp)), ApplyMode.AUTO, false, null);
        }
        cluster.clock.advance(Duration.ofSeconds(5));

        // the first two updates pass with quorum and leave their members advertising where etcd does not listen;
        // the third no longer has quorum and waits
        assertThat(peerUrl(cluster, M0)).isEqualTo("https://192.168.20.10:2380");
        assertThat(peerUrl(cluster, M1)).isEqualTo("https://192.168.20.11:2380");
        assertThat(cluster.etcd.pendingPeerUrl(M2)).contains("https://192.168.20.12:2380");
        assertThat(cluster.etcd.hasQuorum()).isFalse();
    }

    @Test
    void advertisedSubnetsMatchingNoAddressKeepTheOldUrlSilently() {
        BootedHomelab cluster = new BootedHomelab();
        SimulatedNode m0 = cluster.node(M0);
        int eventsBefore = m0.events().size();
        var nowhere = with(before(M0), "/cluster/etcd/advertisedSubnets", JsonNodeFactory.instance.arrayNode().add("10.99.0.0/16"));

        m0.apply(bytes(nowhere), ApplyMode.AUTO, false, null);
        cluster.clock.advance(Duration.ofSeconds(5));

        assertThat(m0.etcdDesiredPeerUrl()).isEmpty();
        assertThat(m0.etcdAdvertisedPeerUrl()).contains("https://100.101.0.10:2380");
        assertThat(peerUrl(cluster, M0)).isEqualTo("https://100.101.0.10:2380");
        assertThat(m0.events().subList(eventsBefore, m0.events().size())).extracting(NodeEvent::kind)
                .containsExactly(NodeEvent.Kind.APPLIED);
    }

    @Test
    void aRebootingControlPlaneIsAnUnhealthyMemberButTheOthersKeepQuorum() {
        BootedHomelab cluster = new BootedHomelab();
        cluster.node(M1).reboot();
        assertThat(cluster.etcd.isHealthy(M1)).isFalse();
        assertThat(cluster.etcd.hasQuorum()).isTrue();
        cluster.clock.advance(Duration.ofSeconds(30));
        assertThat(cluster.etcd.isHealthy(M1)).isTrue();
    }

    @Test
    void workersHaveNoEtcdApi() {
        BootedHomelab cluster = new BootedHomelab();
        assertThatThrownBy(() -> cluster.node(W0).etcdMembers())
                .isInstanceOfSatisfying(NodeApiException.class, e -> assertThat(e.code()).isEqualTo(ApiCode.UNIMPLEMENTED));
        assertThatThrownBy(() -> cluster.node(W0).etcdStatus())
                .isInstanceOfSatisfying(NodeApiException.class, e -> assertThat(e.code()).isEqualTo(ApiCode.UNIMPLEMENTED));
        assertThat(cluster.node(W0).etcdAdvertisedPeerUrl()).isEmpty();
    }

    @Test
    void anEtcdUnhealthyFaultMakesTheMemberAndServiceUnhealthy() {
        BootedHomelab cluster = new BootedHomelab();
        cluster.node(M0).faults().etcdUnhealthy(true);
        assertThat(cluster.etcd.isHealthy(M0)).isFalse();
        assertThat(cluster.node(M0).service("etcd").orElseThrow().healthy()).isFalse();
        assertThat(cluster.node(M0).etcdStatus().errors()).contains("context deadline exceeded");
        assertThat(cluster.node(M0).disruptions()).extracting(Disruption::kind).containsExactly(Disruption.Kind.ETCD_UNHEALTHY);
    }
}
