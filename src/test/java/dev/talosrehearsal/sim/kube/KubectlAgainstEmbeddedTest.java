package dev.talosrehearsal.sim.kube;

import static org.assertj.core.api.Assertions.assertThat;

import dev.talosrehearsal.testing.Kubectl;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubectlAgainstEmbeddedTest {
    static EmbeddedKubernetes kube;
    static SimHomelab homelab;
    static NodeMirror mirror;
    static Path kubeconfig;

    @BeforeAll
    static void start(@TempDir Path dir) {
        Assumptions.assumeTrue(Kubectl.find().isPresent(), Kubectl.MISSING);
        kube = new EmbeddedKubernetes("v1.34.1");
        kube.start();
        homelab = new SimHomelab();
        mirror = new NodeMirror(kube.client(), homelab.nodes, homelab.clock);
        mirror.start();
        kubeconfig = kube.writeKubeconfig(dir.resolve("kubeconfig"));
    }

    @AfterAll
    static void stop() {
        if (kube != null) {
            kube.stop();
        }
    }

    @Test
    void scratch() {
        System.out.println(Kubectl.run(kubeconfig, "get", "nodes", "-o", "wide"));
        System.out.println(Kubectl.run(kubeconfig, "get", "nodes", "-o", "json"));
        System.out.println(Kubectl.run(kubeconfig, "get", "namespaces"));
        System.out.println(Kubectl.run(kubeconfig, "version"));
    }
}
