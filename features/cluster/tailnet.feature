Feature: Reach the Kubernetes API through the tailnet
  After the migration the control planes serve the Kubernetes API on the tailnet as the Tailscale
  service bastion-k8s.tailnet-4d89.ts.net: every control plane's ext-tailscale forwards TCP 6443 to its
  own API server, and a client goes to whichever of them is available. Two things must hold for kubectl
  to work through that name: the serve config must really forward (the seed's {"HTTPS": true} alone makes
  tailscaled answer 404 itself), and the API server certificate must carry the name.

  Scenario: kubectl reaches the API through the service name, and fails over when a host's tailscale stops
    Given a simulated cluster running the "after" configs
    And the tailnet "tailnet-4d89.ts.net" with the Kubernetes API behind the control planes
    Then the tailnet serves "bastion-k8s.tailnet-4d89.ts.net:6443" from "talos-master-0, talos-master-1, talos-master-2"
    When kubectl connects to "bastion-k8s.tailnet-4d89.ts.net:6443"
    Then the Kubernetes API answers through "talos-master-0"
    When ext-tailscale stops on "talos-master-0"
    And kubectl connects to "bastion-k8s.tailnet-4d89.ts.net:6443"
    Then the Kubernetes API answers through "talos-master-1"
    When "talos-master-1" reboots and never comes back
    And kubectl connects to "bastion-k8s.tailnet-4d89.ts.net:6443"
    Then the Kubernetes API answers through "talos-master-2"

  Scenario: The seed's serve config forwards nothing: tailscaled answers 404 and no service exists
    Given a simulated cluster running the "after-as-written" configs
    And the tailnet "tailnet-4d89.ts.net" with the Kubernetes API behind the control planes
    When kubectl connects to "talos-master-0.tailnet-4d89.ts.net:6443"
    Then tailscaled on "talos-master-0" answers "404 page not found" itself
    And the Kubernetes API was never reached
    When kubectl connects to "bastion-k8s.tailnet-4d89.ts.net:6443"
    Then nothing on the tailnet answers, because "no host's serve config serves bastion-k8s.tailnet-4d89.ts.net:6443"

  Scenario: Without the service name in the API server certificate, kubectl refuses the connection
    Given the "after" talconfig does not list "bastion-k8s.tailnet-4d89.ts.net" in additionalApiServerCertSans
    And a simulated cluster running the "after" configs
    And the tailnet "tailnet-4d89.ts.net" with the Kubernetes API behind the control planes
    When kubectl connects to "bastion-k8s.tailnet-4d89.ts.net:6443"
    Then kubectl fails with "x509: certificate is valid for"
    And kubectl fails with "not bastion-k8s.tailnet-4d89.ts.net"
    And the Kubernetes API was never reached
