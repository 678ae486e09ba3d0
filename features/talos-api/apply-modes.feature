Feature: Apply configs to nodes through the Talos API
  The applier speaks Talos's own API - gRPC over mutual TLS with the cluster's certificates - and
  the simulated nodes react to a config the way Talos does. These scenarios show the ways to hand a
  node a new config: a dry run, an apply, and a try that undoes itself.

  Background:
    Given a simulated cluster running the "before" configs

  Scenario: Every node answers, and each one's kubelet sits on the Tailscale overlay
    Then every node answers the Talos API with version "v1.11.5"
    And "talos-master-0" picks the kubelet node IP "100.101.0.10"
    And "talos-worker-gpu-1" picks the kubelet node IP "100.101.0.21"

  Scenario: A dry run shows what would change, and changes nothing
    When I dry-run the "after" config on "talos-master-0"
    Then Talos answers with a dry-run summary whose diff mentions "192.168.20.0/24"
    And the answer contains no secret from the cluster's secrets bundle
    And "talos-master-0" picks the kubelet node IP "100.101.0.10"

  Scenario: AUTO moves a worker to the LAN without a reboot
    When I apply the "after" config to "talos-worker-gpu-0" in "auto" mode
    Then Talos says it "Applied configuration without a reboot"
    And "talos-worker-gpu-0" picks the kubelet node IP "192.168.20.20"
    And "talos-worker-gpu-0" was never rebooted

  Scenario: A try takes effect at once and reverts by itself when not confirmed
    When I apply the "after" config to "talos-master-1" in "try" mode for 60 seconds
    Then "talos-master-1" picks the kubelet node IP "192.168.20.11"
    When 61 seconds pass on the cluster's clock
    Then "talos-master-1" runs its "before" config again
    # the restored tailscale extension restarts before tailscale0, and with it the 100.x address, is back
    When 5 seconds pass on the cluster's clock
    Then "talos-master-1" picks the kubelet node IP "100.101.0.11"

  Scenario: A change that needs a reboot is refused in no-reboot mode
    When I apply the "before" config with "machine.env" set to "HTTP_PROXY=http://proxy.lan:3128" to "talos-worker-gpu-1" in "no-reboot" mode
    Then the apply fails with "INVALID_ARGUMENT" naming "192.168.20.21"
    And Talos's error says "can't be applied in immediate mode"
