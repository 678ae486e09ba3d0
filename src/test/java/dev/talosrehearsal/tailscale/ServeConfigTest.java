package dev.talosrehearsal.tailscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which names and ports a serve config answers, and with what; what the serve rules read from it. */
class ServeConfigTest {
    private static final String HOST = "talos-master-0.tailnet-4d89.ts.net";
    private static final String SUFFIX = "tailnet-4d89.ts.net";

    private static ServedPorts served(String json) {
        ServeConfig config = ServeConfig.load(json, HOST);
        assertThat(config.error()).isNull();
        return config.servedPorts(HOST, SUFFIX);
    }

    @Test
    void topLevelTcpIsServedOnTheHostsOwnNameAndServicesOnTheirShared() {
        ServedPorts ports = served("{\"TCP\": {\"6443\": {\"HTTPS\": true}},"
                + " \"Services\": {\"svc:bastion-k8s\": {\"TCP\": {\"6443\": {\"TCPForward\": \"127.0.0.1:6443\"}}}}}");
        assertThat(ports.all()).extracting(e -> e.name() + ":" + e.port() + " " + e.tcp().describe()).containsExactly(
                HOST + ":6443 HTTPS", "bastion-k8s.tailnet-4d89.ts.net:6443 TCPForward 127.0.0.1:6443");
        assertThat(ports.get("Bastion-K8s.tailnet-4d89.ts.net", 6443)).isPresent();
        assertThat(ports.get("bastion-k8s.tailnet-4d89.ts.net", 443)).isEmpty();
        assertThat(ports.get(HOST, 6443).orElseThrow().web()).isEmpty();
    }

    @Test
    void servicesAreScopesOfTheirOwnNamedBySvcKey() {
        ServeConfig config = ServeConfig.parse("{\"TCP\": {\"443\": {\"HTTPS\": true}},"
                + " \"Services\": {\"svc:bastion-k8s\": {\"TCP\": {\"6443\": {\"TCPForward\": \"127.0.0.1:6443\"}},"
                + " \"Web\": {\"bastion-k8s.tailnet-4d89.ts.net:443\": {\"Handlers\": {\"/\": {\"Text\": \"hi\"}}}}}}}");
        List<ServeScope> scopes = config.scopes();
        assertThat(scopes).extracting(ServeScope::service).containsExactly(null, "svc:bastion-k8s");
        ServeScope service = scopes.get(1);
        assertThat(service.serviceName()).isEqualTo("bastion-k8s");
        assertThat(service.tcp().get("6443").tcpForward()).isEqualTo("127.0.0.1:6443");
        assertThat(service.hasWeb("443")).isTrue();
        assertThat(scopes.get(0).hasWeb("443")).as("the node's own scope does not see the service's Web").isFalse();
        assertThat(service.where()).isEqualTo(" under \"Services\": {\"svc:bastion-k8s\"}");
    }

    @Test
    void aServiceKeyWithoutTheSvcPrefixIsServedNowhere() {
        assertThat(served("{\"Services\": {\"bastion-k8s\": {\"TCP\": {\"6443\": {\"TCPForward\": \"127.0.0.1:6443\"}}}}}").all())
                .isEmpty();
    }

    @Test
    void onlyTheLiteralTsCertDomainIsReplacedByTheHostsName() {
        ServedPorts ports = served("{\"TCP\": {\"443\": {\"HTTPS\": true}},"
                + " \"Web\": {\"${TS_CERT_DOMAIN}:443\": {\"Handlers\": {\"/\": {\"Text\": \"$TS_CERT_DOMAIN at ${TS_CERT_DOMAIN}\"}}}}}");
        assertThat(ports.get(HOST, 443).orElseThrow().web())
                .containsExactly(new WebHandler("/", "Text", "$TS_CERT_DOMAIN at " + HOST));
    }

    @Test
    void asWrittenThePlaceholderStaysAndStillCountsAsAWebHandlerForItsPort() {
        ServeScope own = ServeConfig.parse("{\"TCP\": {\"443\": {\"HTTPS\": true}},"
                + " \"Web\": {\"${TS_CERT_DOMAIN}:443\": {\"Handlers\": {\"/\": {\"Proxy\": \"http://127.0.0.1:8080\"}}}}}").scopes().get(0);
        assertThat(own.webKeysFor("443")).containsExactly("${TS_CERT_DOMAIN}:443");
    }

    @Test
    void httpsWithoutAWebHandlerIsServedWithNoHandlers() {
        ServeConfig config = ServeConfig.parse("{\"TCP\": {\"443\": {\"HTTPS\": true}}}");
        ServeScope own = config.scopes().get(0);
        assertThat(own.tcp().get("443").https()).isTrue();
        assertThat(own.hasWeb("443")).isFalse();
        ServedPort port = config.servedPorts(HOST, SUFFIX).get(HOST, 443).orElseThrow();
        assertThat(port.handlerFor("/version")).as("tailscaled answers 404").isEmpty();
    }

    @Test
    void theLongestMountPrefixingThePathHandlesIt() {
        ServedPort entry = served("{\"TCP\": {\"443\": {\"HTTPS\": true}}, \"Web\": {\"" + HOST + ":443\": {\"Handlers\": {"
                + "\"/\": {\"Text\": \"root\"}, \"/api\": {\"Proxy\": \"https+insecure://127.0.0.1:6443\"}, \"/api/v1/\": {\"Redirect\": \"/x\"}}}}}")
                .get(HOST, 443).orElseThrow();
        assertThat(entry.handlerFor("/version").orElseThrow().value()).isEqualTo("root");
        assertThat(entry.handlerFor("/api").orElseThrow().kind()).isEqualTo("Proxy");
        assertThat(entry.handlerFor("/api/v2").orElseThrow().kind()).isEqualTo("Proxy");
        assertThat(entry.handlerFor("/apis").orElseThrow().value()).isEqualTo("root");
        assertThat(entry.handlerFor("/api/v1/pods").orElseThrow().kind()).isEqualTo("Redirect");
    }

    @Test
    void terminateTlsAndNonNumericPorts() {
        ServedPorts ports = served("{\"TCP\": {\"https\": {\"HTTPS\": true},"
                + " \"8443\": {\"TCPForward\": \"127.0.0.1:6443\", \"TerminateTLS\": \"" + HOST + "\"}}}");
        assertThat(ports.all()).extracting(ServedPort::port).containsExactly(8443);
        assertThat(ports.all().get(0).tcp().describe()).isEqualTo("TCPForward 127.0.0.1:6443 (TerminateTLS " + HOST + ")");
        assertThat(ports.all().get(0).tcp().https()).isFalse();
    }

    @Test
    void malformedJsonNamesTheProblemAndItsLine() {
        ServeConfig config = ServeConfig.parse("{\n  \"TCP\": {\"6443\": {\"TCPForward\": \"127.0.0.1:6443\",}}\n}");
        assertThat(config.valid()).isFalse();
        assertThat(config.error()).contains("line 2 of the file").doesNotContain("\n");
        assertThat(config.scopes()).isEmpty();
        assertThat(config.servedPorts(HOST, SUFFIX).all()).isEmpty();
    }

    @Test
    void jsonThatIsNotAnObjectIsRefused() {
        assertThat(ServeConfig.parse("[\"TCP\"]").error()).isEqualTo("the file is not a JSON object");
        assertThat(ServeConfig.parse("").valid()).isFalse();
    }

    @Test
    void onlyAnObjectWithServeKeysLooksLikeAServeConfig() {
        assertThat(ServeConfig.parse("{\"Services\": {}}").hasServeKeys()).isTrue();
        assertThat(ServeConfig.parse("{\"AuthKey\": \"tskey\"}").hasServeKeys()).isFalse();
        assertThat(ServeConfig.parse("TS_AUTHKEY=x").hasServeKeys()).isFalse();
    }
}
