Feature: Fault matrix — Talos nodes that fail during a rollout
  Issue 15's fault matrix, the node faults: each scenario injects one fault into the simulated cluster and rolls the
  homelab's migration out with the real applier. Every one must end in one of three ways: fully migrated; fully rolled
  back, with a journal consistent with what the nodes run; or stopped, with a message naming the manual step and paths
  that exist.

  Scenario: A worker's apply fails with UNAVAILABLE: everything changed so far goes back
    Given the apply on "talos-worker-gpu-1" fails with "UNAVAILABLE"
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "rolled-back"
    And the report says "talos-worker-gpu-1 failed: 192.168.20.21: UNAVAILABLE"
    And every node runs its "before" config
    And the journal is consistent with what every node runs

  Scenario: A control plane's kubelet crash-loops under the new config: its gate times out and both changed control planes go back
    Given the kubelet on "talos-master-1" crash-loops once it runs its new config
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "rolled-back"
    And the report says "gate kube-node-ready on talos-master-1 timed out"
    And every node runs its "before" config
    And the journal is consistent with what every node runs

  Scenario: A control plane does not come back from its reboot: the applier stops rather than risk etcd's quorum
    Given "talos-master-1" will not come back from a reboot
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "failed"
    And the report tells the operator what to finish by hand:
      | node           | says                                         |
      | talos-master-1 | bring it back if it is down (console, power) |
      | talos-master-0 | still on the NEW config                      |
    And every path the report names exists
    And no two control planes were disrupted at the same time

  Scenario: In staged mode a worker does not come back: every other node goes back, the worker is left for the operator
    Given "talos-worker-gpu-1" will not come back from a reboot
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs in "staged" mode
    Then the rollout ends "failed"
    And the rollout rolled back, in this order:
      | talos-worker-gpu-0 |
      | talos-master-2     |
      | talos-master-1     |
      | talos-master-0     |
    And the report tells the operator what to finish by hand:
      | node               | says                                       |
      | talos-worker-gpu-1 | talosctl apply-config -n 192.168.20.21 -f |
    And every path the report names exists

  Scenario: In staged mode a control plane does not come back: the rollback stops there and says what to run
    Given "talos-master-1" will not come back from a reboot
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs in "staged" mode
    Then the rollout ends "failed"
    And the report tells the operator what to finish by hand:
      | node           | says                                         |
      | talos-master-1 | bring it back if it is down (console, power) |
      | talos-master-0 | still on the NEW config                      |
    And the report tells the operator to run "talos-rehearsal rollback --journal"
    And every path the report names exists

  Scenario: In staged mode the rollback reaches a node still rebooting into its staged config, and waits for it
    # the reboot's confirmation gives up after 20 s while the reboot takes 30 s: the rollback used to meet UNAVAILABLE at once
    Given the gates wait at most 20 seconds
    And the rollout changes only "talos-worker-gpu-0"
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs in "staged" mode
    Then the rollout ends "rolled-back"
    And the report says "the reboot of talos-worker-gpu-0 was not confirmed after 20.0 s"
    And every node runs its "before" config
    And the journal is consistent with what every node runs

  Scenario: A node has no address in its new subnets: refused before any node is touched
    Given "talos-worker-gpu-1" has no address on the LAN
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "preflight-failed"
    And pre-flight failed the check "addresses-in-new-subnets" for "talos-worker-gpu-1"
    And no node applied a config
    And the journal is consistent with what every node runs

  Scenario: A node is not Ready before the rollout: refused before any node is touched
    Given the kubelet on "talos-worker-gpu-0" is crash-looping
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "preflight-failed"
    And pre-flight failed the check "kubernetes-ready" for "talos-worker-gpu-0"
    And no node applied a config
    And the journal is consistent with what every node runs

  Scenario: A control plane comes back from its reboot with its old config: its gate fails and both changed control planes go back
    # Talos boots what its STATE partition holds; the applied config's write did not survive the reboot
    Given "talos-master-1" comes back from its next reboot with its old config
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "rolled-back"
    And the report says "on talos-master-1 timed out"
    And the rollout rolled back, in this order:
      | talos-master-1 |
      | talos-master-0 |
    And every node runs its "before" config
    And the journal is consistent with what every node runs

  Scenario: An apply times out mid-call but took effect on the node: the applier treats the node as changed and puts it back
    Given the apply on "talos-worker-gpu-0" takes effect but its answer times out
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "rolled-back"
    And the report says "apply on talos-worker-gpu-0 failed: 192.168.20.20: DEADLINE_EXCEEDED"
    And the rollout rolled back, in this order:
      | talos-worker-gpu-0 |
      | talos-master-2     |
      | talos-master-1     |
      | talos-master-0     |
    And every node runs its "before" config
    And the journal is consistent with what every node runs

  Scenario: In staged mode a worker answers on the same boot ID: its staged config never ran, and everything goes back
    A staged config takes effect only when the node reboots; a worker whose reboot never started answers its Talos
    API and its gates all the same. Its unchanged boot ID is what shows the new config is not running.

    Given "talos-worker-gpu-1" does not reboot the first time it is asked to
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs in "staged" mode
    Then the rollout ends "rolled-back"
    And the report says "talos-worker-gpu-1 answered again but its boot ID did not change"
    And every node runs its "before" config
    And the journal is consistent with what every node runs
