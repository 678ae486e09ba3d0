package dev.talosrehearsal.sim.kube.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The embedded API's front door: forwards every request to fabric8's mock server unchanged, except
 * watches over plain HTTP, which the mock cannot serve (its watches are WebSocket only) and which
 * kubectl uses ({@code kubectl get nodes -w}, {@code kubectl get -w -o json}, any client-go informer).
 *
 * <p>Such a watch is turned into the mock's WebSocket watch of the same URL, and every event that
 * arrives on it is written to the HTTP response as one line of JSON, {@code {"type":…,"object":…}}, as
 * a real API server streams it; when the client asks for server-side Tables
 * ({@code Accept: application/json;as=Table…}) the object of each event is a Table with that one row,
 * column definitions included. The stream ends after {@code timeoutSeconds}, when the client hangs up,
 * or when the mock closes the WebSocket.
 *
 * <p>The mock keeps no history: every watch begins with each existing object as ADDED. That is right
 * for a watch without a resource version; for one from a version (kubectl's, after its list) the
 * objects not changed since are dropped, those changed since still come as ADDED (a real server says
 * MODIFIED), and an object deleted in between is never reported.
 *
 * <p>WebSocket requests (fabric8's own watches) are relayed message by message in both directions.
 */
public final class HttpWatchFront implements AutoCloseable {
    /** Headers of one hop only, never forwarded (RFC 9110 §7.6.1), plus the ones the forwarder sets itself. */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding",
            "te", "trailer", "upgrade", "host", "content-length");

    /** The mock leaves a request it fails on unanswered; the client gets a 502 instead of waiting forever. */
    private static final int FORWARD_TIMEOUT_SECONDS = 30;

    private final Vertx vertx;
    private final HttpClient upstream;
    private final int upstreamPort;
    private final ObjectMapper json;
    private final Clock wallClock;
    private HttpServer server;
    private HttpServer tlsServer;
    /** HTTP watches streaming now (read by tests, to start a change only once the watch is listening). */
    private final java.util.concurrent.atomic.AtomicInteger openWatches = new java.util.concurrent.atomic.AtomicInteger();

    private HttpWatchFront(int upstreamPort, ObjectMapper json, Clock wallClock) {
        // One event loop is plenty for one user's kubectl and the simulator's client.
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1).setInternalBlockingPoolSize(1));
        this.upstream = vertx.createHttpClient();
        this.upstreamPort = upstreamPort;
        this.json = json;
        this.wallClock = wallClock;
    }

    /** Listens on 127.0.0.1 (a free port) in front of the mock listening on {@code upstreamPort}. */
    public static HttpWatchFront start(int upstreamPort, ObjectMapper json, Clock wallClock) {
        HttpWatchFront front = new HttpWatchFront(upstreamPort, json, wallClock);
        front.server = await(front.vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(front::handle).listen());
        return front;
    }

    /** The plain-HTTP door, for the simulator's own hops (the tailnet's API servers forward to it). */
    public int port() {
        return server.actualPort();
    }

    /**
     * Opens a second door, over TLS with {@code tls}'s serving certificate, asking clients for a certificate and checking
     * one that comes against the cluster's Kubernetes CA, as kube-apiserver does ({@code --client-ca-file}); HTTP/1.1
     * only (no ALPN), which kubectl and fabric8 speak. Returns its port.
     */
    public int openTls(ApiServerTls tls) {
        tlsServer = await(vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setSsl(true)
                        .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(tls.servingCertificatePem()))
                                .setKeyValue(Buffer.buffer(tls.servingKeyPem())))
                        .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(tls.caPem())))
                        .setClientAuth(ClientAuth.REQUEST))
                .requestHandler(this::handle).listen());
        return tlsServer.actualPort();
    }

    public int openWatches() {
        return openWatches.get();
    }

    private void handle(HttpServerRequest request) {
        if (request.headers().contains(HttpHeaders.UPGRADE, HttpHeaders.WEBSOCKET, true)) {
            relayWebSocket(request);
        } else if (!isJson(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            unsupportedMediaType(request);
        } else if (request.method().name().equals("GET") && isWatch(request.getParam("watch"))) {
            streamWatch(request);
        } else {
            forward(request);
        }
    }

    /** No body, or a JSON one: the mock reads nothing else (protobuf, CBOR) and would leave the request unanswered. */
    private static boolean isJson(String contentType) {
        return contentType == null || contentType.contains("json") || contentType.contains("yaml");
    }

    /** What an API server answers to a body it cannot decode: a clear refusal (kubectl 1.32 prints it) instead of a hang. */
    private void unsupportedMediaType(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        ObjectNode status = json.createObjectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                .put("message", "the embedded API reads JSON only, not " + type).put("reason", "UnsupportedMediaType").put("code", 415);
        request.body().onComplete(ignored -> request.response().setStatusCode(415)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(status.toString()));
    }

    private static boolean isWatch(String value) {
        return "true".equals(value) || "1".equals(value);
    }

    /** The mock answers with whole bodies, so requests and responses are forwarded whole. */
    private void forward(HttpServerRequest request) {
        RequestOptions options = new RequestOptions().setMethod(request.method()).setHost("127.0.0.1").setPort(upstreamPort)
                .setURI(request.uri()).setHeaders(endToEnd(request.headers())).setIdleTimeout(TimeUnit.SECONDS.toMillis(FORWARD_TIMEOUT_SECONDS));
        request.body()
                .compose(body -> upstream.request(options).compose(call -> call.send(body)))
                .compose(answer -> answer.body().map(body -> {
                    HttpServerResponse response = request.response().setStatusCode(answer.statusCode())
                            .setStatusMessage(answer.statusMessage());
                    response.headers().addAll(endToEnd(answer.headers()));
                    response.end(body);
                    return body;
                }))
                .onFailure(e -> fail(request.response(), "the embedded API did not answer: " + e.getMessage()));
    }

    private void streamWatch(HttpServerRequest request) {
        boolean table = String.valueOf(request.getHeader(HttpHeaders.ACCEPT)).contains("as=Table");
        String plural = ApiServerDispatcher.ResourcePath.parse(request.path())
                .map(ApiServerDispatcher.ResourcePath::plural).orElse("");
        String includeObject = request.getParam("includeObject");
        long since = since(request.getParam("resourceVersion"));
        HttpServerResponse response = request.response();
        // The mock knows watch=true only; Kubernetes takes 1 as well.
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(upstreamPort)
                .setURI(request.uri().replaceFirst("([?&])watch=1(&|$)", "$1watch=true$2"));
        upstream.webSocket(options).onFailure(e -> fail(response, "the embedded API refused the watch: " + e.getMessage()))
                .onSuccess(socket -> {
                    response.setChunked(true).setStatusCode(200)
                            .putHeader(HttpHeaders.CONTENT_TYPE, table ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json");
                    response.write(Buffer.buffer()); // a real API server sends the headers at once
                    openWatches.incrementAndGet();
                    socket.closeHandler(v -> {
                        openWatches.decrementAndGet();
                        if (!response.ended() && !response.closed()) {
                            response.end();
                        }
                    });
                    socket.textMessageHandler(event -> {
                        Buffer line = line(event, table, plural, includeObject, since);
                        if (line != null && !response.ended() && !response.closed()) {
                            response.write(line);
                        }
                    });
                    response.closeHandler(v -> socket.close());
                    String timeout = request.getParam("timeoutSeconds");
                    if (timeout != null && timeout.matches("\\d{1,9}") && Long.parseLong(timeout) > 0) {
                        vertx.setTimer(TimeUnit.SECONDS.toMillis(Long.parseLong(timeout)), id -> socket.close());
                    }
                });
    }

    /**
     * The resource version a watch starts after, or -1 to start with the current state. Unset and "0"
     * mean "now, beginning with every existing object as ADDED" (which is what the mock sends); a
     * specific version (kubectl's, from the list it printed) means "only what changed after it".
     */
    private static long since(String resourceVersion) {
        return resourceVersion != null && resourceVersion.matches("\\d{1,18}") ? Long.parseLong(resourceVersion) : -1;
    }

    /**
     * One watch event as a line of JSON, its object a one-row Table when the client asked for Tables;
     * null for the mock's replay of an object the client already has (ADDED at or before {@code since}).
     */
    private Buffer line(String event, boolean table, String plural, String includeObject, long since) {
        try {
            ObjectNode parsed = (ObjectNode) json.readTree(event);
            JsonNode object = parsed.path("object");
            String version = object.path("metadata").path("resourceVersion").asText("");
            if (since > 0 && "ADDED".equals(parsed.path("type").asText()) && version.matches("\\d{1,18}")
                    && Long.parseLong(version) <= since) {
                return null;
            }
            if (table && object.isObject() && !"Status".equals(object.path("kind").asText())) {
                parsed.set("object", ServerTables.table(plural, List.of(object), object.path("metadata").path("resourceVersion").asText(null),
                        includeObject, wallClock.instant()));
            }
            return Buffer.buffer(json.writeValueAsString(parsed) + "\n");
        } catch (IOException | ClassCastException e) {
            return Buffer.buffer(event + "\n");
        }
    }

    /** The handshake is accepted at once (vert.x wants that within the request handler); messages wait until the mock answers. */
    private void relayWebSocket(HttpServerRequest request) {
        MultiMap headers = endToEnd(request.headers());
        List.of("sec-websocket-key", "sec-websocket-version", "sec-websocket-extensions").forEach(headers::remove);
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(upstreamPort)
                .setURI(request.uri()).setHeaders(headers);
        request.toWebSocket().onSuccess(down -> {
            down.pause();
            upstream.webSocket(options).onFailure(e -> down.close()).onSuccess(up -> {
                relay(up, down);
                down.resume();
            });
        });
    }

    private static void relay(WebSocket up, ServerWebSocket down) {
        up.textMessageHandler(down::writeTextMessage);
        up.binaryMessageHandler(down::writeBinaryMessage);
        down.textMessageHandler(up::writeTextMessage);
        down.binaryMessageHandler(up::writeBinaryMessage);
        up.closeHandler(v -> {
            if (!down.isClosed()) {
                down.close();
            }
        });
        down.closeHandler(v -> {
            if (!up.isClosed()) {
                up.close();
            }
        });
    }

    private static MultiMap endToEnd(MultiMap headers) {
        MultiMap copy = MultiMap.caseInsensitiveMultiMap();
        headers.forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase(java.util.Locale.ROOT))) {
                copy.add(h.getKey(), h.getValue());
            }
        });
        return copy;
    }

    private static void fail(HttpServerResponse response, String message) {
        if (!response.headWritten()) {
            response.setStatusCode(502).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain").end(message);
        } else if (!response.ended()) {
            response.end();
        }
    }

    @Override
    public void close() {
        try {
            await(vertx.close());
        } catch (RuntimeException e) {
            // closing: nothing to do about a failure here
        }
    }

    private static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded API", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the embedded API's front door did not start: " + e.getMessage(), e);
        }
    }
}
