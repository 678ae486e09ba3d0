package dev.talosrehearsal.lint;

import dev.talosrehearsal.machineconfig.secrets.SecretsBundle;
import dev.talosrehearsal.machineconfig.secrets.SecretsFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A small cluster written inline for the rule tests: three control planes serving the API as the
 * Tailscale service bastion-k8s (TCPForward), one worker, LAN subnets pinned — the "fixed" input, on
 * which every rule stays silent. Tests break it with {@link #replace}.
 */
final class LintFixture {
    static final SecretsBundle SECRETS = SecretsFile.read(Path.of("src/test/resources/secrets/test-talsecret.yaml"));

    static final String FIXED = """
            clusterName: lab
            talosVersion: v1.11.5
            kubernetesVersion: v1.34.1
            endpoint: https://192.168.20.10:6443
            additionalApiServerCertSans:
              - bastion-k8s.tailnet-4d89.ts.net
            nodes:
              - hostname: cp-0
                ipAddress: 192.168.20.10
                controlPlane: true
                installDisk: /dev/sda
              - hostname: cp-1
                ipAddress: 192.168.20.11
                controlPlane: true
                installDisk: /dev/sda
              - hostname: cp-2
                ipAddress: 192.168.20.12
                controlPlane: true
                installDisk: /dev/sda
              - hostname: worker-0
                ipAddress: 192.168.20.20
                controlPlane: false
                installDisk: /dev/sda
            controlPlane:
              nameservers:
                - 192.168.20.1
              patches:
                - |-
                  cluster:
                    etcd:
                      advertisedSubnets:
                        - 192.168.20.0/24
              extensionServices:
                - name: tailscale
                  configFiles:
                    - mountPath: /etc/tailscale/serve.json
                      content: |
                        {
                          "Services": {
                            "svc:bastion-k8s": {
                              "TCP": {
                                "6443": {
                                  "TCPForward": "127.0.0.1:6443"
                                }
                              }
                            }
                          }
                        }
                  environment:
                    - TS_AUTHKEY=tskey-test
                    - TS_AUTH_ONCE=true
                    - TS_SERVE_CONFIG=/etc/tailscale/serve.json
            worker:
              nameservers:
                - 192.168.20.1
            patches:
              - |-
                machine:
                  kubelet:
                    nodeIP:
                      validSubnets:
                        - 192.168.20.0/24
            """;

    /** The fixed serve config's content lines, to swap for another serve config. */
    static final String FIXED_SERVE = """
                        {
                          "Services": {
                            "svc:bastion-k8s": {
                              "TCP": {
                                "6443": {
                                  "TCPForward": "127.0.0.1:6443"
                                }
                              }
                            }
                          }
                        }
            """;

    static final String INVENTORY = """
            nodes:
              cp-0:
                interfaces:
                  eth0: [192.168.20.10/24]
                tailscale: 100.101.0.10
              cp-1:
                interfaces:
                  eth0: [192.168.20.11/24]
                tailscale: 100.101.0.11
              cp-2:
                interfaces:
                  eth0: [192.168.20.12/24]
                tailscale: 100.101.0.12
              worker-0:
                interfaces:
                  eth0: [192.168.20.20/24]
            """;

    private final Path dir;
    private Map<String, String> env = Map.of();
    private String from;
    private String inventory;
    private String tailnet;

    LintFixture(Path dir) {
        this.dir = dir;
    }

    /** {@code text} with {@code original} replaced once; fails when it is not there. */
    static String replace(String text, String original, String replacement) {
        if (!text.contains(original)) {
            throw new IllegalArgumentException("not in the fixture: " + original);
        }
        return text.replace(original, replacement);
    }

    /** The fixed talconfig with another serve config (one JSON line, indented as content). */
    static String withServe(String json) {
        return replace(FIXED, FIXED_SERVE, "                        " + json + "\n");
    }

    LintFixture env(Map<String, String> env) {
        this.env = env;
        return this;
    }

    LintFixture from(String talconfig) {
        this.from = talconfig;
        return this;
    }

    LintFixture inventory(String inventory) {
        this.inventory = inventory;
        return this;
    }

    LintFixture tailnet(String tailnet) {
        this.tailnet = tailnet;
        return this;
    }

    Linter.Result lint(String talconfig) {
        Path file = write("talconfig.yaml", talconfig);
        Path fromFile = from == null ? null : write("old/talconfig.yaml", from);
        Path inventoryFile = inventory == null ? null : write("inventory.yaml", inventory);
        return Linter.lint(new Linter.Request(file, env, SECRETS, fromFile, inventoryFile, tailnet));
    }

    /** The findings of one rule id. */
    List<Finding> findings(String talconfig, String ruleId) {
        return lint(talconfig).findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    String file() {
        return dir.resolve("talconfig.yaml").toString();
    }

    /** The 1-based line of the first line of the talconfig that contains {@code text}. */
    static int lineOf(String talconfig, String text) {
        List<String> lines = talconfig.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("not in the talconfig: " + text);
    }

    private Path write(String name, String text) {
        try {
            Path path = dir.resolve(name);
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
