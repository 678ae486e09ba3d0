package dev.talosrehearsal.kube.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.common.YamlSource;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpactScannerTest {
    private final ImpactScanner scanner = new ImpactScanner("100.64.0.0/10", "192.168.20.0/24");

    private List<ImpactFinding> scan(String yaml) {
        List<JsonNode> objects = YamlSource.parseAll(yaml, "test.yaml", 0).stream().map(YamlSource.Document::root).toList();
        return scanner.scan(objects);
    }

    private List<String> values(String yaml) {
        return scan(yaml).stream().map(ImpactFinding::value).toList();
    }

    private static String configMap(String text) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: n}\ndata:\n  k: \"" + text + "\"\n";
    }

    @Test
    void addressesStandingAloneInTextAreFound() {
        assertThat(values(configMap("targets: [100.101.0.10:9100, 'http://100.64.0.1/metrics', 100.127.255.255.]")))
                .containsExactlyInAnyOrder("100.101.0.10", "100.64.0.1", "100.127.255.255");
        assertThat(values(configMap("allow 100.96.0.0/11; deny 100.101.0.10/32"))).containsExactly("100.96.0.0/11", "100.101.0.10/32");
    }

    @Test
    void dottedNumbersThatAreNotAddressesAreNotFound() {
        assertThat(values(configMap("v1.100.64.1 2.100.64.1.7 100.100.100.1000 x100.64.0.1 100.64.0.1x 100.64.0.999 100.64.1"))).isEmpty();
    }

    @Test
    void rangeEdgesAreExact() {
        assertThat(values(configMap("100.63.255.255 100.64.0.0 100.127.255.255 100.128.0.0 100.128.0.0/16 100.0.0.0/10")))
                .containsExactlyInAnyOrder("100.64.0.0", "100.127.255.255");
        // 100.0.0.0/9 ends at 100.127.255.255: it overlaps the /10 (it covers it)
        assertThat(values(configMap("100.0.0.0/9"))).containsExactly("100.0.0.0/9");
    }

    @Test
    void aSecretIsNeverRead() {
        assertThat(scan("apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\nstringData: {url: 100.101.0.10}\n"
                + "data: {a: MTAwLjEwMS4wLjEw}\n")).isEmpty();
    }

    /**
     * default/kubernetes lists the control planes' API servers at the addresses they advertise (their node IPs); the API
     * servers keep it in step themselves, so it is nothing to edit. Another namespace's Endpoints of that name is.
     */
    @Test
    void theApiServersOwnEndpointsAreNotAFinding() {
        String endpoints = "apiVersion: v1\nkind: Endpoints\nmetadata: {name: kubernetes, namespace: %s}\n"
                + "subsets: [{addresses: [{ip: 100.101.0.10}], ports: [{name: https, port: 6443}]}]\n";
        String slice = "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: kubernetes, namespace: default}\n"
                + "addressType: IPv4\nendpoints: [{addresses: [100.101.0.10]}]\n";
        assertThat(scan(endpoints.formatted("default") + "---\n" + slice)).isEmpty();
        assertThat(values(endpoints.formatted("monitoring"))).containsExactly("100.101.0.10");
    }

    @Test
    void kindsOutsideTheListAreIgnored() {
        assertThat(scan("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: n}\nspec: {template: {spec: {hostAliases: [{ip: 100.101.0.10}]}}}\n"))
                .isEmpty();
    }

    @Test
    void notesSayHowAValueRelatesToBothRanges() {
        List<ImpactFinding> f = scan("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: p, namespace: n}
                spec:
                  ingress:
                    - from:
                        - ipBlock: {cidr: 100.64.0.0/10}
                        - ipBlock: {cidr: 0.0.0.0/0, except: [100.101.0.0/16]}
                """);
        assertThat(f).extracting(ImpactFinding::fieldPath).containsExactly(
                "spec.ingress[0].from[0].ipBlock.cidr", "spec.ingress[0].from[1].ipBlock.cidr", "spec.ingress[0].from[1].ipBlock.except[0]");
        assertThat(f.get(0).note()).isEqualTo("the old range 100.64.0.0/10; replace with 192.168.20.0/24?");
        assertThat(f.get(1).note()).isEqualTo("covers all of 100.64.0.0/10; also in the new range 192.168.20.0/24");
        assertThat(f.get(2).note()).isEqualTo("inside 100.64.0.0/10; not in the new range 192.168.20.0/24");
    }

    @Test
    void ciliumRulesUnderSpecsAreRead() {
        List<ImpactFinding> f = scan("""
                apiVersion: cilium.io/v2
                kind: CiliumNetworkPolicy
                metadata: {name: c, namespace: n}
                specs:
                  - endpointSelector: {}
                    ingress:
                      - fromCIDR: [100.101.0.10/32]
                    egress:
                      - toCIDRSet: [{cidrGroupRef: tailnet}]
                """);
        assertThat(f).extracting(ImpactFinding::fieldPath).containsExactly("specs[0].ingress[0].fromCIDR[0]");
    }

    @Test
    void badCidrsAreOneLineInputErrors() {
        for (String bad : List.of("100.64.0.0", "100.64.0.0/33", "300.64.0.0/10", "tailnet", "100.64/10", "")) {
            assertThatThrownBy(() -> new ImpactScanner(bad, null)).isInstanceOf(InputException.class)
                    .hasMessageContaining("--from-cidr '" + bad + "' is not a CIDR");
        }
        assertThatThrownBy(() -> new ImpactScanner("100.64.0.0/10", "192.168.20.0")).hasMessageContaining("--to-cidr");
    }
}
