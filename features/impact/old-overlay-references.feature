Feature: impact lists what still points at the old Tailscale range
  Moving the nodes from the tailnet (100.64.0.0/10) to the LAN (192.168.20.0/24) changes the node IPs, but
  the cluster's own objects may still name the old addresses: network policies that allow the tailnet,
  services bound to a node's Tailscale address, Prometheus targets, hard-coded endpoints, CNI annotations
  on the nodes. The seed calls these "potentially affected". impact lists every one of them with the field
  and the value to change, reads the cluster the same way whether it comes from files or from a running
  API, and never looks inside Secrets.

  Scenario: The homelab's objects that refer to the old range, and only those
    Given a simulated Kubernetes API holding the objects in "cluster"
    When I scan the simulated cluster for objects referring to "100.64.0.0/10" moving to "192.168.20.0/24"
    Then the scan exits with code 0
    And the scan lists exactly these objects:
      | kind                           | namespace   | name                         |
      | CiliumClusterwideNetworkPolicy |             | allow-tailnet-ingress        |
      | CiliumNetworkPolicy            | monitoring  | prometheus-egress            |
      | ConfigMap                      | kube-system | coredns-custom               |
      | ConfigMap                      | monitoring  | prometheus-config            |
      | EndpointSlice                  | monitoring  | gpu-dcgm-exporter-x7k2p      |
      | Endpoints                      | monitoring  | gpu-dcgm-exporter            |
      | Ingress                        | media       | jellyfin                     |
      | Ingress                        | monitoring  | grafana                      |
      | NetworkPolicy                  | media       | egress-cgnat-except-magicdns |
      | NetworkPolicy                  | monitoring  | allow-tailnet-scrapes        |
      | Node                           |             | talos-master-0               |
      | Node                           |             | talos-master-1               |
      | Node                           |             | talos-master-2               |
      | Node                           |             | talos-worker-gpu-0           |
      | Node                           |             | talos-worker-gpu-1           |
      | Service                        | home        | home-assistant               |
      | Service                        | media       | jellyfin                     |
    And the scan shows "spec.ingress[0].from[0].ipBlock.cidr" = "100.64.0.0/10" for NetworkPolicy "allow-tailnet-scrapes"
    And the scan shows "data.prometheus.yml" = "100.101.0.10" for ConfigMap "prometheus-config"
    And the scan shows "metadata.annotations.flannel.alpha.coreos.com/public-ip" = "100.101.0.20" for Node "talos-worker-gpu-0"
    And the scan shows "spec.externalIPs[0]" = "100.101.0.10" for Service "home-assistant"
    And the scan lists nothing from a Secret
    And the scan lists no value inside:
      | 10.244.0.0/16   |
      | 192.168.20.0/24 |
      | 100.128.0.0/16  |

  Scenario: The files list the same as the running API
    Given a simulated Kubernetes API holding the objects in "cluster"
    When I scan the simulated cluster for objects referring to "100.64.0.0/10" moving to "192.168.20.0/24"
    And I scan the files in "cluster" for objects referring to "100.64.0.0/10" moving to "192.168.20.0/24"
    Then both scans list the same values

  Scenario: A range that is not a CIDR is refused with one line
    When I scan the files in "cluster" for objects referring to "100.64.0.0" moving to "192.168.20.0/24"
    Then the scan exits with code 2
    And the error is one line starting with "--from-cidr '100.64.0.0' is not a CIDR"

  Scenario: An object file that does not parse is refused with its file and line
    Given the file "cluster/broken.yaml" holds:
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: [not closed
      """
    When I scan the files in "cluster" for objects referring to "100.64.0.0/10" moving to "192.168.20.0/24"
    Then the scan exits with code 2
    And the error is one line starting with "cluster/broken.yaml:4: not valid YAML"
