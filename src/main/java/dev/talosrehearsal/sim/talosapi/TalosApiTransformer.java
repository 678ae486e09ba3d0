package dev.talosrehearsal.sim.talosapi;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.talos.api.machine.ApplyConfigurationRequest;
import dev.talos.api.machine.EtcdMemberListRequest;
import dev.talos.api.machine.RebootRequest;
import java.util.Arrays;
import java.util.List;
import org.wiremock.grpc.dsl.GrpcResponseDefinitionBuilder;

/**
 * Answers every MachineService call a simulated node's WireMock receives: the gRPC extension hands the
 * call over as {@code POST /machine.MachineService/<Method>} with the message as JSON; this turns it
 * back into Talos's message, lets the dispatcher answer, and returns the reply as JSON (or a gRPC
 * status, through the extension's status headers).
 */
final class TalosApiTransformer implements ResponseDefinitionTransformerV2 {
    static final String NAME = "talos-api";

    private final ApiNode node;
    private final TalosApiDispatcher dispatcher;

    TalosApiTransformer(ApiNode node, TalosApiDispatcher dispatcher) {
        this.node = node;
        this.dispatcher = dispatcher;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        Request request = event.getRequest();
        String method = request.getUrl().substring(request.getUrl().lastIndexOf('/') + 1);
        TalosApiDispatcher.Outcome outcome;
        try {
            outcome = dispatcher.dispatch(node, method, parse(method, request.getBodyAsString()),
                    new TalosApiDispatcher.Targets(list(header(request, GrpcHeaders.NODE)), list(header(request, GrpcHeaders.NODES))),
                    header(request, GrpcHeaders.ROLE));
        } catch (InvalidProtocolBufferException e) {
            outcome = new TalosApiDispatcher.Outcome(null, io.grpc.Status.Code.INVALID_ARGUMENT, "bad request: " + e.getMessage(), java.time.Duration.ZERO);
        }
        ResponseDefinitionBuilder response = aResponse().withStatus(200);
        if (!outcome.delay().isZero()) {
            response.withFixedDelay((int) outcome.delay().toMillis());
        }
        if (outcome.failed()) {
            return response.withHeader(GrpcResponseDefinitionBuilder.GRPC_STATUS_NAME, outcome.code().name())
                    .withHeader(GrpcResponseDefinitionBuilder.GRPC_STATUS_REASON, outcome.message())
                    .build();
        }
        try {
            return response.withBody(JsonFormat.printer().print(outcome.reply())).build();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot encode a reply", e);
        }
    }

    private static Message parse(String method, String json) throws InvalidProtocolBufferException {
        Message.Builder builder = switch (method) {
            case "ApplyConfiguration" -> ApplyConfigurationRequest.newBuilder();
            case "EtcdMemberList" -> EtcdMemberListRequest.newBuilder();
            case "Reboot" -> RebootRequest.newBuilder();
            default -> Empty.newBuilder();
        };
        JsonFormat.parser().ignoringUnknownFields().merge(json == null || json.isBlank() ? "{}" : json, builder);
        return builder.build();
    }

    private static String header(Request request, String name) {
        HttpHeader header = request.header(name);
        return header.isPresent() ? header.firstValue() : null;
    }

    private static List<String> list(String joined) {
        return joined == null || joined.isBlank() ? List.of()
                : Arrays.stream(joined.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
