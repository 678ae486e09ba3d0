package dev.talosrehearsal.talos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cosi.api.resource.GetRequest;
import dev.cosi.api.resource.ListRequest;
import dev.cosi.api.resource.Metadata;
import dev.cosi.api.resource.Resource;
import dev.cosi.api.resource.StateGrpc;
import dev.cosi.api.resource.WatchOptions;
import dev.cosi.api.resource.WatchRequest;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.YamlSource;
import dev.talosrehearsal.talos.Replies.NodeReply;
import io.grpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Talos's resource API as talosctl's {@code get} uses it: the COSI {@code cosi.resource.State} service that
 * machined serves and apid proxies (talos internal/app/machined/internal/server/v1alpha1/v1alpha1_server.go,
 * {@code Register}). {@code Get} is unary; {@code List} streams one message per resource; {@code Watch}
 * ({@link ResourceWatch}) streams changes until it is closed. Each node is asked through an endpoint with
 * {@code node} metadata, one call per node, like every other call of {@link TalosClient}; apid refuses the deprecated {@code nodes} fan-out for this service ("one-2-many proxying is
 * not supported", talos internal/app/apid/pkg/director/director.go).
 *
 * <p>Specs are read from the YAML Talos sends beside the protobuf bytes (cosi-project/runtime
 * pkg/resource/protobuf/resource.go fills both), as talosctl's {@code get} does
 * ({@code WithSkipProtobufUnmarshal}), so no per-type message definitions are needed.
 */
public final class TalosResources {
    private final TalosClient client;
    private final Duration deadline;

    TalosResources(TalosClient client, Duration deadline) {
        this.client = client;
        this.deadline = deadline;
    }

    /** Every resource of {@code type} in {@code namespace}, per node (the endpoint itself when {@code nodes} is empty). */
    public List<NodeReply<List<TalosResource>>> list(List<String> nodes, String namespace, String type) {
        ListRequest request = ListRequest.newBuilder().setNamespace(namespace).setType(type).build();
        return client.call(nodes, deadline, StateGrpc::newBlockingStub, stub -> List.of(drain(stub.list(request))),
                (List<Resource> resources, String node) -> new NodeReply<>(node, decodeAll(node, resources), null, null));
    }

    /** One resource per node; a node without it answers NOT_FOUND in its reply. */
    public List<NodeReply<TalosResource>> get(List<String> nodes, String namespace, String type, String id) {
        GetRequest request = GetRequest.newBuilder().setNamespace(namespace).setType(type).setId(id).build();
        return client.call(nodes, deadline, StateGrpc::newBlockingStub, stub -> List.of(stub.get(request).getResource()),
                (Resource resource, String node) -> new NodeReply<>(node, decode(node, resource), null, null));
    }

    /**
     * Watches one node's resources of {@code type} in {@code namespace} — or, with {@code id}, that one resource — as
     * talosctl's {@code get -w} does (cmd/talosctl/cmd/talos/get.go): a type is watched with its current contents first
     * (CREATED for each, then BOOTSTRAPPED), one resource without (COSI refuses bootstrap contents there, and sends the
     * resource's current state as its first event: CREATED, or DESTROYED when there is none). Returns once the watch is set
     * up, within the read deadline; events then go to {@code listener} until the watch is closed or ends.
     *
     * @param node null: the endpoint itself
     * @throws TalosApiException when the watch cannot be set up (an unknown type, a sensitive one without os:admin, a node
     *                           that is down), naming the node
     */
    public ResourceWatch watch(String node, String namespace, String type, String id, ResourceWatch.Listener listener) {
        WatchRequest.Builder request = WatchRequest.newBuilder().setNamespace(namespace).setType(type)
                // 1: BOOTSTRAPPED and ERRORED events too, as COSI's client asks (pkg/state/protobuf/client/client.go)
                .setApiVersion(1);
        if (id != null) {
            request.setId(id).setOptions(WatchOptions.getDefaultInstance());
        } else {
            request.setOptions(WatchOptions.newBuilder().setBootstrapContents(true));
        }
        return ResourceWatch.start(client, node, request.build(), listener, deadline);
    }

    /** The resource types a node knows (its ResourceDefinitions); {@code node} null asks the endpoint itself. */
    public List<ResourceDefinition> definitions(String node) {
        List<NodeReply<List<TalosResource>>> replies = list(node == null ? List.of() : List.of(node),
                ResourceDefinition.NAMESPACE, ResourceDefinition.TYPE);
        List<ResourceDefinition> out = new ArrayList<>();
        for (TalosResource r : Replies.single(replies, node == null ? client.endpoint() : node)) {
            out.add(ResourceDefinition.fromSpec(r.spec()));
        }
        return out;
    }

    /**
     * The definition a user's word names (a canonical type or an alias, any case), asked of one node as talosctl
     * does (talos pkg/machinery/client/resources.go, {@code ResolveResourceKind}): NOT_FOUND when none matches,
     * INVALID_ARGUMENT when several do, with talosctl's messages.
     */
    public ResourceDefinition resolve(String node, String name) {
        List<ResourceDefinition> matched = definitions(node).stream().filter(d -> d.matches(name)).toList();
        if (matched.isEmpty()) {
            throw new TalosApiException(Status.Code.NOT_FOUND, node == null ? client.endpoint() : node,
                    "resource \"" + name + "\" is not registered");
        }
        if (matched.size() > 1) {
            throw new TalosApiException(Status.Code.INVALID_ARGUMENT, node == null ? client.endpoint() : node,
                    "resource type \"" + name + "\" is ambiguous: " + matched.stream().map(d -> d.type().toLowerCase()).toList());
        }
        return matched.get(0);
    }

    /**
     * Each node's NodeAddress lists by ID ({@code routed-no-k8s} → [{@code 192.168.20.10/24}, ...]): the addresses
     * Talos itself picks the kubelet's node IP and etcd's address from.
     */
    public List<NodeReply<Map<String, List<String>>>> nodeAddresses(List<String> nodes) {
        List<NodeReply<Map<String, List<String>>>> out = new ArrayList<>();
        for (NodeReply<List<TalosResource>> reply : list(nodes, ResourceTypes.NETWORK, ResourceTypes.NODE_ADDRESS)) {
            if (!reply.ok()) {
                out.add(new NodeReply<>(reply.node(), null, reply.errorCode(), reply.error()));
                continue;
            }
            Map<String, List<String>> byId = new LinkedHashMap<>();
            for (TalosResource r : reply.value()) {
                List<String> addresses = new ArrayList<>();
                r.spec().path("addresses").forEach(a -> addresses.add(a.asText()));
                byId.put(r.id(), List.copyOf(addresses));
            }
            out.add(new NodeReply<>(reply.node(), byId, null, null));
        }
        return out;
    }

    /** Reads a List stream to its end; a failure in the middle is the call's, as for talosctl. */
    private static List<Resource> drain(Iterator<dev.cosi.api.resource.ListResponse> stream) {
        List<Resource> out = new ArrayList<>();
        stream.forEachRemaining(m -> out.add(m.getResource()));
        return out;
    }

    private static List<TalosResource> decodeAll(String node, List<Resource> resources) {
        List<TalosResource> out = new ArrayList<>();
        resources.forEach(r -> out.add(decode(node, r)));
        return List.copyOf(out);
    }

    static TalosResource decode(String node, Resource resource) {
        Metadata md = resource.getMetadata();
        String what = md.getType() + " " + md.getId() + " from " + node;
        JsonNode spec;
        try {
            spec = YamlSource.parseOne(resource.getSpec().getYamlSpec(), what).root();
        } catch (InputException e) {
            // never e.getMessage(): a bad spec may still hold a secret, and the YAML parser quotes what it read
            throw new TalosApiException(Status.Code.INTERNAL, node, "the YAML spec of " + what + " cannot be read");
        }
        String updated = md.hasUpdated()
                ? DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(md.getUpdated().getSeconds(), md.getUpdated().getNanos()))
                : "";
        return new TalosResource(node, md.getNamespace(), md.getType(), md.getId(), md.getVersion(), md.getOwner(), md.getPhase(),
                updated, md.getLabelsMap(), md.getAnnotationsMap(), spec);
    }
}
