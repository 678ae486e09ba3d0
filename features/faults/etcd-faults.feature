Feature: Fault matrix — etcd faults
  Issue 15's fault matrix, the etcd faults. A three-member etcd survives one control plane down, never two: the applier
  checks quorum before each control plane, refuses to start on an etcd it cannot read, and stops a rollback rather
  than take a second member down.

  Scenario: etcd is unhealthy before the rollout: refused before any node is touched
    Given etcd on "talos-master-2" is unhealthy
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "preflight-failed"
    And pre-flight failed the check "etcd-healthy" for "-"
    And no node applied a config
    And the journal is consistent with what every node runs

  Scenario: EtcdMemberList always fails on one control plane: refused before any node is touched
    Given "talos-master-2" answers "EtcdMemberList" with "UNAVAILABLE" every time
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "preflight-failed"
    And pre-flight failed the check "etcd-api" for "talos-master-2"
    And no node applied a config
    And the journal is consistent with what every node runs

  Scenario: EtcdStatus always fails on one control plane: refused before any node is touched
    Given "talos-master-1" answers "EtcdStatus" with "INTERNAL" every time
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "preflight-failed"
    And pre-flight failed the check "etcd-api" for "talos-master-1"
    And no node applied a config
    And the journal is consistent with what every node runs

  Scenario: In no-reboot mode etcd advertises a peer URL it does not listen on: the first control plane goes back
    Given the simulated cluster is running the "before" configs
    When I roll out the "after" configs in "no-reboot" mode
    Then the rollout ends "rolled-back"
    And the report says "etcd listens on https://100.101.0.10:2380"
    And every node runs its "before" config
    And the journal is consistent with what every node runs

  Scenario: Quorum is lost for two minutes right after the first control plane's apply: its member update waits, then the rollout goes on
    # talos-master-0 reboots to listen on its new address; its peer URL update needs quorum, which two unhealthy members deny
    Given etcd on "talos-master-1" turns unhealthy for 2 minutes once "talos-master-0" is applied
    And etcd on "talos-master-2" turns unhealthy for 2 minutes once "talos-master-0" is applied
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "migrated"
    And every node runs its "after" config
    And etcd lists 3 members, each healthy, with peer URLs in "192.168.20.0/24"
    And the journal is consistent with what every node runs

  Scenario: Quorum is lost for good right after the first control plane's apply: its member update is refused, the applier stops and says what to do
    Given etcd on "talos-master-1" turns unhealthy once "talos-master-0" is applied
    And etcd on "talos-master-2" turns unhealthy once "talos-master-0" is applied
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "failed"
    And the report says "gate etcd-peer-url on talos-master-0"
    And the report tells the operator what to finish by hand:
      | node           | says                                         |
      | talos-master-0 | bring it back if it is down (console, power) |
    And every path the report names exists
    And these nodes never applied a config:
      | talos-master-1 |
      | talos-master-2 |
