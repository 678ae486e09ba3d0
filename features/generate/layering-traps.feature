Feature: Patches layer the way Talos layers them
  Talos merges patches strategically: maps merge, scalars replace, and most lists concatenate.
  That last rule is the migration's first trap: patching validSubnets with the new CIDR keeps the
  old one beside it. These scenarios show the trap and the two ways out.

  Scenario: A second patch on validSubnets keeps the old CIDR next to the new one
    Given the "after" talconfig also has the top-level patch:
      """
      machine:
        kubelet:
          nodeIP:
            validSubnets:
              - 100.64.0.0/10
      """
    When I generate the configs for "after"
    Then every node's "machine.kubelet.nodeIP.validSubnets" is exactly:
      | 192.168.20.0/24 |
      | 100.64.0.0/10   |

  Scenario: $patch: delete clears the old list before a new one is set
    talhelper substitutes variables in talconfig.yaml before it reads patches, so the marker is
    written $$patch there ($$ is a literal $).

    Given the "after" talconfig also has the top-level patch:
      """
      machine:
        kubelet:
          nodeIP:
            validSubnets:
              $$patch: delete
      """
    And the "after" talconfig also has the top-level patch:
      """
      machine:
        kubelet:
          nodeIP:
            validSubnets:
              - 10.0.0.0/8
      """
    When I generate the configs for "after"
    Then every node's "machine.kubelet.nodeIP.validSubnets" is exactly:
      | 10.0.0.0/8 |

  Scenario: An RFC 6902 replace sets exactly the list it names
    Given the "after" talconfig also has the top-level patch:
      """
      - op: replace
        path: /machine/kubelet/nodeIP/validSubnets
        value:
          - 172.16.0.0/12
      """
    When I generate the configs for "after"
    Then every node's "machine.kubelet.nodeIP.validSubnets" is exactly:
      | 172.16.0.0/12 |

  Scenario: A bare $patch in talconfig.yaml is taken for a variable, and the error says how to write it
    Given the "after" talconfig also has the top-level patch:
      """
      machine:
        kubelet:
          nodeIP:
            validSubnets:
              $patch: delete
      """
    When I generate the configs for "after"
    Then the generation fails with exit code 2
    And the error says "write '$$patch: delete'"
