package dev.talosrehearsal.sim.talosapi;

import dev.talos.api.machine.MachineServiceGrpc;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;

/**
 * The machine API's {@code Read} (a file of the node, streamed as common.Data chunks) as a real gRPC service, since
 * the WireMock extension cannot stream. Only this method of MachineService is bound here; the rest stay WireMock's.
 * Calls go through the dispatcher like every other: os:admin only, {@code node} targeting, nodes that are down,
 * injected faults (method {@code Read}).
 */
final class MachineReadService {
    private MachineReadService() {}

    static ServerServiceDefinition definition(ApiNode endpoint, TalosApiDispatcher dispatcher) {
        return ServerServiceDefinition.builder(MachineServiceGrpc.SERVICE_NAME)
                .addMethod(MachineServiceGrpc.getReadMethod(), ServerCalls.asyncServerStreamingCall(
                        (request, responses) -> CosiStateService.respond(dispatcher, endpoint, "Read", request, responses)))
                .build();
    }
}
