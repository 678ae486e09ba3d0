Feature: Resuming a rollout whose applier died
  The applier writes every step to its journal (fsynced) before and after it happens, so a rollout
  whose process is killed halfway — kill -9, a closed laptop lid, a lost SSH session — can be finished
  with `talos-rehearsal resume JOURNAL` or undone with `talos-rehearsal rollback JOURNAL`. Resuming
  rebuilds the plan from the journal alone and never applies a config twice.

  Background:
    Given the simulated cluster is running the "before" configs

  Scenario: Killed after two control planes, resumed: the rest is rolled out and nothing is applied twice
    When I roll out the "after" configs and the applier is killed after step 2
    Then the journal shows these nodes done and the rollout unfinished:
      | talos-master-0 |
      | talos-master-1 |
    When I resume the rollout from its journal
    Then the rollout ends "migrated"
    And every node applied a config exactly once
    And every node runs its "after" config
    And no two control planes were disrupted at the same time
