Feature: The seed's rollback procedure, after a successful migration
  The seed's way back: put the old values back into talconfig.yaml (validSubnets, advertisedSubnets
  and nameservers on the overlay, no serve config), regenerate, and apply node by node. Rehearsed
  here with the real generator and the same applier, after the migration went through.

  @kubectl
  Scenario: Revert talconfig, regenerate, apply: every node is back on the Tailscale overlay
    Given the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "migrated"
    When I run the rollback procedure
    Then the rollout ends "migrated"
    And the nodes were changed in this order:
      | talos-master-0     |
      | talos-master-1     |
      | talos-master-2     |
      | talos-worker-gpu-0 |
      | talos-worker-gpu-1 |
    And every node runs its "before" config
    And "ext-tailscale" is running on every node
    And etcd lists 3 members, each healthy, with peer URLs in "100.64.0.0/10"
    When I run "kubectl get nodes -o wide"
    Then kubectl lists these nodes:
      | NAME               | STATUS | INTERNAL-IP  |
      | talos-master-0     | Ready  | 100.101.0.10 |
      | talos-master-1     | Ready  | 100.101.0.11 |
      | talos-master-2     | Ready  | 100.101.0.12 |
      | talos-worker-gpu-0 | Ready  | 100.101.0.20 |
      | talos-worker-gpu-1 | Ready  | 100.101.0.21 |
    When I verify the cluster against the "before" configs
    Then the verification list passes:
      | check       | says                                |
      | same-subnet | all 5 node IPs are in 100.64.0.0/10 |
