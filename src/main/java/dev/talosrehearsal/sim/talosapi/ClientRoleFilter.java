package dev.talosrehearsal.sim.talosapi;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Puts the verified client certificate's Organization (the Talos role, as apid reads it) into a
 * request header the gRPC layer passes on, and drops any copy the client sent itself.
 *
 * <p>Needed because the WireMock gRPC extension does not hand the TLS session to its handlers; the
 * servlet request still has the certificate chain Jetty verified.
 */
final class ClientRoleFilter extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        X509Certificate[] chainCerts = (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        String role = chainCerts == null || chainCerts.length == 0 ? "" : organization(chainCerts[0]);
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getHeader(String name) {
                return GrpcHeaders.ROLE.equalsIgnoreCase(name) ? role : super.getHeader(name);
            }

            @Override
            public Enumeration<String> getHeaders(String name) {
                return GrpcHeaders.ROLE.equalsIgnoreCase(name) ? Collections.enumeration(List.of(role)) : super.getHeaders(name);
            }

            @Override
            public Enumeration<String> getHeaderNames() {
                List<String> names = new ArrayList<>();
                for (Enumeration<String> e = super.getHeaderNames(); e.hasMoreElements(); ) {
                    String n = e.nextElement();
                    if (!GrpcHeaders.ROLE.equalsIgnoreCase(n)) {
                        names.add(n);
                    }
                }
                names.add(GrpcHeaders.ROLE);
                return Collections.enumeration(names);
            }
        }, response);
    }

    private static String organization(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("O")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            return "";
        }
        return "";
    }
}
