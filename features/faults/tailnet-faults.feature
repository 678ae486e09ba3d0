Feature: Fault matrix — the tailnet
  Issue 15's fault matrix, the tailnet fault. After the migration kubectl reaches the Kubernetes API through the
  tailnet; each control plane's gate dials what its serve config serves, as a client on the tailnet would. The
  service's name answers through any available host, so each control plane is also gated on its own MagicDNS name
  (tailnet-host), which only it answers: a control plane cut off from the tailnet fails its own gate wherever it is
  in the order.

  Scenario: The first control plane is cut off from the tailnet: its tailnet gate fails and it goes back
    # the others still run before/, which serves nothing on the tailnet: no one else answers for the service yet
    Given "talos-master-0" is cut off from the tailnet
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "rolled-back"
    And the report says "gate tailnet-api on talos-master-0 timed out"
    And the rollout rolled back, in this order:
      | talos-master-0 |
    And every node runs its "before" config
    And the journal is consistent with what every node runs

  Scenario: The second control plane is cut off from the tailnet: its own gate fails and the two changed control planes go back
    # talos-master-0 already serves the Tailscale service, so its name answers through talos-master-0 (a service routes
    # to any available host): only talos-master-1's own name, which nobody else answers, shows it is cut off
    Given "talos-master-1" is cut off from the tailnet
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "rolled-back"
    And the report says "gate tailnet-host on talos-master-1 timed out"
    And the rollout rolled back, in this order:
      | talos-master-1 |
      | talos-master-0 |
    And every node runs its "before" config
    And the journal is consistent with what every node runs

  Scenario: The third control plane is cut off from the tailnet: its own gate fails and the three changed control planes go back
    Given "talos-master-2" is cut off from the tailnet
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "rolled-back"
    And the report says "gate tailnet-host on talos-master-2 timed out"
    And the rollout rolled back, in this order:
      | talos-master-2 |
      | talos-master-1 |
      | talos-master-0 |
    And every node runs its "before" config
    And the journal is consistent with what every node runs
