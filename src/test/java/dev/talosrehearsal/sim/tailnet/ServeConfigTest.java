package dev.talosrehearsal.sim.tailnet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** TALOS-FACTS §5: which names and ports a serve config answers, and with what. */
class ServeConfigTest {
    private static final String HOST = "talos-master-0.tailnet-4d89.ts.net";
    private static final String SUFFIX = "tailnet-4d89.ts.net";

    private static ServeConfig parse(String json) throws Exception {
        return ServeConfig.parse(new ObjectMapper().readTree(json), HOST, SUFFIX);
    }

    @Test
    void topLevelTcpIsServedOnTheHostsOwnNameAndServicesOnTheirShared() throws Exception {
        ServeConfig config = parse("{\"TCP\": {\"6443\": {\"HTTPS\": true}},"
                + " \"Services\": {\"svc:bastion-k8s\": {\"TCP\": {\"6443\": {\"TCPForward\": \"127.0.0.1:6443\"}}}}}");
        assertThat(config.entries()).extracting(e -> e.name() + ":" + e.port() + " " + e.tcp().describe()).containsExactly(
                HOST + ":6443 HTTPS", "bastion-k8s.tailnet-4d89.ts.net:6443 TCPForward 127.0.0.1:6443");
        assertThat(config.entry("Bastion-K8s.tailnet-4d89.ts.net", 6443)).isPresent();
        assertThat(config.entry("bastion-k8s.tailnet-4d89.ts.net", 443)).isEmpty();
        assertThat(config.entry(HOST, 6443).orElseThrow().web()).isEmpty();
    }

    @Test
    void onlyTheLiteralTsCertDomainIsReplacedByTheHostsName() throws Exception {
        ServeConfig config = parse("{\"TCP\": {\"443\": {\"HTTPS\": true}},"
                + " \"Web\": {\"${TS_CERT_DOMAIN}:443\": {\"Handlers\": {\"/\": {\"Text\": \"$TS_CERT_DOMAIN at ${TS_CERT_DOMAIN}\"}}}}}");
        assertThat(config.entry(HOST, 443).orElseThrow().web())
                .containsExactly(new ServeConfig.WebHandler("/", "Text", "$TS_CERT_DOMAIN at " + HOST));
    }

    @Test
    void theLongestMountPrefixingThePathHandlesIt() throws Exception {
        ServeConfig.Entry entry = parse("{\"TCP\": {\"443\": {\"HTTPS\": true}}, \"Web\": {\"" + HOST + ":443\": {\"Handlers\": {"
                + "\"/\": {\"Text\": \"root\"}, \"/api\": {\"Proxy\": \"https+insecure://127.0.0.1:6443\"}, \"/api/v1/\": {\"Redirect\": \"/x\"}}}}}")
                .entry(HOST, 443).orElseThrow();
        assertThat(entry.handlerFor("/version").orElseThrow().value()).isEqualTo("root");
        assertThat(entry.handlerFor("/api").orElseThrow().kind()).isEqualTo("Proxy");
        assertThat(entry.handlerFor("/api/v2").orElseThrow().kind()).isEqualTo("Proxy");
        assertThat(entry.handlerFor("/apis").orElseThrow().value()).isEqualTo("root");
        assertThat(entry.handlerFor("/api/v1/pods").orElseThrow().kind()).isEqualTo("Redirect");
    }

    @Test
    void terminateTlsAndNonNumericPorts() throws Exception {
        ServeConfig config = parse("{\"TCP\": {\"https\": {\"HTTPS\": true},"
                + " \"8443\": {\"TCPForward\": \"127.0.0.1:6443\", \"TerminateTLS\": \"" + HOST + "\"}}}");
        assertThat(config.entries()).extracting(ServeConfig.Entry::port).containsExactly(8443);
        assertThat(config.entries().get(0).tcp().describe()).isEqualTo("TCPForward 127.0.0.1:6443 (TerminateTLS " + HOST + ")");
        assertThat(List.of(config.entries().get(0).tcp().https())).containsExactly(false);
    }
}
