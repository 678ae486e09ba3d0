Feature: The serve config's traps, caught by the rollout's tailnet gate
  After each control plane the applier asks for the Kubernetes API through the tailnet name
  bastion-k8s.tailnet-4d89.ts.net:6443, as kubectl would, trusting only the cluster's CA. With the
  seed's serve config ({"HTTPS": true} without a Web handler) tailscaled ends TLS itself with its own
  certificate (and would answer 404), and an API server certificate without the name fails TLS too:
  either way the first control plane fails its gate and goes back, before a second one is touched.

  Scenario: The serve config as the seed wrote it: HTTPS without a Web handler
    Given the simulated cluster is running the "before" configs
    When I roll out the "after-as-written" configs
    Then the rollout ends "rolled-back"
    And the report says "gate tailnet-api on talos-master-0"
    And the report says "something other than the API server terminated TLS (tailscaled with an HTTPS serve entry"
    And the rollout rolled back, in this order:
      | talos-master-0 |
    And every node runs its "before" config

  Scenario: The API server certificate does not name the service
    Given the "after" talconfig does not list "bastion-k8s.tailnet-4d89.ts.net" in additionalApiServerCertSans
    And the cluster's tailnet is "tailnet-4d89.ts.net"
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "rolled-back"
    And the report says "gate tailnet-api on talos-master-0"
    And the report says "x509"
    And every node runs its "before" config

  Scenario: The API server moved to another port and the serve config still forwards to 6443
    Given the "after" talconfig also has the top-level patch:
      """
      cluster:
        controlPlane:
          localAPIServerPort: 7443
      """
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "rolled-back"
    And the report says "gate tailnet-api on talos-master-0"
    And every node runs its "before" config

  Scenario: The active control plane's ext-tailscale stops: the service fails over
    Given the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    And kubectl connects to "bastion-k8s.tailnet-4d89.ts.net:6443"
    Then the Kubernetes API answers through "talos-master-0"
    When ext-tailscale stops on "talos-master-0"
    And kubectl connects to "bastion-k8s.tailnet-4d89.ts.net:6443"
    Then the Kubernetes API answers through "talos-master-1"
    When I verify the cluster against the "after" configs
    Then the verification fails "services" for "talos-master-0" because "ext-tailscale"
    And the verification fails "host-on-tailnet" for "talos-master-0" because "talos-master-0 is not reachable on the tailnet"
