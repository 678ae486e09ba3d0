Feature: Fault matrix — try mode and parallel workers
  Issue 15's fault matrix, faults that meet the applier's modes: a try that reverts by itself while its gates still
  wait, and two nodes that fail in the same step.

  Scenario: The try timeout runs out while the gates still wait: the node reverts by itself and the rollout goes back
    # etcd keeps its Tailscale subnet (a reboot would drop the try); the kubelet restart under the new config takes 2 s,
    # so the try (1 s) reverts while the first gate still waits for the node on its new IP
    Given the "after" talconfig has "            - 192.168.20.0/24" replaced by "            - 100.64.0.0/10"
    And the try timeout is 1 second
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs in "try" mode
    Then the rollout ends "rolled-back"
    And "talos-master-0" reverted the try by itself
    And every node runs its "before" config
    And the journal is consistent with what every node runs

  Scenario: Two workers fail in the same step: both go back, and every control plane after them
    Given the workers are rolled out 2 at a time
    And the kubelet on "talos-worker-gpu-0" crash-loops once it runs its new config
    And the kubelet on "talos-worker-gpu-1" crash-loops once it runs its new config
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "rolled-back"
    And the report says "gate kube-node-ready on talos-worker-gpu-0 timed out"
    And the rollout rolled back, in this order:
      | talos-worker-gpu-1 |
      | talos-worker-gpu-0 |
      | talos-master-2     |
      | talos-master-1     |
      | talos-master-0     |
    And every node runs its "before" config
    And the journal is consistent with what every node runs
