Feature: Patches layer the way Talos layers them
  Talos merges patches strategically: maps merge, scalars replace, and most lists concatenate.
  That last rule is the migration's first trap: patching validSubnets with the new CIDR keeps the
  old one beside it. These scenarios show the trap and the way out ($patch: delete); an RFC 6902 replace
  would be the other, but not on these nodes.

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

  Scenario: An RFC 6902 replace is refused where talhelper has added documents, and the error says what to write
    # The homelab's nodes run the tailscale extension: their configs carry an ExtensionServiceConfig, which talhelper
    # (since v3.0.37) adds before the patches, and Talos refuses JSON patches on multi-document configs.
    Given the "after" talconfig also has the top-level patch:
      """
      - op: replace
        path: /machine/kubelet/nodeIP/validSubnets
        value:
          - 172.16.0.0/12
      """
    When I generate the configs for "after"
    Then the generation fails with exit code 2
    And the error says "JSON6902 patches are not supported for multi-document machine configuration"
    And the error says "use a strategic merge patch"

  Scenario: At Talos v1.14 a delete written for v1alpha1 misses, and the error names the document that holds the setting now
    # onedr0p/cluster-template's patch, in most clusters made from it: v1.14 keeps the admission plugins in
    # KubeAdmissionControlConfig documents, and v1alpha1 has no cluster.apiServer left to delete from.
    Given the "after-v1.14" talconfig also has the top-level patch:
      """
      cluster:
        apiServer:
          admissionControl:
            $$patch: delete
      """
    When I generate the configs for "after-v1.14"
    Then the generation fails with exit code 2
    And the error says "lookup failed ('cluster.apiServer' is not in the document)"
    And the error says "the generator writes cluster.apiServer.admissionControl as the KubeAdmissionControlConfig PodSecurity document"
    And the error says "{apiVersion: v1alpha1, kind: KubeAdmissionControlConfig, name: PodSecurity, $$patch: delete}"

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
