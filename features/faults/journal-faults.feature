Feature: Fault matrix — the journal's disk and its lock
  Issue 15's fault matrix, the journal faults. Nothing is done that is not journaled first: when the journal cannot be
  written the rollout stops before its next action, says where every node is and how to go on, and the journal it
  leaves is one resume or rollback can finish. One applier per journal, never two.

  Scenario: The journal's disk is full from the start: no node is touched
    Given the journal's disk is full
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "stopped"
    And the report says "the journal could not be written (No space left on device)"
    And no node applied a config
    And every path the report names exists

  Scenario: The journal's disk fills up right after the second apply: stopped, then resumed once there is space
    Given the journal's disk fills up at its first APPLIED event
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "stopped"
    And the report tells the operator to run "talos-rehearsal resume --journal"
    And every path the report names exists
    When the journal's disk has space again
    And I resume the rollout from its journal
    Then the rollout ends "migrated"
    And every node runs its "after" config
    And the journal is consistent with what every node runs

  Scenario: The journal's disk fills up during a rollback: stopped, then the rollback finished from the journal
    Given the kubelet on "talos-master-1" crash-loops once it runs its new config
    And the journal's disk fills up at its first ROLLED_BACK event
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "stopped"
    And the report tells the operator to run "talos-rehearsal rollback --journal"
    And every path the report names exists
    When the journal's disk has space again
    And I roll back the rollout from its journal
    Then the rollout ends "rolled-back"
    And every node runs its "before" config
    And the journal is consistent with what every node runs

  Scenario: A second applier opens the journal while the first runs: refused, and the first finishes alone
    Given the simulated cluster is running the "before" configs
    When I roll out the "after" configs and a second applier opens the journal after step 1
    Then the second applier was refused, naming the first: "another applier is using this journal: pid"
    And the rollout ends "migrated"
    And every node applied a config exactly once
    And the journal is consistent with what every node runs
