package dev.talosrehearsal.sim.talosapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talos.api.machine.VersionResponse;
import io.grpc.Status.Code;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the simulated apid routes a call by its metadata, after Talos's director
 * (internal/app/apid/pkg/director/director.go, Talos main at ad88231), grpc-proxy's one-to-one handler
 * (siderolabs/grpc-proxy proxy/handler.go, handler_one2one.go: a backend's connection error is the call's
 * error) and apid's service set-up (internal/app/apid/service.go: only nodes with a client certificate — control
 * planes — get remote backends). The dial errors are grpc-go's words, as in talos issue 10763
 * ("talosctl Error while dialing: dial tcp connect: no route to host").
 */
class ApidRoutingTest {
    private final ScriptedNode master = new ScriptedNode("talos-master-0", "192.168.20.10", true);
    private final ScriptedNode worker = new ScriptedNode("talos-worker-0", "192.168.20.20", false);
    private final TalosApiDispatcher apid = new TalosApiDispatcher();

    ApidRoutingTest() {
        apid.register(master);
        apid.register(worker);
    }

    private TalosApiDispatcher.Outcome version(ApiNode endpoint, List<String> node, List<String> nodes) {
        return apid.dispatch(endpoint, "Version", com.google.protobuf.Empty.getDefaultInstance(),
                new TalosApiDispatcher.Targets(node, nodes), "os:admin");
    }

    @Test
    void nodeMetadataIsProxiedOneToOneAndTheReplyPassesThroughWithoutMetadata() {
        TalosApiDispatcher.Outcome outcome = version(master, List.of("192.168.20.20"), List.of());

        assertThat(outcome.code()).isEqualTo(Code.OK);
        VersionResponse reply = (VersionResponse) outcome.reply();
        assertThat(reply.getMessagesList()).singleElement().satisfies(m -> assertThat(m.hasMetadata()).isFalse());
    }

    @Test
    void nodeMetadataWithMoreThanOneValueIsRefused() {
        TalosApiDispatcher.Outcome outcome = version(master, List.of("192.168.20.10", "192.168.20.20"), List.of());

        assertThat(outcome.code()).isEqualTo(Code.INVALID_ARGUMENT);
        assertThat(outcome.message()).isEqualTo("node metadata must be single-valued");
    }

    @Test
    void aDownTargetFailsTheCallAsApidsDialFails() {
        worker.reachable = false;
        TalosApiDispatcher.Outcome outcome = version(master, List.of("192.168.20.20"), List.of());

        assertThat(outcome.code()).isEqualTo(Code.UNAVAILABLE);
        assertThat(outcome.message()).isEqualTo(
                "connection error: desc = \"transport: Error while dialing: dial tcp 192.168.20.20:50000: connect: connection refused\"");
    }

    @Test
    void anUnknownTargetIsDialledAndNothingAnswers() {
        TalosApiDispatcher.Outcome outcome = version(master, List.of("192.168.20.99"), List.of());

        assertThat(outcome.code()).isEqualTo(Code.UNAVAILABLE);
        assertThat(outcome.message()).contains("dial tcp 192.168.20.99:50000: connect: no route to host");
    }

    @Test
    void aWorkerForwardsNothingButAnswersForItself() {
        assertThat(version(worker, List.of("192.168.20.10"), List.of()).code()).isEqualTo(Code.PERMISSION_DENIED);
        assertThat(version(worker, List.of("192.168.20.10"), List.of()).message()).isEqualTo("no request forwarding");
        assertThat(version(worker, List.of("192.168.20.20"), List.of()).code()).isEqualTo(Code.OK);
        assertThat(version(worker, List.of(), List.of("192.168.20.10")).code()).isEqualTo(Code.PERMISSION_DENIED);
    }

    @Test
    void deprecatedNodesMetadataStillFansOutWithFailuresInTheirSlots() {
        worker.reachable = false;
        TalosApiDispatcher.Outcome outcome = version(master, List.of(), List.of("192.168.20.10", "192.168.20.20"));

        assertThat(outcome.code()).isEqualTo(Code.OK);
        VersionResponse reply = (VersionResponse) outcome.reply();
        assertThat(reply.getMessagesList()).hasSize(2);
        assertThat(reply.getMessages(1).getMetadata().getError()).contains("connection refused");
    }
}
