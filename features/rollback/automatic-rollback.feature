Feature: When a step fails, the applier puts back what it changed
  After every node the applier waits for its gates (Ready on the new IP, etcd peer URL, services, the
  API through the tailnet). If a gate times out or an apply fails, every node changed so far goes
  back to its old config, newest first, gated the same way; nodes not reached yet are never touched.

  Scenario: talos-master-1 never gets Ready under its new config: both changed control planes go back
    Its kubelet crash-loops once the new config is applied (pre-flight saw it healthy), so the node stays
    NotReady. The gate waits its 5 minutes (simulated) and the rollout rolls back.

    Given the kubelet on "talos-master-1" crash-loops once it runs its new config
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "rolled-back"
    And the report says "gate kube-node-ready on talos-master-1 timed out after 300.0 s"
    And the rollout rolled back, in this order:
      | talos-master-1 |
      | talos-master-0 |
    And these nodes never applied a config:
      | talos-master-2     |
      | talos-worker-gpu-0 |
      | talos-worker-gpu-1 |
    And every node runs its "before" config
    And Kubernetes sees every node on an address in "100.64.0.0/10"

  Scenario: talos-master-1 does not come back from its reboot: the applier stops rather than risk quorum
    With talos-master-1 down, rolling talos-master-0 back would take a second control plane out of a
    three-member etcd. The applier stops and says what is left to do by hand.

    Given "talos-master-1" will not come back from a reboot
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs in "reboot" mode
    Then the rollout ends "failed"
    And the report says "talos-master-1"
    And the report tells the operator what to finish by hand:
      | node           | says                        |
      | talos-master-1 | unknown                     |
      | talos-master-0 | still on the NEW config     |
    And these nodes never applied a config:
      | talos-master-2     |
      | talos-worker-gpu-0 |
      | talos-worker-gpu-1 |
    And no two control planes were disrupted at the same time

  Scenario: A worker's apply fails: everything changed so far goes back, newest first
    Given the apply on "talos-worker-gpu-1" fails with "UNAVAILABLE"
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "rolled-back"
    And the report says "talos-worker-gpu-1"
    And the report says "UNAVAILABLE"
    And the rollout rolled back, in this order:
      | talos-worker-gpu-0 |
      | talos-master-2     |
      | talos-master-1     |
      | talos-master-0     |
    And every node runs its "before" config
    And Kubernetes sees every node on an address in "100.64.0.0/10"
