Feature: A captured cluster rehearses as the cluster it was captured from
  To rehearse their own cluster, operators capture it (talos-rehearsal capture) instead of writing before/, the
  inventory and cluster/ by hand. The twin holds each node's running machine config, the secrets bundle those configs
  hold, the nodes' addresses and the objects the impact scan reads; a rehearsal of a new talconfig on the twin must
  come to the same verdict as on the cluster itself — whether the migration passes or fails.

  Scenario: The homelab's migration passes on its capture as on the original
    Given the simulated cluster is running the "before" configs
    When I capture the simulated cluster into "captured"
    And I copy the "after" talconfig into "captured"
    And I rehearse "." with the "after" configs
    And I rehearse "captured" with the "after" configs
    Then the rehearsals of "." and "captured" end "REHEARSAL PASSED" with the same verdict

  Scenario: The serve config as first written fails on the capture as on the original
    Given the simulated cluster is running the "before" configs
    When I capture the simulated cluster into "captured"
    And I copy the "after-as-written" talconfig into "captured"
    And I rehearse "." with the "after-as-written" configs
    And I rehearse "captured" with the "after-as-written" configs
    Then the rehearsals of "." and "captured" end "REHEARSAL FAILED" with the same verdict
