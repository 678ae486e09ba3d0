Feature: lint finds the migration's traps before anything touches a node
  The seed served the Kubernetes API on the tailnet with {"TCP": {"6443": {"HTTPS": true}}}. That
  forwards nothing: Tailscale ends the TLS connection itself, finds no web handler and answers 404.
  And the API server's certificate did not carry the name clients dial. lint reads the talconfig as
  written and as rendered, and names each problem with the line to edit and the fix.

  Scenario: The serve config as the seed wrote it is refused, with the fix
    When I lint "after-as-written" against "before" on the tailnet "tailnet-4d89.ts.net"
    Then lint fails with exit code 1
    And lint reports "serve-https-without-web" as an error at "after-as-written/talconfig.yaml:49"
    And lint reports "serve-api-needs-tcpforward" as an error at "after-as-written/talconfig.yaml:49"
    And lint reports "certsan-missing" as an error for "talos-master-0"
    And lint suggests 'use {"TCP": {"6443": {"TCPForward": "127.0.0.1:6443"}}}'
    And lint suggests "add it to the top-level additionalApiServerCertSans: [talos-master-0.tailnet-4d89.ts.net]"
    And every finding says how to fix it

  Scenario: The fixed config passes
    When I lint "after" against "before" on the tailnet "tailnet-4d89.ts.net"
    Then lint passes with no errors

  Scenario: Patching the new subnet on top of the old config keeps the overlay subnet
    Talos concatenates validSubnets when patches merge, so the old 100.64.0.0/10 stays next to the
    new LAN range and tailscale0 can still become the node IP.

    Given the "before" talconfig also has the top-level patch:
      """
      machine:
        kubelet:
          nodeIP:
            validSubnets:
              - 192.168.20.0/24
      """
    When I lint "before"
    Then lint fails with exit code 1
    And lint reports "list-concatenation" as an error for "talos-master-0"
    And lint suggests "op: replace"

  Scenario: With the machines' addresses, lint names the address the old subnet still lets Talos pick
    The inventory lists each machine's addresses, tailscale0's among them: the surviving 100.64.0.0/10
    keeps talos-master-0's tailnet address a candidate for its node IP beside the LAN address.

    Given the "before" talconfig also has the top-level patch:
      """
      machine:
        kubelet:
          nodeIP:
            validSubnets:
              - 192.168.20.0/24
      """
    When I lint "before" with the inventory "inventory.yaml"
    Then lint fails with exit code 1
    And lint reports "list-concatenation" as an error for "talos-master-0"
    And lint explains "Talos may still pick 100.101.0.10, which the patch's own list leaves out"

  Scenario: Narrowing a subnet inside the one a lower patch set changes nothing Talos picks
    The machines' addresses are all in 192.168.20.0/25: next to the surviving /24 the node IPs are the
    ones the narrower list alone gives, so lint warns and does not fail.

    Given the "after" talconfig also has the top-level patch:
      """
      machine:
        kubelet:
          nodeIP:
            validSubnets:
              - 192.168.20.0/25
      """
    When I lint "after" with the inventory "inventory.yaml"
    Then lint passes with no errors
    And lint reports "list-concatenation" as a warning for "talos-worker-gpu-1"
    And lint explains "on this node both lists admit the same addresses (192.168.20.21)"

  Scenario: Moving the API server's port leaves the serve config forwarding to 6443
    Talos's kube-apiserver listens on cluster.controlPlane.localAPIServerPort (v1.14: KubeAPIServerConfig
    apiPort), 6443 unless set. A serve config still forwarding to 127.0.0.1:6443 reaches nothing there.

    Given the "after" talconfig also has the top-level patch:
      """
      cluster:
        controlPlane:
          localAPIServerPort: 7443
      """
    When I lint "after" against "before" on the tailnet "tailnet-4d89.ts.net"
    Then lint fails with exit code 1
    And lint reports "serve-forward-misses-apiserver" as an error for "talos-master-0"
    And lint suggests "127.0.0.1:7443"

  Scenario: An inventory that cannot be read is refused with one line
    When I lint "after" with the inventory "missing/inventory.yaml"
    Then lint fails with exit code 2
    And the error is one line starting with "missing/inventory.yaml: inventory not found"
