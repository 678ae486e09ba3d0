Feature: Bad input is refused with one line that says where, and nothing is written
  A generator that half-writes a clusterconfig directory, or makes up a new CA because the secrets
  file was not found, breaks clusters. Every refusal names the file and line to fix, exits with
  code 2, and leaves the output directory as it was.

  Scenario: No secrets file: refuse rather than mint a new cluster CA
    When I generate the configs for "after" without a secrets file
    Then the generation fails with exit code 2
    And the error names "talsecret.yaml"
    And the error says "new CA"
    And nothing was written to the output directory

  Scenario Outline: <problem>
    Given the "after" talconfig has "<original>" replaced by "<replacement>"
    When I generate the configs for "after"
    Then the generation fails with exit code 2
    And the error is one line starting with "<where>"
    And the error says "<message>"
    And nothing was written to the output directory

    Examples:
      | problem                      | original                    | replacement                   | where                              | message                   |
      | a misspelt key               | kubernetesVersion: v1.34.1 | kubernetesVersoin: v1.34.1 | after/talconfig.yaml:8:  | did you mean 'kubernetesVersion'? |
      | an endpoint over plain HTTP  | https://192.168.20.10:6443 | http://192.168.20.10:6443  | after/talconfig.yaml:9:  | https://host[:port]               |
      | an unset variable            | ${TS_AUTHKEY}              | ${TS_AUTH_KEY}             | after/talconfig.yaml:60: | ${TS_AUTH_KEY} is not set         |
      | a Talos release not rendered | talosVersion: v1.11.5      | talosVersion: v1.6.0       | after/talconfig.yaml:7:  | not supported                     |
      | a duplicate hostname         | hostname: talos-master-1   | hostname: talos-master-0   | after/talconfig.yaml:17: | duplicate hostname                |
