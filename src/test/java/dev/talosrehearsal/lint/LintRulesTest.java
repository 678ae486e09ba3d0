package dev.talosrehearsal.lint;

import static dev.talosrehearsal.lint.LintFixture.FIXED;
import static dev.talosrehearsal.lint.LintFixture.INVENTORY;
import static dev.talosrehearsal.lint.LintFixture.lineOf;
import static dev.talosrehearsal.lint.LintFixture.replace;
import static dev.talosrehearsal.lint.LintFixture.withServe;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rule fires on a broken variant of {@link LintFixture#FIXED} and stays silent on the fixed input. */
class LintRulesTest {
    @TempDir
    Path dir;

    LintFixture lint;

    @BeforeEach
    void setUp() {
        lint = new LintFixture(dir);
    }

    @Test
    void theFixedInputHasNoFindingsAtAll() {
        Linter.Result result = lint.inventory(INVENTORY).from(FIXED).tailnet("tailnet-4d89.ts.net").lint(FIXED);
        assertThat(result.findings()).isEmpty();
        assertThat(result.skipped()).isNull();
    }

    @Nested
    class ListConcatenation {
        static final String OVERLAY_GROUP_PATCH = replace(FIXED, "  patches:\n    - |-\n      cluster:",
                "  patches:\n    - |-\n      machine:\n        kubelet:\n          nodeIP:\n            validSubnets:\n              - 100.64.0.0/10\n    - |-\n      cluster:");

        @Test
        void firesAsAnErrorWhenTheOverlayRangeSurvivesNextToTheNewSubnet() {
            List<Finding> found = lint.findings(OVERLAY_GROUP_PATCH, "list-concatenation");
            assertThat(found).hasSize(1);
            Finding f = found.get(0);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2");
            assertThat(f.file()).isEqualTo(lint.file());
            // reported at the patch that tried to replace the list: the top-level one, the last validSubnets
            assertThat(f.line()).isEqualTo(OVERLAY_GROUP_PATCH.substring(0, OVERLAY_GROUP_PATCH.lastIndexOf("validSubnets:"))
                    .split("\n", -1).length);
            assertThat(f.why()).contains("machine.kubelet.nodeIP.validSubnets keeps 100.64.0.0/10").contains("next to 192.168.20.0/24");
            assertThat(f.fix()).contains("op: replace").contains("$$patch: delete");
        }

        @Test
        void isAWarningForALanRangeThatWasNotInTheOldConfig() {
            String lan = OVERLAY_GROUP_PATCH.replace("- 100.64.0.0/10", "- 10.20.0.0/16");
            assertThat(lint.findings(lan, "list-concatenation")).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING));
        }

        @Test
        void isAnErrorWhenTheSurvivorIsWhatTheOldConfigHad() {
            String lan = OVERLAY_GROUP_PATCH.replace("- 100.64.0.0/10", "- 10.20.0.0/16");
            String old = FIXED.replace("- 192.168.20.0/24\n", "- 10.20.0.0/16\n");
            assertThat(lint.from(old).findings(lan, "list-concatenation")).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        }

        /** Not the change's doing: the nodes run this very list today (a remote node kept on its tailnet on purpose). */
        @Test
        void isAWarningWhenTheOldConfigAlreadyHadTheSameList() {
            assertThat(lint.from(OVERLAY_GROUP_PATCH).findings(OVERLAY_GROUP_PATCH, "list-concatenation")).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING))
                    .satisfies(f -> assertThat(f.why()).contains("keeps 100.64.0.0/10")
                            .endsWith("the --from config has the same list, so the node runs with it today."));
        }

        /**
         * With the machines' addresses (the inventory) the rule judges by what Talos may pick: each control plane's
         * tailnet address is still a candidate for its node IP, beside the LAN address the patch meant.
         */
        @Test
        void namesTheAddressTalosMayStillPickWhenTheInventoryListsTheNode() {
            assertThat(lint.inventory(INVENTORY).findings(OVERLAY_GROUP_PATCH, "list-concatenation"))
                    .hasSize(3)
                    .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR))
                    .anySatisfy(f -> assertThat(f.why()).contains("keeps 100.64.0.0/10")
                            .endsWith("so on this node Talos may still pick 100.101.0.11, which the patch's own list leaves out: "
                                    + "the Tailscale overlay range still qualifies."));
        }

        /** A surviving range that holds none of the node's addresses changes nothing Talos picks today. */
        @Test
        void isAWarningWhenTheSurvivorAdmitsNoneOfTheNodesAddresses() {
            String lan = OVERLAY_GROUP_PATCH.replace("- 100.64.0.0/10", "- 10.20.0.0/16");
            String old = FIXED.replace("- 192.168.20.0/24\n", "- 10.20.0.0/16\n");
            assertThat(lint.inventory(INVENTORY).from(old).findings(lan, "list-concatenation")).hasSize(3)
                    .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING))
                    .anySatisfy(f -> assertThat(f.why()).endsWith("on this node both lists admit the same addresses (192.168.20.12), "
                            + "so Talos picks as the patch says, until its addresses change."));
        }

        /** Not an overlay range, but a second network the machines are on: Talos may pick it, so it is an error. */
        @Test
        void isAnErrorWhenTheSurvivorHoldsAnotherAddressOfTheNode() {
            String lan = OVERLAY_GROUP_PATCH.replace("- 100.64.0.0/10", "- 10.20.0.0/16");
            String dualHomed = INVENTORY.replace("eth0: [192.168.20.10/24]", "eth0: [192.168.20.10/24]\n      eth1: [10.20.3.10/16]");
            assertThat(lint.inventory(dualHomed).findings(lan, "list-concatenation"))
                    .filteredOn(f -> f.severity() == Severity.ERROR).singleElement()
                    .satisfies(f -> assertThat(f.node()).isEqualTo("cp-0"))
                    .satisfies(f -> assertThat(f.why()).endsWith("so on this node Talos may still pick 10.20.3.10, which the patch's own list leaves out."));
        }

        /**
         * A remote node kept on its tailnet (the cluster's LAN list concatenated onto it) gets a narrower tailnet range:
         * the node may pick what it may pick today, so the concatenation is not the change's doing.
         */
        @Test
        void isAWarningWhenTheNodeMayPickWhatItMayPickToday() {
            String narrowed = OVERLAY_GROUP_PATCH.replace("- 100.64.0.0/10", "- 100.64.0.0/10\n              - 100.101.0.0/24");
            assertThat(lint.inventory(INVENTORY).from(OVERLAY_GROUP_PATCH).findings(narrowed, "list-concatenation")).isNotEmpty()
                    .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.WARNING))
                    .anySatisfy(f -> assertThat(f.why()).endsWith("the node may pick the same addresses (100.101.0.10, 192.168.20.10) "
                            + "with its --from config today, so the change in review does not widen it."));
        }

        @Test
        void staysSilentOnTheFixedInput() {
            assertThat(lint.findings(FIXED, "list-concatenation")).isEmpty();
        }

        @Test
        void staysSilentWhenTheOldValueIsDeletedFirst() {
            String deleted = replace(OVERLAY_GROUP_PATCH, "\npatches:\n  - |-\n    machine:",
                    "\npatches:\n  - |-\n    machine:\n      kubelet:\n        nodeIP:\n          validSubnets:\n            $$patch: delete\n  - |-\n    machine:");
            // the workers never had the overlay patch, so the delete is for control planes only: as a group patch
            String cpOnly = replace(deleted, "\npatches:\n  - |-\n    machine:\n      kubelet:\n        nodeIP:\n          validSubnets:\n            $$patch: delete\n", "\npatches:\n");
            cpOnly = replace(cpOnly, "    - |-\n      cluster:", "    - |-\n      machine:\n        kubelet:\n          nodeIP:\n            validSubnets:\n              $$patch: delete\n    - |-\n      cluster:");
            assertThat(lint.findings(cpOnly, "list-concatenation")).isEmpty();
        }
    }

    @Nested
    class NoAddressInSubnet {
        @Test
        void firesWhenANodeHasNoAddressInItsSubnets() {
            String inventory = INVENTORY.replace("[192.168.20.20/24]", "[10.0.0.20/24]").replace("[192.168.20.11/24]", "[10.0.0.11/24]");
            List<Finding> found = lint.inventory(inventory).findings(FIXED, "no-address-in-subnet");
            // cp-1 misses both validSubnets and etcd's advertisedSubnets; the worker has no etcd
            assertThat(found).extracting(Finding::node).containsExactly("cp-1", "cp-1", "worker-0");
            assertThat(found).allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
            assertThat(found.get(1).why()).contains("cluster.etcd.advertisedSubnets");
            assertThat(found.get(2).why()).contains("10.0.0.20/24").contains("validSubnets").contains("NotReady");
            assertThat(found.get(2).line()).isEqualTo(lineOf(FIXED, "- hostname: worker-0"));
        }

        @Test
        void staysSilentOnTheFixedInput() {
            assertThat(lint.inventory(INVENTORY).findings(FIXED, "no-address-in-subnet")).isEmpty();
        }

        @Test
        void saysWhenTheInventoryLacksANode() {
            String inventory = INVENTORY.substring(0, INVENTORY.indexOf("  worker-0:"));
            assertThat(lint.inventory(inventory).findings(FIXED, "no-address-in-subnet")).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.INFO));
        }
    }

    @Nested
    class OverlaySubnetUnpinned {
        @Test
        void firesOnTailscaleNodesWithoutValidSubnets() {
            String unpinned = FIXED.substring(0, FIXED.indexOf("patches:\n  - |-\n    machine:"));
            List<Finding> found = lint.findings(unpinned, "overlay-subnet-unpinned");
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2"); // the worker runs no tailscale
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.line()).isEqualTo(lineOf(unpinned, "- name: tailscale"));
                assertThat(f.why()).contains("validSubnets is unset");
            });
        }

        @Test
        void staysSilentOnTheFixedInput() {
            assertThat(lint.findings(FIXED, "overlay-subnet-unpinned")).isEmpty();
        }
    }

    @Nested
    class ServeHttpsWithoutWeb {
        @Test
        void firesOnHttpsWithoutAWebHandler() {
            String config = withServe("{\"TCP\": {\"443\": {\"HTTPS\": true}}}");
            assertThat(lint.findings(config, "serve-https-without-web")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.line()).isEqualTo(lineOf(config, "\"443\""));
                assertThat(f.why()).contains("answers 404");
                assertThat(f.fix()).contains("\"Web\": {\"${TS_CERT_DOMAIN}:443\"").contains("Proxy");
            });
        }

        @Test
        void suggestsTcpForwardForTheApiPort() {
            String config = withServe("{\"TCP\": {\"6443\": {\"HTTPS\": true}}}");
            assertThat(lint.findings(config, "serve-https-without-web")).singleElement()
                    .satisfies(f -> assertThat(f.fix()).startsWith("use {\"TCP\": {\"6443\": {\"TCPForward\": \"127.0.0.1:6443\"}}}"));
        }

        @Test
        void staysSilentWithAWebHandler() {
            String config = withServe("{\"TCP\": {\"443\": {\"HTTPS\": true}}, \"Web\": {\"$${TS_CERT_DOMAIN}:443\":"
                    + " {\"Handlers\": {\"/\": {\"Proxy\": \"http://127.0.0.1:8080\"}}}}}");
            assertThat(lint.lint(config).findings()).isEmpty();
        }

        @Test
        void staysSilentOnTheFixedInput() {
            assertThat(lint.findings(FIXED, "serve-https-without-web")).isEmpty();
        }
    }

    @Nested
    class ServeApiNeedsTcpForward {
        @Test
        void firesOnTlsTerminationOfTheApiPortInAService() {
            String config = withServe("{\"Services\": {\"svc:bastion-k8s\": {\"TCP\": {\"6443\": {\"HTTPS\": true}},"
                    + " \"Web\": {\"bastion-k8s.tailnet-4d89.ts.net:6443\": {\"Handlers\": {\"/\": {\"Proxy\": \"https+insecure://127.0.0.1:6443\"}}}}}}}");
            assertThat(lint.findings(config, "serve-https-without-web")).isEmpty(); // it has its Web handler
            assertThat(lint.findings(config, "serve-api-needs-tcpforward")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.why()).contains("\"HTTPS\": true").contains("svc:bastion-k8s");
                assertThat(f.fix()).contains("{\"TCP\": {\"6443\": {\"TCPForward\": \"127.0.0.1:6443\"}}} under \"Services\": {\"svc:bastion-k8s\"}");
            });
        }

        @Test
        void staysSilentOnTheFixedInput() {
            assertThat(lint.findings(FIXED, "serve-api-needs-tcpforward")).isEmpty();
        }
    }

    /**
     * The kube-apiserver moved to 7443 ({@code cluster.controlPlane.localAPIServerPort}; siderolabs/talos
     * internal/app/machined/pkg/controllers/k8s/control_plane.go serves the API on K8sAPIServerConfig().APIPort()).
     */
    @Nested
    class ServeForwardMissesApiServer {
        static final String ON_7443 = replace(FIXED, "\npatches:\n  - |-\n    machine:",
                "\npatches:\n  - |-\n    cluster:\n      controlPlane:\n        localAPIServerPort: 7443\n  - |-\n    machine:");

        @Test
        void firesWhenTheServiceStillForwardsTo6443() {
            assertThat(lint.findings(ON_7443, "serve-forward-misses-apiserver")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2");
                assertThat(f.line()).isEqualTo(lineOf(ON_7443, "\"6443\": {"));
                assertThat(f.why()).contains("forwards to 127.0.0.1:6443").contains("listens on 7443")
                        .contains("cluster.controlPlane.localAPIServerPort");
                assertThat(f.fix()).contains("forward to 127.0.0.1:7443");
            });
        }

        @Test
        void staysSilentWhenTheForwardFollowsThePort() {
            assertThat(lint.findings(ON_7443.replace("\"TCPForward\": \"127.0.0.1:6443\"", "\"TCPForward\": \"127.0.0.1:7443\""),
                    "serve-forward-misses-apiserver")).isEmpty();
            assertThat(lint.findings(FIXED, "serve-forward-misses-apiserver")).isEmpty();
        }

        @Test
        void theTcpForwardFixOfAnotherRuleNamesThePortTheApiServerListensOn() {
            String terminated = ON_7443.replace("\"TCPForward\": \"127.0.0.1:6443\"", "\"HTTPS\": true");
            assertThat(lint.findings(terminated, "serve-https-without-web")).singleElement()
                    .satisfies(f -> assertThat(f.fix()).contains("\"TCPForward\": \"127.0.0.1:7443\""));
        }
    }

    /** Rule 16: the endpoint is a control plane's address or VIP, on a port its kube-apiserver left. */
    @Nested
    class EndpointPortNotServed {
        @Test
        void firesForTheControlPlaneWhoseAddressIsTheEndpoint() {
            assertThat(lint.findings(ServeForwardMissesApiServer.ON_7443, "endpoint-port-not-served")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.node()).isEqualTo("cp-0");
                assertThat(f.line()).isEqualTo(lineOf(ServeForwardMissesApiServer.ON_7443, "endpoint:"));
                assertThat(f.why()).contains("https://192.168.20.10:6443 is cp-0's address").contains("listens on 7443")
                        .contains("cluster.controlPlane.localAPIServerPort");
                assertThat(f.fix()).contains("keep the kube-apiserver on 6443").contains(":7443");
            });
        }

        @Test
        void firesForEveryControlPlaneHoldingTheEndpointsVip() {
            String vip = replace(replace(ServeForwardMissesApiServer.ON_7443, "endpoint: https://192.168.20.10:6443",
                    "endpoint: https://192.168.20.5:6443"), "  patches:\n    - |-\n      cluster:\n        etcd:",
                    "  patches:\n    - |-\n      machine:\n        network:\n          interfaces:\n            - interface: eth0\n"
                            + "              vip:\n                ip: 192.168.20.5\n    - |-\n      cluster:\n        etcd:");
            assertThat(lint.findings(vip, "endpoint-port-not-served")).singleElement().satisfies(f -> {
                assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2");
                assertThat(f.why()).contains("is a VIP");
            });
        }

        @Test
        void staysSilentWhenTheEndpointFollowsOrIsNotAControlPlanesAddress() {
            String on7443 = ServeForwardMissesApiServer.ON_7443;
            assertThat(lint.findings(FIXED, "endpoint-port-not-served")).isEmpty();
            assertThat(lint.findings(on7443.replace("https://192.168.20.10:6443", "https://192.168.20.10:7443"), "endpoint-port-not-served")).isEmpty();
            assertThat(lint.findings(on7443.replace("https://192.168.20.10:6443", "https://k8s.lab.example:6443"), "endpoint-port-not-served"))
                    .as("a DNS name may be a load balancer that maps the port").isEmpty();
            assertThat(lint.findings(on7443.replace("https://192.168.20.10:6443", "https://192.168.20.200:6443"), "endpoint-port-not-served"))
                    .as("an address no control plane holds").isEmpty();
        }

        /**
         * An endpoint without a port, which talhelper and Talos accept (siderolabs/net ValidateEndpointURI), is dialled on
         * 443 (Talos's KubePrism: kubeprism_config.go toPort, v1.13.9): a control plane's own address there is not served
         * by a kube-apiserver on 6443; a name may be a load balancer on 443.
         */
        @Test
        void anEndpointWithoutAPortIsDialledOn443() {
            assertThat(lint.findings(FIXED.replace("https://192.168.20.10:6443", "https://192.168.20.10"), "endpoint-port-not-served"))
                    .singleElement().satisfies(f -> {
                        assertThat(f.node()).isEqualTo("cp-0");
                        assertThat(f.why()).contains("listens on 6443").contains("not 443");
                    });
            assertThat(lint.findings(FIXED.replace("https://192.168.20.10:6443", "https://k8s.lab.example"), "endpoint-port-not-served")).isEmpty();
        }

        /** A name: when the migration moves the kube-apiserver off the endpoint's port, what the name stands for must follow. */
        @Test
        void warnsWhenTheMigrationMovesTheApiServerOffANamedEndpointsPort() {
            String named = FIXED.replace("https://192.168.20.10:6443", "https://k8s.lab.example:6443");
            String moved = ServeForwardMissesApiServer.ON_7443.replace("https://192.168.20.10:6443", "https://k8s.lab.example:6443");
            assertThat(lint.from(named).findings(moved, "endpoint-port-not-served")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2");
                assertThat(f.why()).contains("moves from 6443 to 7443").contains("k8s.lab.example");
            });
            assertThat(lint.from(moved).findings(moved, "endpoint-port-not-served")).as("no move in this migration").isEmpty();
        }
    }

    @Nested
    class CertsanMissing {
        static final String NO_SAN = replace(FIXED, "additionalApiServerCertSans:\n  - bastion-k8s.tailnet-4d89.ts.net\n", "");

        @Test
        void firesWhenTheServiceNameIsNotInTheCertificate() {
            assertThat(lint.tailnet("tailnet-4d89.ts.net").findings(NO_SAN, "certsan-missing")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2");
                assertThat(f.line()).isEqualTo(lineOf(NO_SAN, "\"svc:bastion-k8s\""));
                assertThat(f.why()).contains("bastion-k8s.tailnet-4d89.ts.net").contains("x509");
                assertThat(f.fix()).contains("additionalApiServerCertSans: [bastion-k8s.tailnet-4d89.ts.net]");
            });
        }

        /** fixtures/office's shape: the Service listens on 443 and forwards to the API server's port. */
        @Test
        void firesForAServicePortThatForwardsToTheApiServer() {
            String on443 = NO_SAN.replace("\"6443\": {", "\"443\": {");
            assertThat(lint.tailnet("tailnet-4d89.ts.net").findings(on443, "certsan-missing")).singleElement()
                    .satisfies(f -> assertThat(f.why()).contains("bastion-k8s.tailnet-4d89.ts.net"));
        }

        @Test
        void namesAPlaceholderTailnetWhenItIsNotKnown() {
            assertThat(lint.findings(NO_SAN, "certsan-missing")).singleElement()
                    .satisfies(f -> assertThat(f.fix()).contains("bastion-k8s.<tailnet>.ts.net").contains("--tailnet"));
        }

        @Test
        void staysSilentOnTheFixedInput() {
            assertThat(lint.tailnet("tailnet-4d89.ts.net").findings(FIXED, "certsan-missing")).isEmpty();
            assertThat(lint.tailnet(null).findings(FIXED, "certsan-missing")).isEmpty();
        }
    }

    @Nested
    class ServeConfigEnvMismatch {
        @Test
        void firesWhenTsServeConfigPointsWhereNoFileIsMounted() {
            String config = replace(FIXED, "- mountPath: /etc/tailscale/serve.json", "- mountPath: /etc/tailscale/serve-config.json");
            List<Finding> found = lint.findings(config, "serve-config-env-mismatch");
            assertThat(found).extracting(Finding::severity).containsExactly(Severity.ERROR, Severity.WARNING);
            assertThat(found.get(0).line()).isEqualTo(lineOf(config, "TS_SERVE_CONFIG="));
            assertThat(found.get(0).why()).contains("mounts no file there").contains("/etc/tailscale/serve-config.json");
            assertThat(found.get(0).fix()).contains("TS_SERVE_CONFIG=/etc/tailscale/serve-config.json");
            assertThat(found.get(1).why()).contains("never reads it");
        }

        @Test
        void firesOnAServeConfigThatIsNotJson() {
            String config = withServe("{\"TCP\": {\"6443\": {\"TCPForward\": \"127.0.0.1:6443\"}}");
            assertThat(lint.findings(config, "serve-config-invalid")).singleElement()
                    .satisfies(f -> assertThat(f.severity()).isEqualTo(Severity.ERROR));
        }

        @Test
        void staysSilentOnTheFixedInput() {
            assertThat(lint.findings(FIXED, "serve-config-env-mismatch")).isEmpty();
            assertThat(lint.findings(FIXED, "serve-config-invalid")).isEmpty();
        }
    }

    @Nested
    class NameserverOverlayOnly {
        @Test
        void firesWhenEveryNameserverIsOnTheOverlay() {
            String config = replace(FIXED, "controlPlane:\n  nameservers:\n    - 192.168.20.1", "controlPlane:\n  nameservers:\n    - 100.100.100.100");
            assertThat(lint.findings(config, "nameserver-overlay-only")).singleElement().satisfies(f -> {
                assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2");
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.line()).isEqualTo(lineOf(config, "  nameservers:"));
            });
        }

        @Test
        void namesThePatchThatSetTheListWhenOneDid() throws IOException {
            Files.createDirectories(dir.resolve("patches"));
            Files.writeString(dir.resolve("patches/dns.yaml"),
                    "machine:\n  network:\n    nameservers:\n      - 100.100.100.100\n");
            String config = replace(FIXED, "controlPlane:\n  nameservers:\n    - 192.168.20.1\n  patches:\n",
                    "controlPlane:\n  patches:\n    - \"@./patches/dns.yaml\"\n");
            assertThat(lint.findings(config, "nameserver-overlay-only")).singleElement().satisfies(f -> {
                assertThat(Path.of(f.file())).endsWith(Path.of("patches", "dns.yaml"));
                assertThat(f.line()).as("the list, where it starts").isEqualTo(4);
            });
        }

        @Test
        void staysSilentOnTheFixedInput() {
            assertThat(lint.findings(FIXED, "nameserver-overlay-only")).isEmpty();
        }
    }

    /**
     * Talos v1.13.9 v1alpha1_network_bridge.go: Resolvers() keeps only what netip.ParseAddr parses, without a word. The
     * talconfig's own nameservers field refuses such values at load; a patch carries them through.
     */
    @Nested
    class NameserverNotAnAddress {
        static String withNameserverPatch(String items) {
            return replace(FIXED, "patches:\n  - |-\n    machine:\n      kubelet:",
                    "patches:\n  - |-\n    machine:\n      network:\n        nameservers:\n" + items + "      kubelet:");
        }

        @Test
        void firesOnATypoThatTalosWouldDropNamingWhatTheNodeResolvesThroughInstead() {
            String config = withNameserverPatch("          - 192.168.20.l\n          - 1.1.1.1\n");
            assertThat(lint.findings(config, "nameserver-not-an-address")).singleElement().satisfies(f -> {
                assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2,worker-0");
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.line()).isEqualTo(lineOf(config, "- 192.168.20.l"));
                assertThat(f.why()).startsWith("'192.168.20.l' is not an IP address").contains("through 192.168.20.1, 1.1.1.1 only");
            });
        }

        @Test
        void withNoAddressLeftTheNodeFallsBackToDefaults() {
            // an item indented under the one before: YAML folds the two into one string, and the patch's list is all there is
            String config = withNameserverPatch("          - 192.168.20.1\n              - 1.1.1.1\n")
                    .replace("controlPlane:\n  nameservers:\n    - 192.168.20.1\n", "controlPlane:\n")
                    .replace("worker:\n  nameservers:\n    - 192.168.20.1\n", "worker:\n  nodeLabels:\n    site: lab\n");
            assertThat(lint.findings(config, "nameserver-not-an-address")).singleElement().satisfies(f -> {
                assertThat(f.why()).startsWith("'192.168.20.1 - 1.1.1.1' is not an IP address")
                        .contains("DHCP's or Talos's default resolvers (1.1.1.1, 8.8.8.8)");
                assertThat(f.line()).as("where the folded item starts").isEqualTo(lineOf(config, "          - 192.168.20.1"));
                assertThat(f.fix()).as("the list it meant").endsWith("one per list item: nameservers: [192.168.20.1, 1.1.1.1].");
            });
        }

        @Test
        void namesThePatchFileAndTheEntrysLineWhenAnAtPatchCarriesIt() throws IOException {
            Files.createDirectories(dir.resolve("patches"));
            Files.writeString(dir.resolve("patches/dns.yaml"), "machine:\n  network:\n    nameservers:\n      - 1.1.1.1\n      - 9.9.9.g\n");
            String config = replace(FIXED, "patches:\n  - |-\n    machine:\n      kubelet:",
                    "patches:\n  - \"@./patches/dns.yaml\"\n  - |-\n    machine:\n      kubelet:");
            assertThat(lint.findings(config, "nameserver-not-an-address")).singleElement().satisfies(f -> {
                assertThat(Path.of(f.file())).as("the patch file, not talconfig.yaml").endsWith(Path.of("patches", "dns.yaml"));
                assertThat(f.line()).as("the entry's line in it").isEqualTo(5);
                assertThat(f.why()).startsWith("'9.9.9.g' is not an IP address");
            });
        }

        @Test
        void staysSilentOnAddressesOfEitherFamily() {
            assertThat(lint.findings(withNameserverPatch("          - 2606:4700:4700::1111\n"), "nameserver-not-an-address")).isEmpty();
            assertThat(lint.findings(FIXED, "nameserver-not-an-address")).isEmpty();
        }
    }

    /** Talos v1.13.9 controllers/k8s/nodename.go: the Node is named after the hostname's first label, lower-cased. */
    @Nested
    class NodeNameCollision {
        @Test
        void firesWhenTwoHostnamesShareTheirFirstLabel() {
            String config = replace(replace(FIXED, "hostname: cp-2\n", "hostname: worker.rack-b\n"), "hostname: worker-0\n", "hostname: Worker.rack-a\n");
            assertThat(lint.findings(config, "node-name-collision")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.node()).isEqualTo("worker.rack-b,Worker.rack-a");
                assertThat(f.why()).contains("Kubernetes Node 'worker'");
                assertThat(f.line()).isEqualTo(lineOf(config, "- hostname: Worker.rack-a"));
            });
        }

        @Test
        void staysSilentWhenTheNodesRegisterWithTheirFullNames() {
            String config = replace(replace(replace(FIXED, "hostname: cp-2\n", "hostname: worker.rack-b\n"), "hostname: worker-0\n", "hostname: worker.rack-a\n"),
                    "patches:\n  - |-\n    machine:\n      kubelet:", "patches:\n  - |-\n    machine:\n      kubelet:\n        registerWithFQDN: true");
            assertThat(lint.findings(config, "node-name-collision")).isEmpty();
            assertThat(lint.findings(FIXED, "node-name-collision")).isEmpty();
        }
    }

    /**
     * Talos v1.13.9: the kubelet's cluster DNS is the Service range's tenth address (v1alpha1_clusterconfig.go DNSServiceIPs,
     * controllers/k8s/kubelet_config.go); Kubernetes keeps Service cluster IPs and Node pod CIDRs as first assigned.
     */
    @Nested
    class ClusterNetworkChanged {
        @Test
        void firesWhenTheServiceSubnetsOfARunningClusterChange() {
            String config = replace(FIXED, "endpoint: https://192.168.20.10:6443\n", "endpoint: https://192.168.20.10:6443\nclusterSvcNets:\n  - 10.112.0.0/12\n");
            assertThat(lint.from(FIXED).findings(config, "cluster-network-changed")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2,worker-0");
                assertThat(f.line()).isEqualTo(lineOf(config, "clusterSvcNets:"));
                assertThat(f.why()).contains("from 10.96.0.0/12 to 10.112.0.0/12").contains("cluster DNS");
            });
        }

        @Test
        void firesWhenThePodSubnetsChange() {
            String config = replace(FIXED, "endpoint: https://192.168.20.10:6443\n", "endpoint: https://192.168.20.10:6443\nclusterPodNets:\n  - 10.200.0.0/16\n");
            assertThat(lint.from(FIXED).findings(config, "cluster-network-changed")).singleElement()
                    .satisfies(f -> assertThat(f.why()).contains("from 10.244.0.0/16 to 10.200.0.0/16").contains("pod CIDR"));
        }

        @Test
        void staysSilentWhenTheDefaultsAreOnlyWrittenOut() {
            String config = replace(FIXED, "endpoint: https://192.168.20.10:6443\n",
                    "endpoint: https://192.168.20.10:6443\nclusterPodNets:\n  - 10.244.0.0/16\nclusterSvcNets:\n  - 10.96.0.0/12\n");
            assertThat(lint.from(FIXED).findings(config, "cluster-network-changed")).isEmpty();
            assertThat(lint.findings(config, "cluster-network-changed")).as("without --from there is nothing to compare").isEmpty();
        }
    }

    @Nested
    class RoleChanged {
        @Test
        void firesWhenAWorkerBecomesAControlPlane() {
            String promoted = replace(FIXED, "ipAddress: 192.168.20.20\n    controlPlane: false", "ipAddress: 192.168.20.20\n    controlPlane: true");
            assertThat(lint.from(FIXED).findings(promoted, "role-changed")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.node()).isEqualTo("worker-0");
                assertThat(f.line()).as("the node's controlPlane line").isEqualTo(lineOf(promoted, "hostname: worker-0") + 2);
                assertThat(f.why()).contains("from worker to control plane");
                assertThat(f.fix()).contains("talosctl reset");
            });
            assertThat(lint.from(FIXED).findings(FIXED, "role-changed")).isEmpty();
        }
    }

    /**
     * siderolabs/talos e9e027c63 ("fix: kubelet stuck restarting", in v1.12.10, v1.13.6, v1.14.0-beta.0): the kubelet's
     * spec is rendered from KubeletConfig, NodeIP and Nodename, and a stop while the kubelet still starts left it Failed.
     */
    @Nested
    class KubeletRestartRace {
        static final String OLD_SUBNET = replace(FIXED, "validSubnets:\n            - 192.168.20.0/24", "validSubnets:\n            - 100.64.0.0/10");
        static final String MAX_PODS = replace(FIXED, "    machine:\n      kubelet:\n        nodeIP:",
                "    machine:\n      kubelet:\n        extraArgs:\n          max-pods: \"150\"\n        nodeIP:");

        @Test
        void warnsWhenTheKubeletsConfigurationAndNodeIpChangeTogetherBeforeTheFix() {
            assertThat(lint.from(OLD_SUBNET).findings(MAX_PODS, "kubelet-restart-race")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2,worker-0");
                assertThat(f.line()).isEqualTo(lineOf(MAX_PODS, "talosVersion:"));
                assertThat(f.why()).contains("on Talos v1.11.5").contains("Condition failed: context canceled");
                assertThat(f.fix()).contains("v1.13.6");
            });
        }

        @Test
        void staysSilentForOneOfTheTwoOrOnAReleaseWithTheFix() {
            assertThat(lint.from(OLD_SUBNET).findings(FIXED, "kubelet-restart-race")).as("the node IP alone: one restart").isEmpty();
            assertThat(lint.from(FIXED).findings(MAX_PODS, "kubelet-restart-race")).as("the kubelet's configuration alone").isEmpty();
            for (String release : new String[] {"v1.13.6", "v1.12.10"}) {
                String from = replace(OLD_SUBNET, "talosVersion: v1.11.5", "talosVersion: " + release);
                String to = replace(MAX_PODS, "talosVersion: v1.11.5", "talosVersion: " + release);
                assertThat(lint.from(from).findings(to, "kubelet-restart-race")).as(release).isEmpty();
            }
            // (v1.14 refuses this v1alpha1 node-IP patch, moved-field; it has the fix from v1.14.0-beta.0)
            assertThat(KubeletRestartRaceRule.fixed(dev.talosrehearsal.talconfig.TalosVersion.parse("v1.14.0-rc.1"))).isTrue();
            assertThat(KubeletRestartRaceRule.fixed(dev.talosrehearsal.talconfig.TalosVersion.parse("v1.13.5"))).isFalse();
            assertThat(KubeletRestartRaceRule.fixed(dev.talosrehearsal.talconfig.TalosVersion.parse("v1.12.9"))).isFalse();
        }
    }

    /**
     * Talos v1.13.9 CanApplyImmediate (v1alpha1_runtime.go) applies machine.install without a reboot and only an upgrade
     * reads it; Talos v1.14's documentation: install configuration has no effect on an installed node, even after a reboot.
     */
    @Nested
    class InstallerImageChanged {
        static final String TAILSCALE_SCHEMATIC = "controlPlane:\n  schematic:\n    customization:\n      systemExtensions:\n"
                + "        officialExtensions:\n          - siderolabs/tailscale\n";

        @Test
        void warnsThatApplyingConfigsForANewReleaseDoesNotUpgradeTalos() {
            String upgraded = replace(FIXED, "talosVersion: v1.11.5", "talosVersion: v1.11.6");
            assertThat(lint.from(FIXED).findings(upgraded, "installer-image-changed")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2,worker-0");
                assertThat(f.line()).isEqualTo(lineOf(upgraded, "talosVersion:"));
                assertThat(f.why()).contains("Talos v1.11.5 → v1.11.6").contains("still run v1.11.5");
                assertThat(f.fix()).contains("talosctl upgrade --image").contains(":v1.11.6");
            });
            assertThat(lint.from(upgraded).findings(upgraded, "installer-image-changed")).isEmpty();
        }

        /**
         * Configs rendered for v1.12 carry install.grubUseUKICmdline (v1.12's generator default) and talhelper's
         * HostnameConfig, which v1.11.5 does not know: the nodes refuse them before anything else, so the upgrade has to
         * come first (configloader's unknown-keys check and registry, TalosFields#undecodable).
         */
        @Test
        void isAnErrorWhenTheRunningReleaseCannotDecodeTheNewConfigs() {
            String upgraded = replace(FIXED, "talosVersion: v1.11.5", "talosVersion: v1.12.9");
            assertThat(lint.from(FIXED).findings(upgraded, "installer-image-changed")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.why()).contains("Talos v1.11.5 → v1.12.9: the nodes run v1.11.5, which cannot decode the configs")
                        .contains("(unknown keys found during decoding: machine.install.grubUseUKICmdline)");
                assertThat(f.fix()).startsWith("upgrade the nodes to ").contains(":v1.12.9 first");
            });
        }

        @Test
        void isAnErrorWhenTheRolloutWouldWaitForAnExtensionServiceOnlyTheNewImageBrings() {
            String withoutTailscale = FIXED.substring(0, FIXED.indexOf("  extensionServices:")) + FIXED.substring(FIXED.indexOf("worker:\n"));
            String withExtension = replace(FIXED, "controlPlane:\n", TAILSCALE_SCHEMATIC);
            assertThat(lint.from(withoutTailscale).findings(withExtension, "installer-image-changed")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2");
                assertThat(f.line()).as("the schematic's line").isEqualTo(lineOf(withExtension, "  schematic:"));
                assertThat(f.why()).contains("with the system extensions siderolabs/tailscale").contains("ext-tailscale")
                        .contains("services gate fails");
                assertThat(f.fix()).contains("first").contains("tailscale");
            });
        }

        @Test
        void onlyWarnsWhenTheExtensionsServiceWasConfiguredBefore() {
            String withExtension = replace(FIXED, "controlPlane:\n", TAILSCALE_SCHEMATIC);
            assertThat(lint.from(FIXED).findings(withExtension, "installer-image-changed")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.why()).contains("without the new image's extensions").doesNotContain("services gate");
            });
        }
    }

    /** An extension service runs only when its system extension is in the node's image (the schematic says which). */
    @Nested
    class ExtensionNotInSchematic {
        @Test
        void warnsWhenTheSchematicListsNoExtensionForAConfiguredService() {
            String iscsiOnly = replace(FIXED, "controlPlane:\n", "controlPlane:\n  schematic:\n    customization:\n      systemExtensions:\n"
                    + "        officialExtensions:\n          - siderolabs/iscsi-tools\n");
            assertThat(lint.findings(iscsiOnly, "extension-not-in-schematic")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2");
                assertThat(f.line()).isEqualTo(lineOf(iscsiOnly, "    - name: tailscale"));
                assertThat(f.why()).contains("ext-tailscale is configured, but the node's schematic lists no tailscale extension"
                        + " (siderolabs/iscsi-tools)");
                assertThat(f.fix()).contains("siderolabs/tailscale").contains("gencommand upgrade");
            });
        }

        @Test
        void staysSilentWhenTheSchematicHasItOrThereIsNoSchematic() {
            String withTailscale = replace(FIXED, "controlPlane:\n", "controlPlane:\n  schematic:\n    customization:\n      systemExtensions:\n"
                    + "        officialExtensions:\n          - siderolabs/tailscale\n");
            assertThat(lint.findings(withTailscale, "extension-not-in-schematic")).isEmpty();
            assertThat(lint.findings(FIXED, "extension-not-in-schematic")).as("no schematic: the image is not known").isEmpty();
        }
    }

    /** extension_service.go (v1.13.9): services come from the image's extensions at boot; a document alone starts nothing. */
    @Nested
    class ExtensionNotInImage {
        @Test
        void anErrorWhenTheInventorySaysTheImageDefinesNoSuchService() {
            String inventory = INVENTORY.replace("eth0: [192.168.20.11/24]\n    tailscale: 100.101.0.11\n",
                    "eth0: [192.168.20.11/24]\n    tailscale: 100.101.0.11\n    extensionServices: [iscsid]\n");
            assertThat(inventory).isNotEqualTo(INVENTORY);
            assertThat(lint.inventory(inventory).findings(FIXED, "extension-not-in-image")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.node()).isEqualTo("cp-1");
                assertThat(f.line()).isEqualTo(lineOf(FIXED, "    - name: tailscale"));
                assertThat(f.why()).contains("ext-tailscale is configured, but").contains("says the node's image defines iscsid")
                        .contains("an apply installs none");
                assertThat(f.fix()).contains("talosctl upgrade --image").contains("to the node's extensionServices in");
            });
        }

        @Test
        void silentWhenTheImageDefinesItOrTheInventoryDoesNotSay() {
            String withIt = INVENTORY.replace("tailscale: 100.101.0.11\n", "tailscale: 100.101.0.11\n    extensionServices: [ext-tailscale]\n");
            assertThat(withIt).isNotEqualTo(INVENTORY);
            assertThat(lint.inventory(withIt).findings(FIXED, "extension-not-in-image")).isEmpty();
            assertThat(lint.inventory(INVENTORY).findings(FIXED, "extension-not-in-image")).as("no extensionServices: not known").isEmpty();
        }
    }

    /** Talos v1.13.9 and v1.14.0-rc.1 controllers/k8s/manifest_apply.go: objects that exist are skipped, none deleted. */
    @Nested
    class BootstrapManifestsChanged {
        static final String INLINE = "inlineManifests:\n  - name: cilium-values\n    contents: |\n      apiVersion: v1\n      kind: ConfigMap\n"
                + "      metadata:\n        name: cilium-values\n      data:\n        k8sServiceHost: 100.64.0.10\n";

        @Test
        void warnsThatANewKubernetesVersionLeavesKubeProxysDaemonSetAsItWas() {
            String bumped = replace(FIXED, "kubernetesVersion: v1.34.1", "kubernetesVersion: v1.35.0");
            assertThat(lint.from(FIXED).findings(bumped, "bootstrap-manifests-changed")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.node()).as("manifests come from the control planes").isEqualTo("cp-0,cp-1,cp-2");
                assertThat(f.why()).contains("(kube-proxy)").contains("only creates");
                assertThat(f.fix()).contains("talosctl upgrade-k8s --to 1.35.0");
            });
        }

        /** control_plane.go renders the Service when the feature is enabled (TalosAPIServiceEnabled); its roles are not in it. */
        @Test
        void theTalosApiAccessServiceCountsButNotTheRolesItAllows() {
            String enabled = replace(FIXED, "  patches:\n    - |-\n      cluster:", "  patches:\n    - |-\n      machine:\n        features:\n"
                    + "          kubernetesTalosAPIAccess:\n            enabled: true\n            allowedRoles: [os:reader]\n"
                    + "            allowedKubernetesNamespaces: [kube-system]\n    - |-\n      cluster:");
            String moreRoles = replace(enabled, "allowedRoles: [os:reader]", "allowedRoles: [os:reader, os:etcd:backup]");
            assertThat(lint.from(enabled).findings(moreRoles, "bootstrap-manifests-changed")).isEmpty();
            assertThat(lint.from(FIXED).findings(enabled, "bootstrap-manifests-changed")).singleElement()
                    .satisfies(f -> assertThat(f.why()).contains("(the Talos API access Service)"));
        }

        /**
         * From v1.14 kube-proxy, CoreDNS and KubePrism are documents of their own: compared as written they always differ
         * from v1.13's v1alpha1 fields, and the warning says so rather than pass it off as a change.
         */
        @Test
        void saysItComparesAsWrittenWhenTheSettingsMoveIntoV114sDocuments() {
            String withoutPatches = replace(FIXED.substring(0, FIXED.lastIndexOf("patches:\n")),
                    "  patches:\n    - |-\n      cluster:\n        etcd:\n          advertisedSubnets:\n            - 192.168.20.0/24\n", "");
            String v113 = replace(withoutPatches, "talosVersion: v1.11.5", "talosVersion: v1.13.9");
            String v114 = replace(withoutPatches, "talosVersion: v1.11.5", "talosVersion: v1.14.0-rc.1");
            assertThat(lint.from(v113).findings(v114, "bootstrap-manifests-changed")).singleElement()
                    .satisfies(f -> assertThat(f.why()).contains("Compared as written: these settings moved from the v1alpha1 document"));
            assertThat(lint.from(FIXED).findings(replace(FIXED, "kubernetesVersion: v1.34.1", "kubernetesVersion: v1.35.0"),
                    "bootstrap-manifests-changed")).singleElement()
                    .satisfies(f -> assertThat(f.why()).as("same release, nothing moved").doesNotContain("Compared as written"));
        }

        @Test
        void warnsForAChangedInlineManifestButNotForANewOne() {
            String before = replace(FIXED, "additionalApiServerCertSans:", INLINE + "additionalApiServerCertSans:");
            String after = replace(before, "k8sServiceHost: 100.64.0.10", "k8sServiceHost: 192.168.20.10");
            assertThat(lint.from(before).findings(after, "bootstrap-manifests-changed")).singleElement()
                    .satisfies(f -> assertThat(f.why()).contains("inline manifests: cilium-values changed"));
            assertThat(lint.from(FIXED).findings(before, "bootstrap-manifests-changed")).as("a new manifest is created").isEmpty();
            assertThat(lint.from(before).findings(FIXED, "bootstrap-manifests-changed")).singleElement()
                    .satisfies(f -> assertThat(f.why()).contains("cilium-values removed"));
        }
    }

    @Nested
    class TsCertDomainUnescaped {
        static final String UNESCAPED = withServe("{\"TCP\": {\"443\": {\"HTTPS\": true}}, \"Web\": {\"${TS_CERT_DOMAIN}:443\":"
                + " {\"Handlers\": {\"/\": {\"Proxy\": \"http://127.0.0.1:8080\"}}}}}");

        @Test
        void firesOnAnUnescapedPlaceholderThatWouldStopGenconfig() {
            Linter.Result result = lint.lint(UNESCAPED);
            assertThat(result.skipped()).isNull(); // rendered with the placeholder kept: the other rules ran
            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.ruleId()).isEqualTo("ts-cert-domain-unescaped");
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.line()).isEqualTo(lineOf(UNESCAPED, "${TS_CERT_DOMAIN}"));
                assertThat(f.why()).contains("is not set");
                assertThat(f.fix()).contains("$${TS_CERT_DOMAIN}");
            });
        }

        @Test
        void firesWhenTalenvGivesItAFixedValue() {
            assertThat(lint.env(Map.of("TS_CERT_DOMAIN", "cp-0.tailnet-4d89.ts.net")).findings(UNESCAPED, "ts-cert-domain-unescaped"))
                    .singleElement().satisfies(f -> assertThat(f.why()).contains("one fixed value"));
        }

        @Test
        void firesOnOtherVariablesLeftForContainerboot() {
            String config = withServe("{\"TCP\": {\"443\": {\"HTTPS\": true}}, \"Web\": {\"$${TS_HOSTNAME}:443\":"
                    + " {\"Handlers\": {\"/\": {\"Proxy\": \"http://127.0.0.1:8080\"}}}}}");
            assertThat(lint.findings(config, "envsubst-leftover")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.why()).contains("${TS_HOSTNAME}");
            });
        }

        @Test
        void ignoresAReferenceInAComment() {
            String config = replace(FIXED, "clusterName: lab", "clusterName: lab # serve on ${TS_CERT_DOMAIN}");
            assertThat(lint.findings(config, "ts-cert-domain-unescaped")).isEmpty();
        }

        @Test
        void staysSilentOnTheFixedInput() {
            String escaped = UNESCAPED.replace("${TS_CERT_DOMAIN}", "$${TS_CERT_DOMAIN}");
            assertThat(lint.lint(escaped).findings()).isEmpty();
            assertThat(lint.findings(FIXED, "ts-cert-domain-unescaped")).isEmpty();
        }
    }

    @Nested
    class ExtensionConfigVersion {
        @Test
        void firesForExtensionServicesBeforeTalos17() {
            String old = replace(FIXED, "talosVersion: v1.11.5", "talosVersion: v1.6.4");
            Linter.Result result = lint.lint(old);
            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.ruleId()).isEqualTo("extension-config-version");
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.line()).isEqualTo(lineOf(old, "- name: tailscale"));
                assertThat(f.why()).contains("v1.6");
            });
            assertThat(result.skipped()).contains("not supported"); // talos-rehearsal renders v1.8+
        }

        @Test
        void staysSilentOnTheFixedInput() {
            assertThat(lint.findings(FIXED, "extension-config-version")).isEmpty();
        }
    }

    @Nested
    class TsAuthOnce {
        @Test
        void firesWithoutTsAuthOnce() {
            String config = replace(FIXED, "        - TS_AUTH_ONCE=true\n", "");
            assertThat(lint.findings(config, "ts-auth-once")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.fix()).contains("TS_AUTH_ONCE=true");
            });
        }

        @Test
        void staysSilentOnTheFixedInput() {
            assertThat(lint.findings(FIXED, "ts-auth-once")).isEmpty();
        }
    }

    /**
     * What rendering says without refusing reaches lint (and so rehearse), not only genconfig: a real cluster's change that
     * added node-level extraKernelArgs, a key today's talhelper ignores, rehearsed as "no node changes" and nothing else.
     */
    @Nested
    class RenderWarning {
        @Test
        void aKeyTalhelperIgnoresIsAWarningAtItsLine() {
            String withArgs = replace(FIXED, "    installDisk: /dev/sda\n  - hostname: cp-1", "    installDisk: /dev/sda\n    extraKernelArgs: [net.ifnames=0]\n  - hostname: cp-1");
            assertThat(lint.findings(withArgs, "render-warning")).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.file()).isEqualTo(lint.file());
                assertThat(f.line()).isEqualTo(lineOf(withArgs, "extraKernelArgs"));
                assertThat(f.why()).isEqualTo("nodes[0].extraKernelArgs: not a key of a node talhelper knows; it ignores it, and so does"
                        + " talos-rehearsal (talhelper reads kernel arguments under schematic: customization: extraKernelArgs)");
            });
        }

        @Test
        void staysSilentOnTheFixedInput() {
            assertThat(lint.findings(FIXED, "render-warning")).isEmpty();
        }
    }

    @Nested
    class EndpointChanged {
        @Test
        void firesWhenTheEndpointDiffersFromTheOldConfig() {
            String old = replace(FIXED, "endpoint: https://192.168.20.10:6443", "endpoint: https://k8s.lab.example:6443");
            List<Finding> found = lint.from(old).findings(FIXED, "endpoint-changed");
            assertThat(found).singleElement().satisfies(f -> {
                assertThat(f.severity()).isEqualTo(Severity.ERROR);
                assertThat(f.node()).isEqualTo("cp-0,cp-1,cp-2,worker-0");
                assertThat(f.line()).isEqualTo(lineOf(FIXED, "endpoint:"));
                assertThat(f.why()).contains("kube-apiserver's --service-account-issuer").contains("service-account token issued for the old endpoint stops validating");
                assertThat(f.fix()).contains("keep endpoint: https://k8s.lab.example:6443");
            });
        }

        @Test
        void staysSilentOnTheFixedInput() {
            assertThat(lint.from(FIXED).findings(FIXED, "endpoint-changed")).isEmpty();
        }
    }

    @Nested
    class EtcdQuorum {
        static final String CP_2 = "  - hostname: cp-2\n    ipAddress: 192.168.20.12\n    controlPlane: true\n    installDisk: /dev/sda\n";
        static final String CP_1 = CP_2.replace("cp-2", "cp-1").replace(".12", ".11");

        @Test
        void warnsAboutAnEvenNumberOfEtcdMembers() {
            Linter.Result result = lint.lint(replace(FIXED, CP_2, ""));
            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.ruleId()).isEqualTo("even-etcd-members");
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
                assertThat(f.node()).isNull();
                assertThat(f.why()).contains("2 etcd members").contains("loses quorum");
            });
        }

        @Test
        void warnsAboutASingleControlPlane() {
            Linter.Result result = lint.lint(replace(replace(FIXED, CP_2, ""), CP_1, ""));
            assertThat(result.findings()).singleElement().satisfies(f -> {
                assertThat(f.ruleId()).isEqualTo("single-control-plane");
                assertThat(f.severity()).isEqualTo(Severity.WARNING);
            });
        }

        @Test
        void staysSilentOnTheFixedInput() {
            assertThat(lint.lint(FIXED).findings()).noneMatch(f -> f.ruleId().equals("even-etcd-members")
                    || f.ruleId().equals("single-control-plane"));
        }
    }
}
