@requires-docker @kubectl
Feature: The same cluster on a real Kubernetes API server (k3s)
  The k3s backend runs rancher/k3s in Docker (Testcontainers) and mirrors the simulated nodes into
  it, labelled talos-rehearsal.dev/simulated=true. Where there is no Docker engine these scenarios
  are skipped, with that reason. Written for a machine with Docker; not run where it was written.

  Scenario: The seed's nodes on k3s, on their Tailscale addresses
    Given a simulated cluster running the "before" configs with the "k3s" Kubernetes API
    When I run "kubectl get nodes -o wide -l talos-rehearsal.dev/simulated=true"
    Then kubectl lists these nodes:
      | NAME               | STATUS | INTERNAL-IP  | OS-IMAGE        |
      | talos-master-0     | Ready  | 100.101.0.10 | Talos (v1.11.5) |
      | talos-master-1     | Ready  | 100.101.0.11 | Talos (v1.11.5) |
      | talos-master-2     | Ready  | 100.101.0.12 | Talos (v1.11.5) |
      | talos-worker-gpu-0 | Ready  | 100.101.0.20 | Talos (v1.11.5) |
      | talos-worker-gpu-1 | Ready  | 100.101.0.21 | Talos (v1.11.5) |
