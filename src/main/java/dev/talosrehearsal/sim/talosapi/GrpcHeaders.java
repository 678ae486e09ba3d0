package dev.talosrehearsal.sim.talosapi;

/**
 * Headers the simulated apid passes from its gRPC and TLS layers to the WireMock request it answers.
 * Clients cannot forge them: the role filter and the nodes interceptor drop any client-sent copy.
 */
final class GrpcHeaders {
    /** All values of the {@code nodes} metadata key, joined by commas (WireMock keeps one value per header). */
    static final String NODES = "x-talos-rehearsal-nodes";
    /** All values of the {@code node} metadata key, joined by commas (apid refuses more than one). */
    static final String NODE = "x-talos-rehearsal-node";
    /** The Organization of the verified client certificate (the Talos role). */
    static final String ROLE = "x-talos-rehearsal-role";

    private GrpcHeaders() {}
}
