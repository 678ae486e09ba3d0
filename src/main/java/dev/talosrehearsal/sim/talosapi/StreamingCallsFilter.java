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
 * Serves the server-streaming calls of an endpoint — the resource API ({@code /cosi.resource.State/*}) and the
 * machine API's {@code Read} — on its own Jetty connector (the same port, TLS and client-certificate check as the
 * rest of the machine API) through grpc-java's servlet transport (the one the WireMock gRPC extension itself uses),
 * and passes every other request on to WireMock, which cannot stream (see {@link CosiStateService}). It sits after
 * {@link ClientRoleFilter}, so the role header it reads is the verified certificate's.
 */
final class StreamingCallsFilter extends HttpFilter {
    private static final String PREFIX = "/" + ResourceApi.SERVICE + "/";
    private static final String READ = "/" + dev.talos.api.machine.MachineServiceGrpc.getReadMethod().getFullMethodName();
    private final transient ServletAdapter adapter;

    StreamingCallsFilter(ApiNode endpoint, TalosApiDispatcher dispatcher) {
        adapter = new ServletServerBuilder()
                .addService(ServerInterceptors.intercept(new CosiStateService(endpoint, dispatcher), CosiStateService.metadataReader()))
                .addService(ServerInterceptors.intercept(MachineReadService.definition(endpoint, dispatcher), CosiStateService.metadataReader()))
                .buildServletAdapter();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (ServletAdapter.isGrpc(request) && (request.getRequestURI().startsWith(PREFIX) || request.getRequestURI().equals(READ))) {
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
