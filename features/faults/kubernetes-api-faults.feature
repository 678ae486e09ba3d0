Feature: Fault matrix — the Kubernetes API
  Issue 15's fault matrix, the Kubernetes API faults. The gates read Nodes through the Kubernetes API; an API that does
  not answer is a gate that has not passed yet, never a crash, and the message names the API and why.

  Scenario: The Kubernetes API flaps while each control plane reboots: the gates wait it out and the rollout migrates
    The API is still gone when the rebooted node's boot ID is confirmed: its kube-apiserver starts after apid.

    Given the simulated cluster is running the "before" configs
    And the Kubernetes API does not answer while a control plane reboots nor for 15 seconds after
    When I roll out the "after" configs
    Then the rollout ends "migrated"
    And the Kubernetes API refused the applier at least once
    And every node runs its "after" config
    And the journal is consistent with what every node runs

  Scenario: The Kubernetes API does not answer at all: refused before any node is touched, naming the API
    Given the simulated cluster is running the "before" configs
    And the Kubernetes API does not answer
    When I roll out the "after" configs
    Then the rollout ends "preflight-failed"
    And pre-flight failed the check "kubernetes-api" for "-"
    And the report says "cannot list nodes: the Kubernetes API at"
    And the report says "answered HTTP 503: the Kubernetes API server is not available"
    And no node applied a config
    And the journal is consistent with what every node runs
