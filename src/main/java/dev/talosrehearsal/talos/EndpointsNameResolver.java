package dev.talosrehearsal.talos;

import io.grpc.Attributes;
import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The talosconfig's endpoints as one gRPC channel's addresses, as talosctl's {@code talosroundrobin} resolver
 * makes them (Talos pkg/machinery/client/resolver/roundrobin.go): each endpoint is its own subchannel, the
 * channel load-balances {@code round_robin} over the ones that are up, so a call goes to another endpoint while
 * one is down (rebooting). Each address keeps its own authority, so TLS checks every endpoint's certificate
 * against that endpoint's own host.
 */
final class EndpointsNameResolver extends NameResolver {
    private final List<HostPort> endpoints;

    EndpointsNameResolver(List<HostPort> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one Talos API endpoint is required");
        }
        this.endpoints = List.copyOf(endpoints);
    }

    @Override
    public String getServiceAuthority() {
        return authority(endpoints.get(0));
    }

    @Override
    public void start(Listener2 listener) {
        List<EquivalentAddressGroup> groups = new ArrayList<>();
        for (HostPort endpoint : endpoints) {
            InetSocketAddress address = new InetSocketAddress(endpoint.host(), endpoint.port());
            if (address.isUnresolved()) {
                listener.onError(Status.UNAVAILABLE.withDescription("cannot resolve the Talos API endpoint " + authority(endpoint)));
                return;
            }
            groups.add(new EquivalentAddressGroup(address,
                    Attributes.newBuilder().set(EquivalentAddressGroup.ATTR_AUTHORITY_OVERRIDE, authority(endpoint)).build()));
        }
        listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
    }

    @Override
    public void shutdown() {
        // nothing to release: the addresses are static
    }

    private static String authority(HostPort endpoint) {
        return (endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host()) + ":" + endpoint.port();
    }

    /** A factory for channels built with {@code forTarget(SCHEME + ":///endpoints")}. */
    static NameResolver.Factory factory(List<HostPort> endpoints) {
        return new NameResolver.Factory() {
            @Override
            public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
                return new EndpointsNameResolver(endpoints);
            }

            @Override
            public String getDefaultScheme() {
                return SCHEME;
            }
        };
    }

    static final String SCHEME = "talos-endpoints";
}
