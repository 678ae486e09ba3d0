Feature: The seed's migration on Talos v1.14
  Talos v1.14 applies every config change to the running node and leaves reboots to the operator: AUTO always
  resolves to no reboot, and the REBOOT mode is refused (siderolabs/talos 995bc30d5, "feat: drop apply config method
  reboot"). The homelab's configs at v1.14.0-rc.1 ("before-v1.14", "after-v1.14": the kubelet's node IP patched as
  the KubeNodeConfig document v1.14 keeps it in) migrate as at earlier releases: the applier asks for each control
  plane's reboot itself, because etcd takes its new listen addresses only when it starts, and confirms it by the boot ID.

  Background:
    Given the simulated cluster is running the "before-v1.14" configs

  Scenario: Talos applies every config live; the applier reboots the control planes for etcd
    When I roll out the "after-v1.14" configs
    Then the rollout ends "migrated"
    And each node passed its gates before the next one was changed:
      | node               | gates                                                                       |
      | talos-master-0     | reboot, kube-node-ready, etcd-peer-url, services, tailnet-api, tailnet-host |
      | talos-master-1     | reboot, kube-node-ready, etcd-peer-url, services, tailnet-api, tailnet-host |
      | talos-master-2     | reboot, kube-node-ready, etcd-peer-url, services, tailnet-api, tailnet-host |
      | talos-worker-gpu-0 | kube-node-ready, services                                                   |
      | talos-worker-gpu-1 | kube-node-ready, services                                                   |
    And the journal confirms each reboot by a new boot ID, in this order:
      | talos-master-0 |
      | talos-master-1 |
      | talos-master-2 |
    And Kubernetes sees every node on an address in "192.168.20.0/24"
    And etcd lists 3 members, each healthy, with peer URLs in "192.168.20.0/24"

  Scenario: The reboot mode is refused before any node changes
    When I roll out the "after-v1.14" configs in "reboot" mode
    Then the report says "the REBOOT mode is not supported, please use AUTO or NO_REBOOT modes instead"
    And no node applied a config
    And every node runs its "before-v1.14" config
