Feature: Fault matrix — the applier's own process
  Issue 15's fault matrix, the process faults: the applier killed (kill -9, a closed laptop lid, a lost SSH session)
  or asked to stop while it rolls out. Every event is on disk before the next action, so what a killed applier leaves
  is a journal that resume finishes or rollback undoes, without applying anything twice.

  Background:
    Given the simulated cluster is running the "before" configs

  Scenario: Killed after two control planes, then resumed: the rest is rolled out, nothing applied twice
    When I roll out the "after" configs and the applier is killed after step 2
    And I resume the rollout from its journal
    Then the rollout ends "migrated"
    And every node applied a config exactly once
    And every node runs its "after" config
    And the journal is consistent with what every node runs

  Scenario: Killed after two control planes, then rolled back from the journal: both go back
    When I roll out the "after" configs and the applier is killed after step 2
    And I roll back the rollout from its journal
    Then the rollout ends "rolled-back"
    And the rollout rolled back, in this order:
      | talos-master-1 |
      | talos-master-0 |
    And every node runs its "before" config
    And the journal is consistent with what every node runs

  Scenario: Killed while it wrote an event: the torn line is cut off and the rollout resumed
    When I roll out the "after" configs and the applier is killed after step 3
    And the journal's last line was cut short by the kill
    And I resume the rollout from its journal
    Then the rollout ends "migrated"
    And every node applied a config exactly once
    And the journal is consistent with what every node runs

  Scenario: SIGTERM while a control plane waits for its gate: the applier stops there, and resume finishes the rollout
    When I roll out the "after" configs and the applier gets SIGTERM while "talos-master-1" waits for its gate "reboot"
    Then the rollout ends "stopped"
    And the report says "stopped on request (SIGTERM) before the next action of the rollout"
    And the report tells the operator to run "talos-rehearsal resume --journal"
    And every path the report names exists
    And the journal shows these nodes done and the rollout unfinished:
      | talos-master-0 |
    When I resume the rollout from its journal
    Then the rollout ends "migrated"
    And every node applied a config exactly once
    And every node runs its "after" config
    And the journal is consistent with what every node runs

  Scenario: SIGTERM during the rollback: it stops there, and the rollback is finished from the journal
    Given the kubelet on "talos-master-1" crash-loops once it runs its new config
    When I roll out the "after" configs and the applier gets SIGTERM once "talos-master-1" is rolled back
    Then the rollout ends "stopped"
    And the report tells the operator to run "finish the rollback with talos-rehearsal rollback --journal"
    And every path the report names exists
    When I roll back the rollout from its journal
    Then the rollout ends "rolled-back"
    And every node runs its "before" config
    And the journal is consistent with what every node runs

  Scenario: Killed between a control plane's apply and the reboot etcd needs: resume reboots it, and the rollout migrates
    # the config is on talos-master-1 (its dry run says "No changes.") but etcd still listens on its old address
    When I roll out the "after" configs and the applier is killed between the apply on "talos-master-1" and its reboot
    And I resume the rollout from its journal
    Then the rollout ends "migrated"
    And every node applied a config exactly once
    And every node runs its "after" config
    And etcd lists 3 members, each healthy, with peer URLs in "192.168.20.0/24"
    And the journal is consistent with what every node runs

  Scenario: SIGTERM while a control plane reboots: resume confirms that reboot by the boot ID journaled before it
    # the stopped run journaled talos-master-1's boot ID with its apply; resume waits for another one before any gate,
    # as the stopped run would have (the node answering again says nothing: one that never rebooted answers too)
    When I roll out the "after" configs and the applier gets SIGTERM while "talos-master-1" waits for its gate "reboot"
    Then the rollout ends "stopped"
    When I resume the rollout from its journal
    Then the rollout ends "migrated"
    And the journal confirms the reboot of "talos-master-1" after the stop, by the boot ID journaled before it
    And every node applied a config exactly once
    And the journal is consistent with what every node runs
