package dev.talosrehearsal.sim.talosapi;

import io.grpc.ServerInterceptors;
import io.grpc.servlet.jakarta.ServletAdapter;
import io.grpc.servlet.jakarta.ServletServerBuilder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Serves the resource API ({@code /cosi.resource.State/*}) of an endpoint on its own Jetty connector — the same
 * port, TLS and client-certificate check as the machine API — through grpc-java's servlet transport (the one the
 * WireMock gRPC extension itself uses), and passes every other request on to WireMock. It sits after
 * {@link ClientRoleFilter}, so the role header it reads is the verified certificate's.
 */
final class CosiStateFilter extends HttpFilter {
    private static final String PREFIX = "/" + ResourceApi.SERVICE + "/";
    private final transient ServletAdapter adapter;

    CosiStateFilter(ApiNode endpoint, TalosApiDispatcher dispatcher) {
        adapter = new ServletServerBuilder()
                .addService(ServerInterceptors.intercept(new CosiStateService(endpoint, dispatcher), CosiStateService.metadataReader()))
                .buildServletAdapter();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (ServletAdapter.isGrpc(request) && request.getRequestURI().startsWith(PREFIX)) {
            adapter.doPost(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    @Override
    public void destroy() {
        adapter.destroy();
    }
}
