Feature: The seed's migration, rolled out node by node
  The seed moves a five-node homelab from the Tailscale overlay to the LAN (192.168.20.0/24): the
  kubelet node IP and the etcd peer addresses move, the nameservers change, the control planes serve
  the Kubernetes API on the tailnet, and the GPU workers drop the tailscale extension. The seed does it
  by hand: the three control planes one by one, waiting for each to be healthy, then the two GPU workers.

  Here the real applier does it through the Talos API against a simulated homelab that starts on the
  "before" configs, and the seed's verification list is checked afterwards.

  Background:
    Given the simulated cluster is running the "before" configs

  Scenario: Three control planes one by one, then the two GPU workers
    When I roll out the "after" configs
    Then the rollout ends "migrated"
    And the nodes were changed in this order:
      | talos-master-0     |
      | talos-master-1     |
      | talos-master-2     |
      | talos-worker-gpu-0 |
      | talos-worker-gpu-1 |
    And each node passed its gates before the next one was changed:
      | node               | gates                                                                       |
      | talos-master-0     | reboot, kube-node-ready, etcd-peer-url, services, tailnet-api, tailnet-host |
      | talos-master-1     | reboot, kube-node-ready, etcd-peer-url, services, tailnet-api, tailnet-host |
      | talos-master-2     | reboot, kube-node-ready, etcd-peer-url, services, tailnet-api, tailnet-host |
      | talos-worker-gpu-0 | kube-node-ready, services                                                   |
      | talos-worker-gpu-1 | kube-node-ready, services                                                   |
    And nothing was rolled back
    And every node runs its "after" config

  @kubectl
  Scenario: The seed's verification list after the migration
    When I roll out the "after" configs
    And I run "kubectl get nodes -o wide"
    Then kubectl lists these nodes:
      | NAME               | STATUS | ROLES         | INTERNAL-IP   |
      | talos-master-0     | Ready  | control-plane | 192.168.20.10 |
      | talos-master-1     | Ready  | control-plane | 192.168.20.11 |
      | talos-master-2     | Ready  | control-plane | 192.168.20.12 |
      | talos-worker-gpu-0 | Ready  | <none>        | 192.168.20.20 |
      | talos-worker-gpu-1 | Ready  | <none>        | 192.168.20.21 |
    And etcd lists 3 members, each healthy, with peer URLs in "192.168.20.0/24"
    And "ext-tailscale" is running on every control plane and on no worker
    And every control plane's serve config forwards "svc:bastion-k8s" port 6443 to "127.0.0.1:6443"
    When I verify the cluster against the "after" configs
    Then the verification list passes:
      | check               | says                                  |
      | node-ip             | Ready, InternalIP 192.168.20.10       |
      | node-ip             | Ready, InternalIP 192.168.20.21       |
      | etcd                | https://192.168.20.12:2380, all members healthy |
      | same-subnet         | all 5 node IPs are in 192.168.20.0/24 |
      | services            | kubelet, etcd, ext-tailscale running  |
      | api-through-tailnet | API answered: HTTP/1.1 200 OK         |
      | host-on-tailnet     | API answered: HTTP/1.1 200 OK         |
    When kubectl connects to "bastion-k8s.tailnet-4d89.ts.net:6443"
    Then the Kubernetes API answers through "talos-master-0"

  Scenario Outline: Never two control planes disrupted at once, by the nodes' own records (<mode> mode)
    Each node records when it did not fully serve (reboot, etcd or kubelet restart, ext-tailscale
    restart). The applier waits for etcd quorum before touching a control plane, so those intervals
    never overlap between control planes, whether the change restarts services or reboots the node.

    When I roll out the "after" configs in "<mode>" mode
    Then the rollout ends "migrated"
    And no two control planes were disrupted at the same time

    Examples:
      | mode   |
      | auto   |
      | reboot |
