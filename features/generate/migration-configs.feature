Feature: Generate the machine configs for the seed's migration
  An operator keeps the cluster in talhelper's talconfig.yaml. Before rolling anything out, they
  render it into one Talos machine config per node and check that each node gets exactly the
  addresses, resolvers and services the migration is about - no more, no less.

  Scenario: Before the migration, everything lives on the Tailscale overlay
    When I generate the configs for "before"
    Then every node's "machine.kubelet.nodeIP.validSubnets" is exactly:
      | 100.64.0.0/10 |
    And every control plane's "cluster.etcd.advertisedSubnets" is exactly:
      | 100.64.0.0/10 |
    And every node resolves names through:
      | 100.100.100.100 |
    And every node carries the "tailscale" extension service

  Scenario: After the migration, node IPs and etcd peers move to the LAN only
    When I generate the configs for "after"
    Then every node's "machine.kubelet.nodeIP.validSubnets" is exactly:
      | 192.168.20.0/24 |
    And every control plane's "cluster.etcd.advertisedSubnets" is exactly:
      | 192.168.20.0/24 |
    And every node resolves names through:
      | 192.168.20.1 |
      | 1.1.1.1      |
    And only the control planes carry the "tailscale" extension service
    And the "tailscale" extension service on every control plane has the environment entry "TS_SERVE_CONFIG=/etc/tailscale/serve.json"
    And the "tailscale" extension service on every control plane mounts "/etc/tailscale/serve.json"
    And every control plane's API server certificate names "bastion-k8s.tailnet-4d89.ts.net"

  Scenario: Generated files are private and reproducible
    When I generate the configs for "after"
    Then the output holds one config per node, a talosconfig and a .gitignore
    And every generated file is readable by its owner only
    When I generate the configs for "after" again
    Then every generated file is byte-identical to the first run

  Scenario: The diff between before and after names what changes on each node
    When I diff the configs of "before" and "after"
    Then the diff exits with code 1
    And the diff summary for "talos-master-0" mentions "machine.kubelet.nodeIP.validSubnets"
    And the diff summary for "talos-master-0" mentions "cluster.etcd.advertisedSubnets"
    And the diff summary for "talos-worker-gpu-0" mentions "-ExtensionServiceConfig/tailscale"
    And no secret from the cluster's secrets bundle appears in the diff
