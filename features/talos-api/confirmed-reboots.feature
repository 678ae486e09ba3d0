Feature: A reboot counts only when the node's boot ID changed
  A node that answers the Talos API again has not necessarily rebooted: machined answers a Reboot call before its
  reboot sequence runs, and a sequence that cannot take machined's lock is only logged, so the node answers on,
  on the same boot. The applier confirms every reboot as talosctl's "reboot --wait" does: it reads the node's boot
  ID (/proc/sys/kernel/random/boot_id, through the Talos API's Read) before the apply or Reboot that reboots the
  node, and waits, as long as a gate would, for another one.

  Scenario: Each control plane's reboot for etcd is confirmed by a new boot ID
    Given the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "migrated"
    And the journal confirms each reboot by a new boot ID, in this order:
      | talos-master-0 |
      | talos-master-1 |
      | talos-master-2 |

  Scenario: A control plane that answers but never rebooted stops the rollout, which rolls back
    Without the reboot, talos-master-1's etcd would advertise its new address while it still listens only on the
    old one. Its gates could pass all the same; the boot ID says it never rebooted.

    Given "talos-master-1" does not reboot the first time it is asked to
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "rolled-back"
    And the report says "talos-master-1 answered again but its boot ID did not change"
    And the report says "the node did not reboot"
    And the rollout rolled back, in this order:
      | talos-master-1 |
      | talos-master-0 |
    And these nodes never applied a config:
      | talos-master-2     |
      | talos-worker-gpu-0 |
      | talos-worker-gpu-1 |
    And every node runs its "before" config

  Scenario: A control plane that never reboots is left for the operator
    Its rollback needs a reboot too (etcd back on its old listen addresses), which it ignores as well; putting
    talos-master-0 back while talos-master-1's state is unknown could cost etcd its quorum, so the applier stops.

    Given "talos-master-1" does not reboot when asked to
    And the simulated cluster is running the "before" configs
    When I roll out the "after" configs
    Then the rollout ends "failed"
    And the report says "its boot ID did not change"
    And the report tells the operator what to finish by hand:
      | node           | says                    |
      | talos-master-1 | unknown                 |
      | talos-master-0 | still on the NEW config |
