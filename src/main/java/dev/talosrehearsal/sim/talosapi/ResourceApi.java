package dev.talosrehearsal.sim.talosapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import dev.cosi.api.resource.GetRequest;
import dev.cosi.api.resource.GetResponse;
import dev.cosi.api.resource.ListRequest;
import dev.cosi.api.resource.ListResponse;
import dev.cosi.api.resource.Metadata;
import dev.cosi.api.resource.Resource;
import dev.cosi.api.resource.Spec;
import dev.cosi.api.resource.WatchRequest;
import io.grpc.Status.Code;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What machined answers on the resource API (COSI {@code cosi.resource.State}) for one node, after the access
 * policy Talos wraps around its state (talos internal/app/resources/access.go) and COSI's gRPC server
 * (cosi-project/runtime v1.14.1 pkg/state/protobuf/server/server.go):
 * <ul>
 *   <li>a type without a ResourceDefinition: PERMISSION_DENIED {@code resource type "T" is not supported};</li>
 *   <li>a sensitive type (the machine config) for a client without {@code os:admin}: PERMISSION_DENIED
 *       {@code not authorized};</li>
 *   <li>an unknown namespace: PERMISSION_DENIED {@code namespace "N" is not supported};</li>
 *   <li>{@code Get} of a missing resource: NOT_FOUND {@code resource T(N/ID@undefined) doesn't exist}
 *       (pkg/state/impl/inmem/errors.go);</li>
 *   <li>{@code List}: one ListResponse per resource of the type in that namespace, none when there is none;</li>
 *   <li>{@code Watch}: the same checks; the events are {@link ResourceWatchSession}'s.</li>
 * </ul>
 */
final class ResourceApi {
    static final String SERVICE = "cosi.resource.State";
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build();

    private ResourceApi() {}

    static final String WATCH = "Watch";

    /** Whether {@code method} is one of the resource API's (the dispatcher passes simple method names). */
    static boolean handles(String method) {
        return method.equals("List") || method.equals("Get") || method.equals(WATCH);
    }

    /**
     * The reply messages of {@code method} on a node holding {@code resources}: every ListResponse of a List, or the
     * one GetResponse of a Get.
     *
     * @param version  the version every resource reports (see {@link ModelApiNode#resources})
     */
    static List<Message> answer(String method, Message request, String role, NodeResources resources, long version, Instant at)
            throws ApiError {
        String namespace = switch (method) {
            case "List" -> ((ListRequest) request).getNamespace();
            case WATCH -> ((WatchRequest) request).getNamespace();
            default -> ((GetRequest) request).getNamespace();
        };
        String type = switch (method) {
            case "List" -> ((ListRequest) request).getType();
            case WATCH -> ((WatchRequest) request).getType();
            default -> ((GetRequest) request).getType();
        };
        SimulatedResourceTypes.Served served = SimulatedResourceTypes.byType(type)
                .orElseThrow(() -> new ApiError(Code.PERMISSION_DENIED, "resource type \"" + type + "\" is not supported"));
        if (served.sensitive() && !"os:admin".equals(role)) {
            throw new ApiError(Code.PERMISSION_DENIED, "not authorized");
        }
        if (!SimulatedResourceTypes.NAMESPACES.contains(namespace)) {
            throw new ApiError(Code.PERMISSION_DENIED, "namespace \"" + namespace + "\" is not supported");
        }
        if (method.equals(WATCH)) {
            refuseUnsimulated((WatchRequest) request);
            return List.of(); // the access checks passed; ResourceWatchSession sends the events
        }
        List<SimResource> held = resources.of(served.type()).stream().filter(r -> r.namespace().equals(namespace)).toList();
        if (method.equals("Get")) {
            String id = ((GetRequest) request).getId();
            SimResource found = held.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow(() -> new ApiError(Code.NOT_FOUND,
                    "resource " + type + "(" + namespace + "/" + id + "@undefined) doesn't exist"));
            return List.of(GetResponse.newBuilder().setResource(wire(found, version, at)).build());
        }
        List<Message> out = new ArrayList<>();
        for (SimResource r : held) {
            out.add(ListResponse.newBuilder().setResource(wire(r, version, at)).build());
        }
        return out;
    }

    /**
     * What COSI's server refuses of a Watch (cosi-project/runtime v1.14.1 pkg/state/protobuf/server/server.go, Watch:
     * bootstrap contents of one resource), and what is not simulated: tail events and bookmarks (the model keeps no event
     * history). Label and ID queries are not declared in this project's messages, so they arrive as unknown fields and
     * are ignored: no resource here has labels.
     */
    private static void refuseUnsimulated(WatchRequest request) throws ApiError {
        if (request.hasId() && request.getOptions().getBootstrapContents()) {
            throw new ApiError(Code.UNIMPLEMENTED, "bootstrap contents is not implemented for resource watch");
        }
        if (request.getOptions().getTailEvents() > 0 || request.getOptions().hasStartFromBookmark()
                || request.getOptions().getBootstrapBookmark()) {
            throw new ApiError(Code.UNIMPLEMENTED, "tail events and bookmarks are not simulated (the simulated node keeps no event history)");
        }
    }

    /** A resource as COSI puts it on the wire: metadata, and the spec as YAML (no protobuf spec: see docs/simulator.md). */
    static Resource wire(SimResource r, long version, Instant at) {
        Timestamp ts = Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
        String yaml;
        try {
            yaml = YAML.writeValueAsString(r.spec());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the spec of " + r.type() + " " + r.id(), e);
        }
        return Resource.newBuilder()
                .setMetadata(Metadata.newBuilder().setNamespace(r.namespace()).setType(r.type()).setId(r.id())
                        .setVersion(Long.toString(version)).setOwner(owner(r.type())).setPhase("running")
                        .setCreated(ts).setUpdated(ts).putAllAnnotations(r.annotations()))
                .setSpec(Spec.newBuilder().setYamlSpec(yaml))
                .build();
    }

    /** The controller that writes each type on a real node (shown by talosctl's YAML output). */
    private static String owner(String type) {
        return switch (type) {
            case "AddressStatuses.net.talos.dev" -> "network.AddressStatusController";
            case "NodeAddresses.net.talos.dev" -> "network.NodeAddressController";
            case "LinkStatuses.net.talos.dev" -> "network.LinkStatusController";
            case "RouteStatuses.net.talos.dev" -> "network.RouteStatusController";
            case "HostnameStatuses.net.talos.dev" -> "network.HostnameStatusController";
            case "ResolverStatuses.net.talos.dev" -> "network.ResolverStatusController";
            case "Members.cluster.talos.dev" -> "cluster.MemberController";
            case "EtcdMembers.etcd.talos.dev" -> "etcd.MemberController";
            default -> "";
        };
    }
}
