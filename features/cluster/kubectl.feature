@kubectl
Feature: The cluster as kubectl sees it
  The simulated cluster has a Kubernetes side: one Node object per simulated Talos node, kept in
  step with the node the way its kubelet would report it (addresses, Ready, node info). The real
  kubectl binary reads it through a kubeconfig, so these scenarios show what an operator would see
  during the migration. Without kubectl on PATH they are skipped, with that reason.

  Background:
    Given a simulated cluster running the "before" configs with the "embedded" Kubernetes API

  Scenario: Before the migration every kubelet registers its Tailscale address
    When I run "kubectl get nodes -o wide"
    Then kubectl lists these nodes:
      | NAME               | STATUS | ROLES         | VERSION | INTERNAL-IP  | EXTERNAL-IP | OS-IMAGE        |
      | talos-master-0     | Ready  | control-plane | v1.34.1 | 100.101.0.10 | <none>      | Talos (v1.11.5) |
      | talos-master-1     | Ready  | control-plane | v1.34.1 | 100.101.0.11 | <none>      | Talos (v1.11.5) |
      | talos-master-2     | Ready  | control-plane | v1.34.1 | 100.101.0.12 | <none>      | Talos (v1.11.5) |
      | talos-worker-gpu-0 | Ready  | <none>        | v1.34.1 | 100.101.0.20 | <none>      | Talos (v1.11.5) |
      | talos-worker-gpu-1 | Ready  | <none>        | v1.34.1 | 100.101.0.21 | <none>      | Talos (v1.11.5) |

  Scenario: Once every node runs the "after" config, the kubelets register their LAN addresses
    When I apply the "after" config to every node
    And 5 seconds pass on the cluster's clock
    And I run "kubectl get nodes -o wide"
    Then kubectl lists these nodes:
      | NAME               | STATUS | INTERNAL-IP   |
      | talos-master-0     | Ready  | 192.168.20.10 |
      | talos-master-1     | Ready  | 192.168.20.11 |
      | talos-master-2     | Ready  | 192.168.20.12 |
      | talos-worker-gpu-0 | Ready  | 192.168.20.20 |
      | talos-worker-gpu-1 | Ready  | 192.168.20.21 |

  Scenario: While its kubelet restarts on the new address, a node is briefly NotReady
    When I apply the "after" config to every node
    And I run "kubectl get nodes"
    Then kubectl shows "talos-worker-gpu-0" as "NotReady"

  Scenario: A rebooting node is NotReady until it is back
    When "talos-master-1" reboots
    And I run "kubectl get nodes"
    Then kubectl shows "talos-master-1" as "NotReady"
    And kubectl shows "talos-master-0" as "Ready"
    When 30 seconds pass on the cluster's clock
    And I run "kubectl get nodes"
    Then kubectl shows "talos-master-1" as "Ready"

  Scenario: kubectl get nodes -w shows a reboot as it happens
    Given I watch with "kubectl get nodes -w"
    When "talos-master-1" reboots
    And 30 seconds pass on the cluster's clock
    Then the watch shows "talos-master-1" become "NotReady", then "Ready"
