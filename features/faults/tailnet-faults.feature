Feature: Fault matrix — the tailnet
  Issue 15's fault matrix, the tailnet fault. After the migration kubectl reaches the Kubernetes API through the
  tailnet; each control plane's gate dials what its serve config serves, as a client on the tailnet would.

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
