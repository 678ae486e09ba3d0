package dev.talosrehearsal.sim.kube;

import dev.talosrehearsal.common.AtomicFiles;
import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.sim.kube.apiserver.ApiServerDispatcher;
import dev.talosrehearsal.sim.kube.apiserver.ApiServerTls;
import dev.talosrehearsal.sim.kube.apiserver.Discovery;
import dev.talosrehearsal.sim.kube.apiserver.HttpWatchFront;
import dev.talosrehearsal.sim.kube.apiserver.IndexedCrudDispatcher;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;

/**
 * An in-process Kubernetes API: fabric8's mock server in CRUD mode (objects are stored, listed,
 * watched, label-selected) behind {@link ApiServerDispatcher}, which adds what the real kubectl needs:
 * discovery, {@code /version}, server-side Tables. It listens on loopback only: over TLS from the cluster's own
 * Kubernetes CA, with an admin client certificate in the kubeconfig, when it is given the cluster's secrets
 * ({@link #useClusterCertificates}, as a simulated cluster does), so that clients of the written kubeconfig take the
 * path they take to a real cluster; over plain HTTP without authentication otherwise, and always for the simulator's
 * own client and hops.
 * {@link HttpWatchFront} stands in front of the mock so that watches over plain HTTP work too
 * ({@code kubectl get nodes -w}).
 *
 * <p>Starts with the namespaces a fresh cluster has ({@code default}, {@code kube-system},
 * {@code kube-public}, {@code kube-node-lease}). Faithful only as far as the mock goes: equality and
 * existence label selectors work, set-based ones ({@code in}, {@code notin}) are ignored; merge-patching
 * a status appends to its lists (use update/edit status); strategic-merge patch and server-side
 * apply are not supported.
 */
public final class EmbeddedKubernetes implements KubernetesBackend {
    public static final String DEFAULT_VERSION = "v1.34.1";
    private static final List<String> INITIAL_NAMESPACES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    /** The mock logs every request at INFO through java.util.logging; kept referenced so the level sticks. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver.MockWebServer");

    private final String gitVersion;
    private KubernetesMockServer server;
    private KubernetesClient client;
    private KubernetesCrudDispatcher crud;
    private ApiServerDispatcher dispatcher;
    private HttpWatchFront front;
    /** The cluster's secrets to serve TLS from, or null: plain HTTP only (a stand-alone API in tests). */
    private SecretsBundle secrets;
    private ApiServerTls tls;
    private int tlsPort;

    /** @param gitVersion what {@code /version} answers, e.g. {@code v1.34.1} (the cluster's kubernetesVersion) */
    public EmbeddedKubernetes(String gitVersion) {
        this.gitVersion = normalise(Objects.requireNonNull(gitVersion));
    }

    public EmbeddedKubernetes() {
        this(DEFAULT_VERSION);
    }

    static String normalise(String version) {
        return version.startsWith("v") ? version : "v" + version;
    }

    @Override
    public String name() {
        return "embedded";
    }

    @Override
    public synchronized void useClusterCertificates(SecretsBundle secrets) {
        if (server != null) {
            throw new IllegalStateException("TLS is chosen before the embedded Kubernetes API starts");
        }
        this.secrets = secrets;
    }

    /** Loads the client, its HTTP stack and the model serializers (Namespace, Node) without talking to anyone. */
    private static void warmUpClientSide() {
        try (KubernetesClient c = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:1").withHttp2Disable(true).build()).build()) {
            c.getConfiguration();
            Serialization.asJson(new NamespaceBuilder().withNewMetadata().withName("warm-up").endMetadata().build());
            Serialization.unmarshal(Serialization.asJson(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata()
                    .withName("warm-up").endMetadata().withNewStatus().addNewCondition().withType("Ready").endCondition()
                    .endStatus().build()), io.fabric8.kubernetes.api.model.Node.class);
        } catch (RuntimeException e) {
            // a warm-up only: whatever it could not do, start() does anyway
        }
    }

    private static final java.util.concurrent.atomic.AtomicBoolean CLIENT_SIDE_WARMED_UP = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    // Serialization.jsonMapper() is deprecated, but it is the mapper fabric8's CRUD dispatcher itself stores objects with.
    @SuppressWarnings("deprecation")
    public synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("embedded Kubernetes API already started");
        }
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        // Most of a cold start is class loading and serializer set-up, on the server side and on the client
        // side alike: warm the client side on the second core while the server starts. Once per JVM: what it
        // loads stays loaded, and a JVM that starts many clusters (the specs, the tests) would build a client
        // (with its own Vert.x) for nothing every time.
        Thread warmUp = null;
        if (CLIENT_SIDE_WARMED_UP.compareAndSet(false, true)) {
            warmUp = new Thread(EmbeddedKubernetes::warmUpClientSide, "embedded-kubernetes-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
        crud = new IndexedCrudDispatcher();
        MockWebServer web = new MockWebServer();
        dispatcher = new ApiServerDispatcher(crud, Serialization.jsonMapper(), gitVersion,
                () -> "127.0.0.1:" + (tls != null ? tlsPort : front.port()), Clock.systemUTC());
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), web, new HashMap<>(), dispatcher, false);
        server.start(InetAddress.getLoopbackAddress(), 0);
        front = HttpWatchFront.start(server.getPort(), Serialization.jsonMapper(), Clock.systemUTC());
        if (secrets != null) {
            tls = ApiServerTls.of(secrets);
            tlsPort = front.openTls(tls);
        }
        try {
            if (warmUp != null) {
                warmUp.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        client = new KubernetesClientBuilder().withConfig(config()).build();
        for (String ns : INITIAL_NAMESPACES) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                    .addToLabels("kubernetes.io/metadata.name", ns).endMetadata()
                    .withNewStatus().withPhase("Active").endStatus().build()).create();
        }
    }

    /**
     * Serves a custom resource type from now on, as if its CRD had been installed: discovery lists it
     * (so {@code kubectl get} and clients that check discovery find it) and the store keeps its objects.
     * No CRD object is created and no schema is enforced.
     */
    public synchronized void serveCustomResource(String group, String version, String kind, String plural, boolean namespaced) {
        requireStarted();
        crud.expectCustomResource(new io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext.Builder()
                .withGroup(group).withVersion(version).withKind(kind).withPlural(plural)
                .withScope(namespaced ? "Namespaced" : "Cluster").build());
        dispatcher.serve(new Discovery.Resource(group, version, plural, kind.toLowerCase(java.util.Locale.ROOT), kind, namespaced,
                List.of(), false));
    }

    /** True when discovery lists {@code group/version} {@code plural} (built in, or served with {@link #serveCustomResource}). */
    public boolean serves(String group, String version, String plural) {
        requireStarted();
        return dispatcher.serves(group, version, plural);
    }

    /**
     * Watches over plain HTTP streaming now ({@code kubectl get -w}). The mock keeps no history (a
     * deletion before a watch opens is never reported to it), so whoever starts a watch and then
     * changes the cluster (a test, a feature) waits for the watch to be open first.
     */
    public int openHttpWatches() {
        requireStarted();
        return front.openWatches();
    }

    /**
     * The address users and kubectl reach (the front door): {@code https://127.0.0.1:<port>} with the cluster's
     * certificates ({@link #useClusterCertificates}), else {@code http://127.0.0.1:<port>}.
     */
    public String url() {
        requireStarted();
        return tls != null ? "https://127.0.0.1:" + tlsPort : plainUrl();
    }

    private String plainUrl() {
        return "http://127.0.0.1:" + front.port();
    }

    /**
     * The front door's plain-HTTP side, which the simulated tailnet forwards to: its API servers already end the
     * client's TLS with the cluster's certificate (ControlPlaneApiServer), so a second TLS hop would only cost time.
     */
    @Override
    public URI apiUrl() {
        requireStarted();
        return URI.create(plainUrl());
    }

    /**
     * The simulator's own client talks to the mock directly: the front only adds HTTP watches, which
     * fabric8 does not use, and a hop on every write of a 1,000-node mirror.
     */
    private Config config() {
        return new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + server.getPort())
                .withHttp2Disable(true)
                .withNamespace("default")
                .withRequestRetryBackoffLimit(0)
                .build();
    }

    @Override
    public KubernetesClient client() {
        requireStarted();
        return client;
    }

    @Override
    public Path writeKubeconfig(Path target) {
        requireStarted();
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: talos-rehearsal-embedded
                    cluster:
                      server: %s%s
                users:
                  - name: talos-rehearsal
                    user: %s
                contexts:
                  - name: talos-rehearsal-embedded
                    context:
                      cluster: talos-rehearsal-embedded
                      user: talos-rehearsal
                      namespace: default
                current-context: talos-rehearsal-embedded
                preferences: {}
                """.formatted(url(), tls == null ? "" : "\n      " + tls.kubeconfigCluster(), tls == null ? "{}" : tls.kubeconfigUser());
        return Kubeconfigs.write(target, yaml);
    }

    /**
     * Fault: reads of Nodes answer 503 while {@code down} says so (the API server behind the kubeconfig's endpoint is down);
     * see {@link ApiServerDispatcher#nodeReadsUnavailableWhile}.
     */
    public void nodeReadsUnavailableWhile(java.util.function.BooleanSupplier down) {
        requireStarted();
        dispatcher.nodeReadsUnavailableWhile(down);
    }

    /** How many Node reads the fault above refused. */
    public int refusedNodeReads() {
        requireStarted();
        return dispatcher.refusedNodeReads();
    }

    @Override
    public String serverVersion() {
        return gitVersion;
    }

    @Override
    public synchronized void stop() {
        if (client != null) {
            client.close();
            client = null;
        }
        if (front != null) {
            front.close();
            front = null;
        }
        if (server != null) {
            server.shutdown();
            server = null;
            crud = null;
            dispatcher = null;
        }
    }

    private void requireStarted() {
        if (server == null) {
            throw new IllegalStateException("embedded Kubernetes API not started");
        }
    }

    /** Writing kubeconfig files (0600, parents created). */
    static final class Kubeconfigs {
        private Kubeconfigs() {}

        static Path write(Path target, String yaml) {
            AtomicFiles.writePrivate(target, yaml);
            return target;
        }
    }
}
