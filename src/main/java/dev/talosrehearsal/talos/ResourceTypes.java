package dev.talosrehearsal.talos;

/**
 * The resources a migration reads, by their canonical COSI type and namespace as Talos v1.8–v1.14 define them
 * (talos pkg/machinery/resources/network, cluster, etcd, config). Canonical names need no ResourceDefinition
 * look-up, so the applier asks for them directly; {@code talos get} resolves what a user types instead.
 */
public final class ResourceTypes {
    /** Every address on every link (network/address_status.go); ID {@code <link>/<address>/<prefix>}. */
    public static final String ADDRESS_STATUS = "AddressStatuses.net.talos.dev";
    /**
     * The node's address lists (network/node_address.go): {@code default}, {@code current}, {@code routed},
     * {@code accumulative}, and filtered copies such as {@code routed-no-k8s}.
     */
    public static final String NODE_ADDRESS = "NodeAddresses.net.talos.dev";
    public static final String LINK_STATUS = "LinkStatuses.net.talos.dev";
    public static final String ROUTE_STATUS = "RouteStatuses.net.talos.dev";
    public static final String HOSTNAME_STATUS = "HostnameStatuses.net.talos.dev";
    /** The resolvers the node uses, merged from its layers (network/resolver_status.go); ID {@link #RESOLVERS}. */
    public static final String RESOLVER_STATUS = "ResolverStatuses.net.talos.dev";
    public static final String RESOLVERS = "resolvers";
    public static final String NETWORK = "network";
    /** What cluster discovery knows of every node (cluster/member.go); ID: the node's name. */
    public static final String MEMBER = "Members.cluster.talos.dev";
    public static final String CLUSTER = "cluster";
    /** The local etcd member's ID on a control plane (etcd/member.go); ID {@code local}. */
    public static final String ETCD_MEMBER = "EtcdMembers.etcd.talos.dev";
    public static final String ETCD = "etcd";
    /**
     * The machine config, secrets included (config/machine_config.go): IDs {@code v1alpha1} (the one running) and
     * {@code persistent} (the one the node boots). Talos lets only {@code os:admin} read it.
     */
    public static final String MACHINE_CONFIG = "MachineConfigs.config.talos.dev";
    public static final String CONFIG = "config";

    /** The NodeAddress list the kubelet picks its node IP from (talos internal/app/machined/pkg/controllers/k8s/nodeip.go). */
    public static final String ROUTED_NO_K8S = "routed-no-k8s";
    /** The NodeAddress list etcd's advertisedSubnets filter (talos internal/app/machined/pkg/controllers/etcd/spec.go). */
    public static final String CURRENT_NO_K8S = "current-no-k8s";

    private ResourceTypes() {}
}
