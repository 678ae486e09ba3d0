package dev.talosrehearsal.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 10: with the Kubernetes API down, pre-flight and the gates said fabric8's
 * "Operation: [get]  for kind: [Node]  with name: [talos-master-0]  in namespace: [default]  failed." — no address, no
 * cause. The message names the API server the kubeconfig points at and why it did not answer, on one line.
 */
class ClusterViewUnavailableTest {
    @TempDir
    Path dir;

    @Test
    void aKubernetesApiThatDoesNotAnswerIsNamedWithItsAddressAndTheCause() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: lab
                  cluster:
                    server: https://127.0.0.1:%d
                    insecure-skip-tls-verify: true
                users:
                - name: admin
                  user:
                    token: not-a-secret
                contexts:
                - name: lab
                  context: {cluster: lab, user: admin}
                current-context: lab
                """.formatted(closed));

        try (KubernetesClient client = ClusterView.connect(kubeconfig); ClusterView view = ClusterView.of(client)) {
            KubernetesUnavailableException read = catchThrowableOfType(KubernetesUnavailableException.class, () -> view.node("talos-master-0"));
            KubernetesUnavailableException list = catchThrowableOfType(KubernetesUnavailableException.class, view::nodes);

            assertThat(read.getMessage()).startsWith("cannot read node talos-master-0: the Kubernetes API at https://127.0.0.1:" + closed
                    + "/ does not answer: ").containsIgnoringCase("connection refused").doesNotContain("Operation: [").doesNotContain("\n");
            assertThat(list.getMessage()).startsWith("cannot list nodes: the Kubernetes API at https://127.0.0.1:" + closed
                    + "/ does not answer: ").doesNotContain("not-a-secret");
            // said after one try: the gates poll with their own back-off; fabric8's (ten retries, doubling from 100 ms)
            // inside one read kept an apply's pre-flight against such an API waiting 1 min 59 s
            assertThat(client.getConfiguration().getRequestRetryBackoffLimit()).isZero();
        }
    }
}
