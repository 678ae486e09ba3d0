package dev.talosrehearsal.sim.kube.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What makes fabric8's CRUD mock look like an API server to kubectl: it answers discovery
 * ({@code /api}, {@code /apis}, {@code /api/v1}, {@code /apis/<g>/<v>}), {@code /version} and the
 * health endpoints itself (query strings ignored), turns list/get answers into server-side Tables
 * when the client asks for one, lists items sorted by namespace and name as etcd would, and gives
 * a 404 for a named object a Status body. Everything else (create, update, status, delete, watch
 * over WebSocket) goes to the CRUD dispatcher unchanged.
 *
 * <p>Not served: aggregated discovery (kubectl falls back), OpenAPI (so {@code kubectl explain} and
 * client-side validation of {@code kubectl apply} do not work), strategic-merge patches and
 * server-side apply (the mock answers 415 / ignores them). Watches over plain HTTP never reach this
 * dispatcher: {@link HttpWatchFront} serves them from the mock's WebSocket watches.
 */
public final class ApiServerDispatcher extends Dispatcher {
    private final KubernetesCrudDispatcher crud;
    private final ObjectMapper json;
    private final String gitVersion;
    private final Supplier<String> serverAddress;
    private final Clock wallClock;
    /** Built-in resources first, then custom ones registered while running ({@link #serve(Discovery.Resource)}). */
    private final List<Discovery.Resource> served = new java.util.concurrent.CopyOnWriteArrayList<>(Discovery.RESOURCES);

    public ApiServerDispatcher(KubernetesCrudDispatcher crud, ObjectMapper json, String gitVersion, Supplier<String> serverAddress,
            Clock wallClock) {
        this.crud = crud;
        this.json = json;
        this.gitVersion = gitVersion;
        this.serverAddress = serverAddress;
        this.wallClock = wallClock;
    }

    /** Lists a custom resource in discovery from now on (the CRUD dispatcher stores any path already). */
    public void serve(Discovery.Resource resource) {
        if (!served.contains(resource)) {
            served.add(resource);
        }
    }

    public boolean serves(String group, String version, String plural) {
        return Discovery.resource(served, group, version, plural).isPresent();
    }

    /** While it answers true, reads of Nodes answer 503 (fault: the API server behind the kubeconfig's endpoint is down). */
    private volatile java.util.function.BooleanSupplier nodeReadsDown = () -> false;
    private final java.util.concurrent.atomic.AtomicInteger refusedNodeReads = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Reads of Nodes (what a rollout's gates and pre-flight make) answer 503 while {@code down} says so; writes (the node
     * mirror's) still go through, since the kubelets' own status updates are not what is being simulated as lost.
     */
    public void nodeReadsUnavailableWhile(java.util.function.BooleanSupplier down) {
        nodeReadsDown = java.util.Objects.requireNonNull(down);
    }

    /** How many Node reads answered 503 so far. */
    public int refusedNodeReads() {
        return refusedNodeReads.get();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String full = request.getPath();
        if ("GET".equalsIgnoreCase(request.getMethod()) && full.startsWith("/api/v1/nodes") && nodeReadsDown.getAsBoolean()) {
            refusedNodeReads.incrementAndGet();
            return new MockResponse().setResponseCode(503).setHeader("Content-Type", "application/json").setBody("{\"kind\":\"Status\","
                    + "\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"the Kubernetes API server is not available\","
                    + "\"reason\":\"ServiceUnavailable\",\"code\":503}");
        }
        int q = full.indexOf('?');
        String path = q < 0 ? full : full.substring(0, q);
        Map<String, String> query = q < 0 ? Map.of() : query(full.substring(q + 1));
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!"GET".equalsIgnoreCase(request.getMethod())) {
            return crud.dispatch(request);
        }
        Optional<MockResponse> fixed = fixed(path);
        if (fixed.isPresent()) {
            return fixed.get();
        }
        if ("true".equals(query.get("watch"))) {
            return crud.dispatch(request);
        }
        Optional<ResourcePath> resource = ResourcePath.parse(path);
        if (resource.isEmpty()) {
            return crud.dispatch(request);
        }
        MockResponse answer = crud.handleGet(full);
        if (answer.code() == 404) {
            return status(404, "NotFound", resource.get().plural() + " \"" + resource.get().name() + "\" not found",
                    resource.get());
        }
        if (answer.code() != 200) {
            return answer;
        }
        String accept = String.valueOf(request.getHeader("Accept"));
        boolean list = resource.get().name() == null;
        if (!list && !accept.contains("as=Table")) {
            // One object as JSON: the stored text is the answer (no parse and re-serialisation on every gate's read).
            return answer.setHeader("Content-Type", "application/json");
        }
        JsonNode body = read(answer);
        if (body == null) {
            return answer;
        }
        List<JsonNode> items = new ArrayList<>();
        if (list) {
            body.path("items").forEach(items::add);
            items.sort(Comparator.comparing((JsonNode o) -> o.path("metadata").path("namespace").asText(""))
                    .thenComparing(o -> o.path("metadata").path("name").asText("")));
        } else {
            items.add(body);
        }
        if (accept.contains("as=Table")) {
            String rv = list ? body.path("metadata").path("resourceVersion").asText(null) : null;
            return ok(ServerTables.table(resource.get().plural(), items, rv, query.get("includeObject"), wallClock.instant()));
        }
        if (list) {
            ArrayNode sorted = ((ObjectNode) body).putArray("items");
            items.forEach(sorted::add);
            // The mock answers a label-selected list as a plain "List"; a real server names the kind (kubectl
            // cluster-info, for one, insists on a ServiceList).
            Optional<Discovery.Resource> served = Discovery.resource(this.served, resource.get().group(), resource.get().version(),
                    resource.get().plural());
            if (served.isPresent()) {
                ((ObjectNode) body).put("kind", served.get().kind() + "List").put("apiVersion", served.get().groupVersion());
            }
        }
        return ok(body);
    }

    private Optional<MockResponse> fixed(String path) {
        if (path.equals("/version")) {
            return Optional.of(ok(Discovery.version(gitVersion)));
        }
        if (path.equals("/api")) {
            return Optional.of(ok(Discovery.apiVersions(serverAddress.get())));
        }
        if (path.equals("/apis")) {
            return Optional.of(ok(Discovery.apiGroupList(served)));
        }
        if (path.equals("/api/v1")) {
            return Discovery.resourceList(served, "v1").map(this::ok);
        }
        if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz")) {
            return Optional.of(new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain").setBody("ok"));
        }
        if (path.startsWith("/apis/")) {
            String[] parts = path.substring("/apis/".length()).split("/");
            if (parts.length == 1) {
                return Optional.of(Discovery.apiGroup(served, parts[0]).map(this::ok).orElseGet(() -> notFound(path)));
            }
            if (parts.length == 2) {
                return Optional.of(Discovery.resourceList(served, parts[0] + "/" + parts[1]).map(this::ok).orElseGet(() -> notFound(path)));
            }
        }
        return Optional.empty();
    }

    private MockResponse ok(JsonNode body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(write(body));
    }

    private MockResponse notFound(String path) {
        ObjectNode s = json.createObjectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", "the server could not find the requested resource");
        s.put("reason", "NotFound");
        s.putObject("details");
        s.put("code", 404);
        return new MockResponse().setResponseCode(404).setHeader("Content-Type", "application/json").setBody(write(s));
    }

    private MockResponse status(int code, String reason, String message, ResourcePath resource) {
        ObjectNode s = json.createObjectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", message);
        s.put("reason", reason);
        ObjectNode details = s.putObject("details");
        details.put("name", resource.name());
        if (!resource.group().isEmpty()) {
            details.put("group", resource.group());
        }
        details.put("kind", resource.plural());
        s.put("code", code);
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(write(s));
    }

    private JsonNode read(MockResponse response) {
        if (response.getBody() == null) {
            return null;
        }
        try {
            JsonNode node = json.readTree(new String(response.getBody().getBytes(), StandardCharsets.UTF_8));
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String write(JsonNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.putIfAbsent(k, v);
        }
        return out;
    }

    /** A resource path: {@code /api/v1[/namespaces/<ns>]/<plural>[/<name>]} or the same under {@code /apis/<g>/<v>}. */
    record ResourcePath(String group, String version, String namespace, String plural, String name) {
        /** {@code path} without its query; a trailing slash is allowed, as API servers allow it. */
        static Optional<ResourcePath> parse(String path) {
            String[] p = path.split("/"); // split drops the empty string after a trailing slash
            // ["", "api", "v1", ...] or ["", "apis", group, version, ...]
            int i;
            String group;
            String version;
            if (p.length >= 4 && p[1].equals("api")) {
                group = "";
                version = p[2];
                i = 3;
            } else if (p.length >= 5 && p[1].equals("apis")) {
                group = p[2];
                version = p[3];
                i = 4;
            } else {
                return Optional.empty();
            }
            String namespace = null;
            int rest = p.length - i;
            if (p[i].equals("namespaces") && rest >= 3) {
                namespace = p[i + 1];
                i += 2;
                rest -= 2;
            }
            if (rest == 1) {
                return Optional.of(new ResourcePath(group, version, namespace, p[i], null));
            }
            if (rest == 2) {
                return Optional.of(new ResourcePath(group, version, namespace, p[i], p[i + 1]));
            }
            return Optional.empty(); // subresources (status, ...) go to the CRUD dispatcher
        }
    }
}
