Feature: Dry run and try mode: look before you leap
  A dry run asks every node what the new config would change, and changes nothing. Try mode applies
  a config that reverts by itself unless confirmed: the applier confirms each node's try only once its
  gates passed, so a node that fails them falls back on its own.

  Scenario: A dry run on every node changes nothing
    Given the simulated cluster is running the "before" configs
    When I dry-run the "after" configs on every node
    Then every dry run answers with a diff and no node changed
    And every node runs its "before" config
    And Kubernetes sees every node on an address in "100.64.0.0/10"

  Scenario: A rollout in try mode confirms each node once its gates pass
    # etcd keeps its Tailscale subnet here: moving it needs a reboot, which would drop a try (next scenario but one)
    Given the "after" talconfig has "            - 192.168.20.0/24" replaced by "            - 100.64.0.0/10"
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs in "try" mode
    Then the rollout ends "migrated"
    And every node confirmed its try
    When 5 minutes pass on the cluster's clock
    Then every node runs its "after" config
    And Kubernetes sees every node on an address in "192.168.20.0/24"

  Scenario: In try mode a node that never passes its gates reverts by itself
    Given the "after" talconfig has "            - 192.168.20.0/24" replaced by "            - 100.64.0.0/10"
    And the kubelet on "talos-master-1" crash-loops once it runs its new config
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs in "try" mode
    Then the rollout ends "rolled-back"
    And "talos-master-1" reverted the try by itself
    And every node runs its "before" config

  Scenario: In try mode, moving etcd's subnet fails on the first control plane and rolls back
    # Talos updates the member's peer URL at once, but etcd listens on the new address only after a restart
    # (its listen subnets default to advertisedSubnets and are read when etcd starts); a reboot would drop the try.
    Given the simulated cluster is running the "before" configs
    When I roll out the "after" configs in "try" mode
    Then the rollout ends "rolled-back"
    And the report says "gate etcd-peer-url on talos-master-0"
    And every node runs its "before" config

  Scenario: In no-reboot mode, moving etcd's subnet leaves the member advertising where etcd does not listen
    Given the simulated cluster is running the "before" configs
    When I roll out the "after" configs in "no-reboot" mode
    Then the rollout ends "rolled-back"
    And the report says "peers cannot reach https://192.168.20.10:2380: etcd listens on https://100.101.0.10:2380"
    And every node runs its "before" config
