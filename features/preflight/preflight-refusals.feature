Feature: Pre-flight refuses to start a rollout that cannot succeed
  Before touching any node the applier checks that every node answers the Talos API and is Ready,
  that etcd is healthy, that every control plane answers the etcd calls its gates make (EtcdMemberList,
  EtcdStatus), that every node has an address inside its new subnets (from the operator's inventory when
  given, else from each node's own addresses, read through the Talos resource API), and that every extension
  service a new config configures is one the node lists. One failed check and no node is changed.

  Scenario Outline: <problem>: refused before any node is touched
    Given <fault>
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs with the inventory
    Then the rollout ends "preflight-failed"
    And pre-flight failed the check "<check>" for "<node>"
    And the report says "<says>"
    And no node applied a config
    And every node runs its "before" config

    Examples:
      | problem                            | fault                                          | check                    | node               | says                                |
      | a node without an underlay address | "talos-worker-gpu-1" has no address on the LAN | addresses-in-new-subnets | talos-worker-gpu-1 | no address in the new validSubnets  |
      | etcd not healthy before starting   | etcd on "talos-master-2" is unhealthy          | etcd-healthy             | -                  | 192.168.20.12                       |
      | etcd members unreadable on one control plane | "talos-master-2" answers "EtcdMemberList" with "UNAVAILABLE" every time | etcd-api | talos-master-2 | talos-master-2: EtcdMemberList failed: UNAVAILABLE: injected failure |
      | etcd status unreadable on one control plane  | "talos-master-1" answers "EtcdStatus" with "INTERNAL" every time       | etcd-api | talos-master-1 | talos-master-1: EtcdStatus failed: INTERNAL: injected failure        |
      | a node that is not Ready           | the kubelet on "talos-worker-gpu-0" is crash-looping | kubernetes-ready   | talos-worker-gpu-0 | talos-worker-gpu-0                  |

  Scenario: Without the inventory, pre-flight reads each node's addresses through the Talos resource API
    Given "talos-worker-gpu-1" has no address on the LAN
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "preflight-failed"
    And pre-flight failed the check "addresses-in-new-subnets" for "talos-worker-gpu-1"
    And the report says "read through the Talos API"
    And no node applied a config
    And every node runs its "before" config

  Scenario: An extension service one node's image does not define: refused before any node is touched
    Talos loads the services of the image's system extensions at boot and an apply installs none
    (extension_service.go, v1.13.9): ext-nut-client would never start on talos-worker-gpu-1 and its services gate
    would fail after the node had changed. The simulated images are inventory.yaml's extensionServices.
    Given the "after" talconfig configures the extension service "nut-client" on the workers
    And the image of "talos-worker-gpu-0" defines the extension services "tailscale, nut-client"
    And the image of "talos-worker-gpu-1" defines the extension services "tailscale"
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "preflight-failed"
    And pre-flight passed the check "extension-services" for "talos-worker-gpu-0"
    And pre-flight failed the check "extension-services" for "talos-worker-gpu-1"
    And the report says "ext-nut-client is configured by the new config, but no system extension in the node's image defines it"
    And no node applied a config
    And every node runs its "before" config

  Scenario: An extension service every image defines waits until its configuration comes, then runs
    Given the "after" talconfig configures the extension service "nut-client" on the workers
    And the image of "talos-worker-gpu-0" defines the extension services "tailscale, nut-client"
    And the image of "talos-worker-gpu-1" defines the extension services "tailscale, nut-client"
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "migrated"
    And pre-flight passed the check "extension-services" for "talos-worker-gpu-1"
