Feature: Applying the same configs again changes nothing
  A rollout can be re-run: each node's dry run says "No changes." and the applier moves on without
  applying, so nothing restarts and nothing reboots.

  Scenario: The migration, rolled out a second time
    Given the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    And I roll out the same configs again
    Then the rollout ends "migrated"
    And the journal shows every node already ran these configs
    And every node applied a config exactly once
    And every node runs its "after" config
