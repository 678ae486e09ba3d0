package dev.talosrehearsal.sim.node;

import dev.talosrehearsal.machineconfig.NodeNames;
import dev.talosrehearsal.inventory.Inventory;

import dev.talosrehearsal.machineconfig.EtcdImage;
import dev.talosrehearsal.machineconfig.ExtensionServices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.machineconfig.ConfigDiff;
import dev.talosrehearsal.machineconfig.MachineConfig;
import dev.talosrehearsal.network.NodeAddress;
import dev.talosrehearsal.machineconfig.RebootRules;
import dev.talosrehearsal.machineconfig.Redaction;
import dev.talosrehearsal.machineconfig.TalosFields;
import dev.talosrehearsal.machineconfig.validation.TalosValidator;
import dev.talosrehearsal.machineconfig.validation.ValidationMode;
import dev.talosrehearsal.machineconfig.validation.ValidationResult;
import dev.talosrehearsal.talconfig.TalosVersion;
import dev.talosrehearsal.talos.ApplyMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A model of one Talos node reacting to machine configs, after docs/talos-behaviour.md#apply-modes (ApplyConfiguration
 * semantics and the effects of the migration's fields), §5 (ext-tailscale) and §6 (traps).
 *
 * <p>State: the <em>persisted</em> config (what the node boots), the <em>active</em> one (what runs),
 * the services, and the addresses from the inventory (plus {@code tailscale0} while ext-tailscale
 * runs). Everything the Kubernetes side and the Talos API show is derived from those: node IP, etcd
 * advertised URL, service states, readiness.
 *
 * <p>Two jobs live beside it: {@link NodeAddressing} derives addresses, node IP and etcd URLs (immutable,
 * fed the node's state), and {@link DisruptionRecord} keeps the disruption intervals (mutable, called
 * only under this node's lock).
 *
 * <p>Thread-safety: every public method holds the node's lock; control planes share their etcd's
 * lock. Clock tasks (reboot end, restart end, TRY revert) take the same lock. An apply marks itself
 * "in progress" for the whole call ({@link #beginApply()}), which is how Talos ≥ 1.12's concurrent
 * apply rejection is modelled.
 */
public final class SimulatedNode {
    static final String KUBELET = "kubelet";
    static final String ETCD = "etcd";
    static final String TAILSCALE_SERVICE = ExtensionServices.serviceId(ExtensionServices.TAILSCALE);
    /** The state message of an extension service waiting for its ExtensionServiceConfig (service_runner.go "Waiting for %s", condition.go). */
    static final String WAITING_FOR_CONFIG = "Waiting for extension service config";
    /**
     * Talos's node-IP controller message
     * (https://github.com/siderolabs/talos/blob/v1.13.0/internal/app/machined/pkg/controllers/k8s/nodeip.go);
     * the kubelet cannot register without an IP.
     */
    public static final String NO_NODE_IP = "no suitable node IP found, please make sure .machine.kubelet.nodeIP filters"
            + " and pod/service subnets are set up correctly";
    static final Duration DEFAULT_TRY_TIMEOUT = Duration.ofMinutes(1);

    private final String hostname;
    private String nodeName;
    private final TalosVersion version;
    private final Inventory.Node inventory;
    private final SimulatedEtcd etcd;
    private final SimClock clock;
    private final NodeTimings timings;
    private final NodeFaults faults;
    private final Object lock;

    private final ServiceTable services = new ServiceTable();
    private final List<NodeEvent> events = new ArrayList<>();
    private final DisruptionRecord disruptions;
    private final NodeAddressing addressing;

    /** The extension services the node's image defines: fixed at first boot (an apply never changes the image). */
    private NodeImage image;
    private MachineConfig persisted;
    /** What was persisted before the last apply that persisted a config: what a boot that lost that write reads. */
    private MachineConfig persistedBeforeLastApply;
    private MachineConfig active;
    private boolean stagedPending;
    private boolean up;
    private long bootGeneration;
    /** The running kernel's boot ID (/proc/sys/kernel/random/boot_id): new at every boot, see {@link #bootId()}. */
    private String bootId;
    /** Where boot IDs come from: seeded by the hostname, so a rehearsal prints the same IDs every time it runs. */
    private final java.util.Random bootIds;
    private int appliesInProgress;
    private TryState tryState;
    /** The node IPs the running kubelet was started with. */
    private List<String> kubeletIps = List.of();
    /** What the running etcd advertises (peer URL); kept when advertisedSubnets match nothing. */
    private String etcdAdvertised;
    /** What etcd listens on: fixed at boot (docs/talos-behaviour.md#etcd-advertised-and-listen-addresses: listen addresses change only after a reboot). */
    private List<String> etcdListenPeerUrls = List.of();
    private Instant crashloopSince;
    /** Told when the node goes down or comes back (its apid's listener follows it); called with the node's lock held. */
    private final List<Runnable> reachabilityListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Told after every event the node records; called with the node's lock held. */
    private final List<Runnable> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Every address the node has had since it booted, for NodeAddress "accumulative" (node_address.go only adds to it). */
    private final Set<NodeAddress> addressesSinceBoot = new java.util.LinkedHashSet<>();

    private record TryState(MachineConfig baseline, SimClock.Scheduled revert) {}

    public SimulatedNode(String hostname, TalosVersion version, Inventory.Node inventory, SimulatedEtcd etcd, SimClock clock,
                         NodeTimings timings, NodeFaults faults) {
        this.hostname = Objects.requireNonNull(hostname);
        this.version = Objects.requireNonNull(version);
        this.inventory = Objects.requireNonNull(inventory);
        this.etcd = etcd;
        this.clock = Objects.requireNonNull(clock);
        this.timings = Objects.requireNonNull(timings);
        this.faults = Objects.requireNonNull(faults);
        this.lock = etcd != null ? etcd.lock() : new Object();
        this.disruptions = new DisruptionRecord(hostname, clock);
        this.addressing = new NodeAddressing(inventory, version);
        // random per node and run, as the kernel's boot_id is: a simulated cluster started again never repeats the boot IDs
        // a journal of an earlier run recorded (a resume would take an old ID for "not rebooted yet")
        this.bootIds = new java.util.Random();
        faults.onChange(this::faultsChanged);
    }

    public SimulatedNode(String hostname, TalosVersion version, Inventory.Node inventory, SimulatedEtcd etcd, SimClock clock) {
        this(hostname, version, inventory, etcd, clock, NodeTimings.DEFAULT, new NodeFaults());
    }

    // ---------------------------------------------------------------- identity

    public String hostname() {
        return hostname;
    }

    /**
     * The Kubernetes Node's name, as Talos derives it from the hostname and the config the node first booted
     * ({@link NodeNames}: {@code cp-1.dc1.example} is Node {@code cp-1}); the hostname before the first boot. A later
     * config that changes it would make the kubelet register a second Node; that is not modelled.
     */
    public String nodeName() {
        synchronized (lock) {
            return nodeName != null ? nodeName : hostname;
        }
    }

    public TalosVersion talosVersion() {
        return version;
    }

    /** The clock the node lives on (its resources' timestamps follow it). */
    public SimClock clock() {
        return clock;
    }

    public NodeFaults faults() {
        return faults;
    }

    public Inventory.Node inventory() {
        return inventory;
    }

    /** {@code controlplane} or {@code worker}, from the active config's machine.type ({@code init} counts as controlplane). */
    public String role() {
        synchronized (lock) {
            requireBooted();
            return isControlPlane(active) ? "controlplane" : "worker";
        }
    }

    public boolean controlPlane() {
        synchronized (lock) {
            requireBooted();
            return isControlPlane(active);
        }
    }

    private static boolean isControlPlane(MachineConfig config) {
        String type = config.at("/machine/type").asText();
        return type.equals("controlplane") || type.equals("init");
    }

    // ---------------------------------------------------------------- lifecycle

    /** First boot: persisted = active = {@code config}, services up. */
    public void boot(MachineConfig config) {
        synchronized (lock) {
            if (persisted != null) {
                throw new IllegalStateException(hostname + " is already booted");
            }
            boolean cp = isControlPlane(config);
            if (cp && etcd == null) {
                throw new IllegalArgumentException(hostname + " is a control plane: give it the cluster's SimulatedEtcd");
            }
            if (!cp && etcd != null) {
                throw new IllegalArgumentException(hostname + " is a worker: workers run no etcd");
            }
            persisted = config;
            nodeName = NodeNames.kubernetesNode(hostname, config);
            image = NodeImage.of(inventory, config);
            bootOn(config);
            event(NodeEvent.Kind.BOOTED, "booted " + version.tag() + " as " + (cp ? "controlplane" : "worker"));
        }
    }

    /**
     * Reboots: the node goes down (API UNAVAILABLE, services stopped, etcd member down) and after
     * {@link NodeTimings#reboot()} boots its persisted config, which is where a STAGED config takes
     * effect and a TRY config is dropped (§2). With {@link NodeFaults#neverReturnsFromReboot()} it
     * stays down.
     */
    public void reboot() {
        synchronized (lock) {
            requireUp();
            startReboot("reboot requested");
        }
    }

    /**
     * Runs {@code listener} whenever the node goes down or comes back up. It runs with the node's lock held,
     * so it must only note the change (e.g. hand it to another thread) and never call back into the node
     * (but {@link #isReachable()}, which takes the lock its thread holds). Returns what unsubscribes it.
     */
    public Runnable onReachabilityChange(Runnable listener) {
        reachabilityListeners.add(Objects.requireNonNull(listener));
        return () -> reachabilityListeners.remove(listener);
    }

    /**
     * Runs {@code listener} after every change the node records as an event (an apply, a reboot, a service starting,
     * an etcd member update, …), with the node's lock held: as for {@link #onReachabilityChange}, it must only hand the
     * news to another thread. Returns what unsubscribes it. What observers (a resource watch) derive from the model
     * changes only with such events, or with another node's.
     */
    public Runnable onChange(Runnable listener) {
        changeListeners.add(Objects.requireNonNull(listener));
        return () -> changeListeners.remove(listener);
    }

    /**
     * The node's boot ID as the kernel shows it in /proc/sys/kernel/random/boot_id: a random (version 4) UUID drawn at
     * every boot (random(4): "a random string like 6fd5a44b-35f4-4ad4-a9b9-6b9be13e1fe9 … each boot"), which is how
     * talosctl tells that a node rebooted (cmd/talosctl/pkg/talos/action/tracker.go, getBootID).
     *
     * @throws NodeApiException UNAVAILABLE while the node is down
     */
    public String bootId() {
        synchronized (lock) {
            requireUp();
            return bootId;
        }
    }

    /**
     * The boot ID of the last boot, down or not: what the kubelet last reported in its Node's {@code nodeInfo.bootID}
     * (the same kernel boot_id Talos reports), which a Node keeps while its node is down.
     */
    public String lastBootId() {
        synchronized (lock) {
            return bootId;
        }
    }

    private String newBootId() {
        long high = (bootIds.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (bootIds.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new java.util.UUID(high, low).toString();
    }

    /** False while rebooting (or after a reboot it never returned from): every API call answers UNAVAILABLE. */
    public boolean isReachable() {
        synchronized (lock) {
            return up;
        }
    }

    private void startReboot(String reason) {
        if (faults.takeIgnoredReboot()) {
            // machined answered (Reboot, or the apply) before the sequence runs; the sequence could not take the
            // sequencer's lock (runtime.ErrLocked), which is only logged: the node runs on, same boot, same active config
            event(NodeEvent.Kind.IGNORED_REBOOT, reason + ": reboot sequence not started: locked (fault rebootIgnored)");
            return;
        }
        up = false;
        reachabilityListeners.forEach(Runnable::run);
        long generation = ++bootGeneration;
        if (tryState != null) {
            tryState.revert().cancel();
            tryState = null;
            event(NodeEvent.Kind.TRY_DROPPED_BY_REBOOT, "reboot during TRY: the persisted config boots");
        }
        event(NodeEvent.Kind.REBOOT_STARTED, reason);
        disruptions.closeAll();
        disruptions.open(Disruption.Kind.REBOOT);
        Instant now = clock.now();
        for (String id : services.ids()) {
            ServiceTable.Service s = services.get(id);
            services.transition(s, now, "Finished", "Service finished successfully");
            services.health(s, now, false, true, "");
            s.generation++;
        }
        if (etcd != null) {
            etcd.setStarted(hostname, false);
        }
        clock.schedule(timings.reboot(), () -> finishReboot(generation));
    }

    private void finishReboot(long generation) {
        synchronized (lock) {
            if (generation != bootGeneration || up) {
                return;
            }
            if (faults.neverReturnsFromReboot()) {
                event(NodeEvent.Kind.REBOOT_NEVER_RETURNED, "node did not come back from reboot (fault neverReturnsFromReboot)");
                return;
            }
            disruptions.close(Disruption.Kind.REBOOT);
            if (faults.takeBootsPreviousConfig() && persistedBeforeLastApply != null) {
                // Talos boots what its STATE partition holds (apply writes the config there, then reboots: talos PR 4642);
                // when that write did not survive (a STATE partition not found or corrupted at boot, talos issue 9927) the
                // node comes back on the config it had before.
                persisted = persistedBeforeLastApply;
                bootOn(persisted);
                event(NodeEvent.Kind.REBOOT_FINISHED, "booted the config persisted before the last apply (fault bootsPreviousConfig)");
                return;
            }
            bootOn(persisted);
            event(NodeEvent.Kind.REBOOT_FINISHED, "booted the persisted config");
        }
    }

    /** Brings the node up on {@code config}: every service started, etcd listening where this config says. */
    private void bootOn(MachineConfig config) {
        bootId = newBootId();
        addressesSinceBoot.clear(); // machined's resources live in memory: a boot starts them afresh
        active = config;
        persisted = config;
        stagedPending = false;
        up = true;
        reachabilityListeners.forEach(Runnable::run);
        Instant now = clock.now();
        services.clear();
        List<String> ids = new ArrayList<>(List.of("apid", "containerd", "cri", KUBELET, "udevd"));
        if (isControlPlane(config)) {
            ids.addAll(List.of(ETCD, "trustd"));
        }
        Set<String> configured = ExtensionServices.byName(config).keySet();
        image.extensionServices().stream().filter(configured::contains).forEach(n -> ids.add(ExtensionServices.serviceId(n)));
        for (String id : ids) {
            startFresh(id, now);
        }
        // the image's other extension services are started too and wait for their configuration (extension_service.go)
        image.extensionServices().stream().filter(n -> !configured.contains(n)).forEach(n -> waitForConfig(services.create(ExtensionServices.serviceId(n)), now));
        configured.stream().filter(n -> !image.defines(n)).forEach(this::noSuchExtensionService);
        kubeletIps = nodeIps();
        if (isControlPlane(config)) {
            Optional<String> desired = etcdDesiredPeerUrl();
            if (desired.isPresent()) {
                etcdAdvertised = desired.get();
            }
            etcdListenPeerUrls = addressing.etcdListenPeerUrls(addresses(), config);
            String etcdVersion = EtcdImage.runningVersion(config, version);
            etcd.memberStarted(hostname, etcdAdvertised, NodeAddressing.clientUrl(etcdAdvertised), etcdListenPeerUrls, etcdVersion,
                    storageVersion(etcdVersion), etcdListener());
        }
        reconcile();
    }

    /**
     * The storage version EtcdStatus carries: etcd's own from 3.6, else its server version's {@code major.minor.0}, as
     * machined fills it (v1alpha1_server.go EtcdStatus); Talos before v1.11 has no such field (machine.proto).
     */
    private String storageVersion(String etcdVersion) {
        if (!version.atLeast(1, 11)) {
            return "";
        }
        String[] parts = etcdVersion.split("\\.");
        return parts.length < 2 ? "unknown" : parts[0] + "." + parts[1] + ".0";
    }

    private void waitForConfig(ServiceTable.Service s, Instant now) {
        services.transition(s, now, "Waiting", WAITING_FOR_CONFIG);
        services.health(s, now, false, true, "");
    }

    /** An ExtensionServiceConfig for a service no extension in the image defines: Talos starts nothing, and says nothing. */
    private void noSuchExtensionService(String name) {
        event(NodeEvent.Kind.SERVICE_MISSING, "ExtensionServiceConfig " + name + " starts nothing: no system extension in the node's image defines "
                + ExtensionServices.serviceId(name));
    }

    private void startFresh(String id, Instant now) {
        ServiceTable.Service s = services.create(id);
        services.transition(s, now, "Starting", "Starting service");
        services.transition(s, now, "Running", "Service started");
        services.health(s, now, true, false, "Health check successful");
    }

    // ---------------------------------------------------------------- apply

    /**
     * {@code ApplyConfiguration} for this node (docs/talos-behaviour.md#apply-modes).
     *
     * @param tryTimeout for TRY; null or zero = 1 minute
     * @throws NodeApiException INVALID_ARGUMENT (not a config, a config Talos's validation refuses, or up to v1.13 a
     *                           reboot needed in NO_REBOOT/TRY), UNIMPLEMENTED (REBOOT mode from v1.14),
     *                           FAILED_PRECONDITION (≥ 1.12, another apply in progress), UNAVAILABLE (node down)
     */
    public ApplyOutcome apply(byte[] data, ApplyMode mode, boolean dryRun, Duration tryTimeout) {
        try (ApplyCall call = beginApply()) {
            return call.apply(data, mode, dryRun, tryTimeout);
        }
    }

    /**
     * Marks an apply as in progress until the returned call is closed; the gRPC layer wraps its
     * latency fault in it, tests hold it to provoke the concurrent-apply rule: machined rejects a
     * second apply with FAILED_PRECONDITION "another apply configuration is already in progress" from
     * the releases that carry siderolabs/talos commit 951922dfb ("fix: guard apply config API call":
     * v1.12.9, v1.13.3, v1.14.0-alpha.1; ApplyConfiguration in v1alpha1_server.go); earlier releases let
     * it through.
     */
    public ApplyCall beginApply() {
        synchronized (lock) {
            requireUp();
            if (appliesInProgress > 0 && guardsConcurrentApply(version)) {
                throw new NodeApiException(ApiCode.FAILED_PRECONDITION, "another apply configuration is already in progress");
            }
            appliesInProgress++;
            return new ApplyCall();
        }
    }

    /**
     * From siderolabs/talos commit 995bc30d5 ("feat: drop apply config method reboot", v1.14.0-alpha.2 and later;
     * ApplyConfiguration in v1alpha1_server.go) machined no longer asks whether a change can be applied without a
     * reboot: AUTO always resolves to NO_REBOOT, NO_REBOOT and TRY are never refused for a change that used to need a
     * reboot, and REBOOT is refused as Unimplemented outside maintenance mode. Rebooting is left to the operator.
     */
    static boolean appliesEveryChangeLive(TalosVersion v) {
        return v.atLeast(1, 14);
    }

    private static boolean guardsConcurrentApply(TalosVersion v) {
        return v.carriesFixOf("v1.12.9", "v1.13.3", "v1.14.0");
    }

    /** One ApplyConfiguration call in progress. */
    public final class ApplyCall implements AutoCloseable {
        private boolean closed;

        private ApplyCall() {}

        public ApplyOutcome apply(byte[] data, ApplyMode mode, boolean dryRun, Duration tryTimeout) {
            synchronized (lock) {
                if (closed) {
                    throw new IllegalStateException("apply call already closed");
                }
                return applyLocked(data, mode, dryRun, tryTimeout);
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (!closed) {
                    closed = true;
                    appliesInProgress--;
                }
            }
        }
    }

    private ApplyOutcome applyLocked(byte[] data, ApplyMode mode, boolean dryRun, Duration tryTimeout) {
        requireUp();
        Objects.requireNonNull(mode);
        // §2: "A non-TRY apply first cancels a pending try rollback" - before anything else, as machined does.
        if (mode != ApplyMode.TRY && tryState != null) {
            tryState.revert().cancel();
            tryState = null;
            event(NodeEvent.Kind.TRY_CONFIRMED, "pending TRY rollback cancelled by a " + mode + " apply");
        }
        MachineConfig next = parse(data);
        boolean appliesLive = appliesEveryChangeLive(version);
        if (mode == ApplyMode.REBOOT && appliesLive) {
            throw new NodeApiException(ApiCode.UNIMPLEMENTED, "the REBOOT mode is not supported, please use AUTO or NO_REBOOT modes instead");
        }
        validate(next);
        if (isControlPlane(next) != isControlPlane(active)) {
            throw new NodeApiException(ApiCode.INVALID_ARGUMENT, "machine type can't be changed from "
                    + active.at("/machine/type").asText() + " to " + next.at("/machine/type").asText());
        }
        List<String> rebootPaths = RebootRules.pathsNeedingReboot(active, next);
        boolean needsReboot = !rebootPaths.isEmpty() && !appliesLive;
        ApplyMode resolved = switch (mode) {
            case AUTO -> needsReboot ? ApplyMode.REBOOT : ApplyMode.NO_REBOOT;
            case NO_REBOOT, TRY -> {
                if (needsReboot) {
                    throw new NodeApiException(ApiCode.INVALID_ARGUMENT, "this config change can't be applied in immediate mode"
                            + " (changed: " + String.join(", ", rebootPaths) + ")");
                }
                yield mode;
            }
            case REBOOT, STAGED -> mode;
        };
        Duration timeout = tryTimeout == null || tryTimeout.isZero() ? DEFAULT_TRY_TIMEOUT : tryTimeout;
        String details = switch (resolved) {
            case REBOOT -> "Applied configuration with a reboot";
            case NO_REBOOT -> "Applied configuration without a reboot";
            case STAGED -> "Staged configuration to be applied after the next reboot";
            // Not quoted from Talos: the model's wording for TRY.
            case TRY -> "Applied configuration without a reboot, will be reverted in " + human(timeout) + " unless confirmed";
            case AUTO -> throw new IllegalStateException();
        };
        if (dryRun) {
            String diff = ConfigDiff.unified("current", Redaction.redact(active).toYaml(), "new", Redaction.redact(next).toYaml());
            event(NodeEvent.Kind.DRY_RUN, "dry run, " + resolved + ": nothing applied");
            return new ApplyOutcome(resolved, "Dry run summary:\n" + details + " (skipped in dry-run).\nConfig diff:\n\n"
                    + (diff.isEmpty() ? "No changes." : diff), List.of());
        }
        event(NodeEvent.Kind.APPLIED, "apply " + mode + (mode == resolved ? "" : " → " + resolved) + ": " + details
                + (appliesLive && !rebootPaths.isEmpty() && resolved != ApplyMode.STAGED
                        ? " (including " + String.join(", ", rebootPaths) + ", which Talos up to v1.13 applies only with a reboot)" : ""));
        if (resolved != ApplyMode.TRY) { // a try is never persisted
            persistedBeforeLastApply = persisted;
        }
        switch (resolved) {
            case REBOOT -> {
                persisted = next;
                stagedPending = false;
                startReboot("apply " + mode + " needs a reboot");
            }
            case NO_REBOOT -> {
                MachineConfig before = active;
                persisted = next;
                stagedPending = false;
                activate(before, next);
            }
            case STAGED -> {
                // Talos writes the staged config to disk now; it is what the next boot reads.
                persisted = next;
                stagedPending = true;
                event(NodeEvent.Kind.STAGED, "staged for the next reboot");
            }
            case TRY -> {
                MachineConfig baseline = tryState != null ? tryState.baseline() : active;
                if (tryState != null) {
                    tryState.revert().cancel();
                }
                long generation = bootGeneration;
                SimClock.Scheduled revert = clock.schedule(timeout, () -> revertTry(generation));
                tryState = new TryState(baseline, revert);
                MachineConfig before = active;
                activate(before, next);
            }
            default -> throw new IllegalStateException();
        }
        return new ApplyOutcome(resolved, details, List.of());
    }

    private void revertTry(long generation) {
        synchronized (lock) {
            if (tryState == null || generation != bootGeneration || !up) {
                return;
            }
            MachineConfig baseline = tryState.baseline();
            tryState = null;
            MachineConfig tried = active;
            event(NodeEvent.Kind.TRY_REVERTED, "TRY timeout: reverted to the configuration before the try");
            activate(tried, baseline);
        }
    }

    private MachineConfig parse(byte[] data) {
        if (data == null || data.length == 0) {
            throw new NodeApiException(ApiCode.INVALID_ARGUMENT, "failed to parse config: no v1alpha1 document");
        }
        MachineConfig config;
        try {
            config = MachineConfig.parse(new String(data, StandardCharsets.UTF_8), "config");
        } catch (InputException e) {
            throw new NodeApiException(ApiCode.INVALID_ARGUMENT, "failed to parse config: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new NodeApiException(ApiCode.INVALID_ARGUMENT, "failed to parse config: not a machine configuration");
        }
        return decodable(config);
    }

    /**
     * What this node's release can decode ({@link TalosFields#undecodable}): a document kind or a field it does not
     * know is refused before validation, whatever release the config was rendered for.
     */
    private MachineConfig decodable(MachineConfig config) {
        TalosFields.forVersion(version).undecodable(config.documents()).ifPresent(reason -> {
            throw new NodeApiException(ApiCode.INVALID_ARGUMENT, "failed to parse config: " + reason);
        });
        return config;
    }

    /**
     * machined validates the config before anything else and answers InvalidArgument with the validation
     * error's text (docs/talos-behaviour.md#validation). The node is installed, so no install section is
     * required. The rules are the generator's own (machineconfig.validation), so a config the generator
     * would refuse is refused here too, and the other way round.
     */
    private void validate(MachineConfig config) {
        ValidationResult result = TalosValidator.validate(config.documents(), version, ValidationMode.INSTALLED);
        if (!result.valid()) {
            throw new NodeApiException(ApiCode.INVALID_ARGUMENT, result.talosMessage());
        }
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return (s >= 60 ? (s / 60) + "m" : "") + (s % 60) + "s";
    }

    // ---------------------------------------------------------------- effects of a config change

    /** The active config changes without a reboot: restart what machined restarts (§2 "Effects"). */
    private void activate(MachineConfig from, MachineConfig to) {
        active = to;
        Instant now = clock.now();
        // machine.kubelet (validSubnets among it), or from v1.14 the KubeletConfig / KubeNodeConfig documents
        // → kubelet restarts by itself, no reboot.
        if (!from.at("/machine/kubelet").equals(to.at("/machine/kubelet"))
                || !from.documents("KubeletConfig").equals(to.documents("KubeletConfig"))
                || !from.documents("KubeNodeConfig").equals(to.documents("KubeNodeConfig"))) {
            restart(KUBELET, "kubelet configuration changed");
        }
        // ExtensionServiceConfig change → ext-<name> restarts; added → starts; removed → stops.
        Map<String, ObjectNode> before = ExtensionServices.byName(from);
        Map<String, ObjectNode> after = ExtensionServices.byName(to);
        Set<String> names = new HashSet<>(before.keySet());
        names.addAll(after.keySet());
        for (String name : names.stream().sorted().toList()) {
            String id = ExtensionServices.serviceId(name);
            if (!image.defines(name)) {
                if (!before.containsKey(name)) {
                    noSuchExtensionService(name);
                }
            } else if (!after.containsKey(name)) {
                // handleRestart stops the service and starts it again: it waits for its configuration (extension_service.go)
                ServiceTable.Service s = services.get(id);
                if (s != null && !s.state.equals("Waiting")) {
                    if (!s.state.equals("Running")) {
                        disruptions.close(Disruption.Kind.EXTENSION_RESTART); // its pending start is dropped below
                    }
                    services.transition(s, now, "Finished", "Service finished successfully");
                    s.generation++; // a start still pending completes nothing
                    waitForConfig(s, now);
                    event(NodeEvent.Kind.SERVICE_STOPPED, id + " stopped: its ExtensionServiceConfig was removed; it waits for one");
                }
            } else if (!before.containsKey(name)) {
                ServiceTable.Service s = services.get(id) != null ? services.get(id) : services.create(id);
                services.transition(s, now, "Starting", "Starting service");
                services.health(s, now, false, true, "");
                event(NodeEvent.Kind.SERVICE_STARTED, id + " starting: ExtensionServiceConfig added");
                completeStartLater(s, Disruption.Kind.EXTENSION_RESTART, false);
            } else if (!before.get(name).equals(after.get(name))) {
                restart(id, "ExtensionServiceConfig " + name + " changed");
            }
        }
        reconcile();
    }

    /** Stops and restarts a service; completes after {@link NodeTimings#serviceRestart()}. */
    private void restart(String id, String reason) {
        ServiceTable.Service s = services.get(id);
        if (s == null) {
            return;
        }
        Instant now = clock.now();
        // etcd is never restarted alone: Talos restarts it only with the node (see reconcile)
        Disruption.Kind kind = id.equals(KUBELET) ? Disruption.Kind.KUBELET_RESTART : Disruption.Kind.EXTENSION_RESTART;
        boolean alreadyRestarting = !s.state.equals("Running");
        services.transition(s, now, "Stopping", "Restarting: " + reason);
        services.transition(s, now, "Starting", "Starting service");
        services.health(s, now, false, true, "");
        event(NodeEvent.Kind.SERVICE_RESTARTING, id + " restarting: " + reason);
        if (!alreadyRestarting) {
            disruptions.open(kind);
        }
        completeStartLater(s, kind, true);
    }

    private void completeStartLater(ServiceTable.Service s, Disruption.Kind kind, boolean disruptionOpen) {
        long generation = ++s.generation;
        long boot = bootGeneration;
        if (!disruptionOpen) {
            disruptions.open(kind);
        }
        clock.schedule(timings.serviceRestart(), () -> {
            synchronized (lock) {
                if (boot != bootGeneration || !up || s.generation != generation || services.get(s.id) != s) {
                    return;
                }
                Instant now = clock.now();
                services.transition(s, now, "Running", "Service started");
                services.health(s, now, true, false, "Health check successful");
                disruptions.close(kind);
                event(NodeEvent.Kind.SERVICE_RUNNING, s.id + " running");
                if (s.id.equals(KUBELET)) {
                    kubeletIps = nodeIps();
                }
                reconcile();
            }
        });
    }

    /**
     * Brings derived state in line after any change: kubelet follows the node IP, etcd follows its
     * advertised address, health follows faults and quorum.
     */
    private void reconcile() {
        if (!up) {
            return;
        }
        Instant now = clock.now();
        // Node IP moved (validSubnets, tailscale0 coming or going): the kubelet is restarted with it.
        List<String> ips = nodeIps();
        if (services.running(KUBELET) && !ips.equals(kubeletIps)) {
            restart(KUBELET, "node IP changed to " + (ips.isEmpty() ? "(none)" : String.join(",", ips)));
        }
        // advertisedSubnets picks another address: Talos's AdvertisedPeerController asks the cluster for a member
        // update while etcd runs (controllers/etcd/advertised_peer.go, MemberUpdate), which needs quorum; etcd itself
        // is not restarted (it is not even restartable through the API) and keeps the listen addresses it started with
        // (SimulatedEtcd). No matching address: nothing happens, silently.
        if (etcd != null) {
            Optional<String> desired = etcdDesiredPeerUrl();
            if (desired.isPresent() && !desired.get().equals(etcdAdvertised)) {
                etcdAdvertised = desired.get();
                etcd.requestPeerUrl(hostname, etcdAdvertised, NodeAddressing.clientUrl(etcdAdvertised));
            }
            etcd.setFaultUnhealthy(hostname, faults.etcdUnhealthy());
        }
        disruptions.follow(Disruption.Kind.ETCD_UNHEALTHY, etcd != null && faults.etcdUnhealthy());
        disruptions.follow(Disruption.Kind.ETCD_UNREACHABLE, etcd != null && !etcd.listensWhereItAdvertises(hostname));
        disruptions.follow(Disruption.Kind.KUBELET_CRASHLOOP, faults.kubeletCrashloop());
        crashloopSince = faults.kubeletCrashloop() ? (crashloopSince == null ? now : crashloopSince) : null;
        refreshHealth(now);
    }

    private void refreshHealth(Instant now) {
        ServiceTable.Service kubelet = services.get(KUBELET);
        if (kubelet != null && kubelet.state.equals("Running")) {
            if (nodeIps().isEmpty()) {
                services.health(kubelet, now, false, false, NO_NODE_IP);
            } else {
                services.health(kubelet, now, true, false, "Health check successful");
            }
        }
        ServiceTable.Service etcdService = services.get(ETCD);
        if (etcdService != null && etcdService.state.equals("Running")) {
            if (faults.etcdUnhealthy()) {
                services.health(etcdService, now, false, false, "context deadline exceeded");
            } else if (!etcd.hasQuorum()) {
                services.health(etcdService, now, false, false, "etcdserver: no leader");
            } else {
                services.health(etcdService, now, true, false, "Health check successful");
            }
        }
    }

    private void faultsChanged() {
        synchronized (lock) {
            reconcile();
        }
    }

    private SimulatedEtcd.MemberListener etcdListener() {
        return new SimulatedEtcd.MemberListener() {
            @Override
            public void peerUrlUpdated(String peerUrl) {
                event(NodeEvent.Kind.ETCD_MEMBER_UPDATED, "etcd member peer URL updated to " + peerUrl);
                // the update may come late (when quorum returns): whether etcd listens there is decided now
                disruptions.follow(Disruption.Kind.ETCD_UNREACHABLE, !etcd.listensWhereItAdvertises(hostname));
            }

            @Override
            public void peerUrlPending(String peerUrl) {
                event(NodeEvent.Kind.ETCD_MEMBER_UPDATE_PENDING, "etcd member update to " + peerUrl + " waits for quorum");
            }
        };
    }

    // ---------------------------------------------------------------- derived state

    /** The node's addresses now: the inventory's links, plus tailscale0 while ext-tailscale runs. */
    public List<NodeAddress> addresses() {
        synchronized (lock) {
            return addressing.addresses(up, tailscaleRunning());
        }
    }

    /**
     * Every address the node has had since it booted, in the order first seen: Talos's NodeAddressController adds each
     * current address to the "accumulative" list and never takes one out (talos v1.13.0
     * internal/app/machined/pkg/controllers/network/node_address.go, updateAccumulativeAddresses), so tailscale0's
     * address stays there while ext-tailscale restarts.
     */
    public List<NodeAddress> addressesSinceBoot() {
        synchronized (lock) {
            noteAddresses();
            return List.copyOf(addressesSinceBoot);
        }
    }

    private void noteAddresses() {
        if (up) {
            addressesSinceBoot.addAll(addressing.addresses(true, tailscaleRunning()));
        }
    }

    /** The extension services the node's image defines (known after its first boot). */
    public NodeImage image() {
        synchronized (lock) {
            return image;
        }
    }

    /** True while ext-tailscale is Running (and so tailscale0 exists). */
    public boolean tailscaleRunning() {
        synchronized (lock) {
            return up && services.running(TAILSCALE_SERVICE);
        }
    }

    /**
     * The kubelet's node IP: the first IPv4 routed address (numeric order) inside
     * machine.kubelet.nodeIP.validSubnets, outside pod/service subnets; empty when none matches
     * (trap 2: "no suitable node IP found", node NotReady).
     */
    public Optional<String> kubeletNodeIp() {
        synchronized (lock) {
            return nodeIps().stream().filter(ip -> !ip.contains(":")).findFirst();
        }
    }

    /** First IPv4 and first IPv6 node IP (Talos picks one of each). */
    public List<String> kubeletNodeIps() {
        synchronized (lock) {
            return nodeIps();
        }
    }

    private List<String> nodeIps() {
        if (!up || active == null) {
            return List.of();
        }
        return addressing.kubeletNodeIps(addresses(), active);
    }

    /**
     * The peer URL this node's etcd advertises ({@code https://<addr>:2380}); it keeps its previous
     * URL when the active advertisedSubnets match no address (silent, §2). Empty on workers.
     */
    public Optional<String> etcdAdvertisedPeerUrl() {
        synchronized (lock) {
            return Optional.ofNullable(etcd == null ? null : etcdAdvertised);
        }
    }

    /** The peer URL the active config asks for; empty when cluster.etcd.advertisedSubnets match no address. */
    public Optional<String> etcdDesiredPeerUrl() {
        synchronized (lock) {
            if (etcd == null || !up) {
                return Optional.empty();
            }
            return addressing.etcdPeerUrl(addresses(), active);
        }
    }

    /** Where etcd listens for peers, fixed at the last boot (listenSubnets, else advertisedSubnets, else every address). */
    public List<String> etcdListenPeerUrls() {
        synchronized (lock) {
            return etcdListenPeerUrls;
        }
    }

    /**
     * The tailscale serve config: JSON of the configFile mounted where the tailscale
     * ExtensionServiceConfig's TS_SERVE_CONFIG points (§5); empty otherwise.
     */
    public Optional<JsonNode> serveConfig() {
        synchronized (lock) {
            return active == null ? Optional.empty() : ExtensionServices.serveConfig(active);
        }
    }

    /** Ready in Kubernetes terms: up, kubelet running and healthy with a node IP, not crash-looping. */
    public boolean ready() {
        synchronized (lock) {
            return notReadyReason().isEmpty();
        }
    }

    /** Why the node is NotReady: rebooting, kubelet crashloop, no node IP, kubelet restarting; empty when Ready. */
    public Optional<String> notReadyReason() {
        synchronized (lock) {
            if (persisted == null) {
                return Optional.of("not booted");
            }
            if (!up) {
                return Optional.of(faults.neverReturnsFromReboot() && bootGeneration > 0 ? "rebooting (not coming back)" : "rebooting");
            }
            if (faults.kubeletCrashloop()) {
                return Optional.of("kubelet crashloop");
            }
            if (nodeIps().isEmpty()) {
                return Optional.of(NO_NODE_IP);
            }
            if (!services.running(KUBELET)) {
                return Optional.of("kubelet restarting");
            }
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- API views

    /** {@code ServiceList}. A crash-looping kubelet alternates Running and Waiting, never healthy. */
    public List<ServiceInfo> services() {
        synchronized (lock) {
            requireUp();
            // Talos runs each service's health check on a ticker (system/health/check.go, Run; Period 5 s in settings.go):
            // etcd's turns healthy again once quorum is back, even when nothing changed on this node. Checked on read here.
            refreshHealth(clock.now());
            List<ServiceInfo> out = new ArrayList<>();
            for (ServiceInfo s : services.snapshot()) {
                out.add(s.id().equals(KUBELET) && faults.kubeletCrashloop() ? crashlooping(s) : s);
            }
            return out;
        }
    }

    public Optional<ServiceInfo> service(String id) {
        return services().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private ServiceInfo crashlooping(ServiceInfo s) {
        Instant since = crashloopSince == null ? clock.now() : crashloopSince;
        long period = Math.max(1, timings.serviceRestart().toMillis());
        long phase = Duration.between(since, clock.now()).toMillis() / period;
        boolean waiting = phase % 2 == 0;
        String message = "Error running Containerd(kubelet), going to restart forever: task \"kubelet\" failed: exit code 255";
        List<ServiceInfo.Event> ev = new ArrayList<>(s.events());
        ev.add(new ServiceInfo.Event(message, waiting ? "Waiting" : "Running", since.plusMillis(phase * period)));
        return new ServiceInfo(s.id(), waiting ? "Waiting" : "Running", false, false, message, since.plusMillis(phase * period), ev);
    }

    /** {@code Version}. */
    public NodeVersion version() {
        synchronized (lock) {
            requireUp();
            return new NodeVersion(version.tag(), "simulated", "", "", "linux", "amd64", "metal", "metal", true);
        }
    }

    /** {@code EtcdMemberList}; a cluster-wide list needs quorum, {@code queryLocal} answers from the local member. */
    public List<SimulatedEtcd.EtcdMember> etcdMembers(boolean queryLocal) {
        synchronized (lock) {
            requireEtcd();
            if (!queryLocal && !etcd.hasQuorum()) {
                throw new NodeApiException(ApiCode.UNAVAILABLE, "etcdserver: request timed out");
            }
            return etcd.members();
        }
    }

    public List<SimulatedEtcd.EtcdMember> etcdMembers() {
        return etcdMembers(false);
    }

    /** {@code EtcdStatus} of this node's member. */
    public SimulatedEtcd.EtcdMemberStatus etcdStatus() {
        synchronized (lock) {
            requireEtcd();
            return etcd.status(hostname);
        }
    }

    private void requireEtcd() {
        requireUp();
        if (etcd == null || !isControlPlane(active)) {
            throw new NodeApiException(ApiCode.UNIMPLEMENTED, "etcd is not available on worker nodes");
        }
        if (!services.running(ETCD)) {
            throw new NodeApiException(ApiCode.UNAVAILABLE, "etcd service is not running");
        }
    }

    // ---------------------------------------------------------------- configs

    public MachineConfig activeConfig() {
        synchronized (lock) {
            return active;
        }
    }

    public MachineConfig persistedConfig() {
        synchronized (lock) {
            return persisted;
        }
    }

    /** True when a STAGED config waits for the next reboot. */
    public boolean stagedPending() {
        synchronized (lock) {
            return stagedPending;
        }
    }

    /** True while a TRY config runs and its revert is scheduled. */
    public boolean tryPending() {
        synchronized (lock) {
            return tryState != null;
        }
    }

    // ---------------------------------------------------------------- record

    public List<NodeEvent> events() {
        synchronized (lock) {
            return List.copyOf(events);
        }
    }

    /** How many events the node has recorded: a cheap "has anything happened since?" for observers. */
    public int eventCount() {
        synchronized (lock) {
            return events.size();
        }
    }

    public List<Disruption> disruptions() {
        synchronized (lock) {
            return disruptions.snapshot();
        }
    }

    private void event(NodeEvent.Kind kind, String message) {
        noteAddresses();
        events.add(new NodeEvent(clock.now(), hostname, kind, message));
        changeListeners.forEach(Runnable::run);
    }

    private void requireUp() {
        requireBooted();
        if (!up) {
            throw new NodeApiException(ApiCode.UNAVAILABLE, "connection error: desc = \"transport: Error while dialing: dial tcp "
                    + inventory.interfaces().values().stream().flatMap(List::stream).findFirst()
                            .map(a -> a.withoutPrefixLength().toCanonicalString()).orElse(hostname)
                    + ":50000: connect: connection refused\"");
        }
    }

    private void requireBooted() {
        if (persisted == null) {
            throw new IllegalStateException(hostname + " has not booted: call boot(config) first");
        }
    }

    @Override
    public String toString() {
        return "SimulatedNode[" + hostname + "]";
    }
}
