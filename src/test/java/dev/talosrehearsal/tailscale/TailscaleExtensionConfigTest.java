package dev.talosrehearsal.tailscale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What containerboot reads from the tailscale ExtensionServiceConfig document. */
class TailscaleExtensionConfigTest {
    private static TailscaleExtensionConfig of(String json) throws Exception {
        JsonNode document = new ObjectMapper().readTree(json);
        return TailscaleExtensionConfig.of(document);
    }

    @Test
    void theServeConfigIsTheFileTsServeConfigNames() throws Exception {
        TailscaleExtensionConfig ts = of("{\"environment\": [\"TS_SERVE_CONFIG=/var/lib/serve.json\", \"TS_HOSTNAME=bastion\"],"
                + " \"configFiles\": [{\"mountPath\": \"/etc/other\", \"content\": \"x\"},"
                + " {\"mountPath\": \"/var/lib/serve.json\", \"content\": \"{\\\"TCP\\\": {\\\"443\\\": {\\\"HTTPS\\\": true}}}\"}]}");
        assertThat(ts.serveFile().orElseThrow().mountPath()).isEqualTo("/var/lib/serve.json");
        assertThat(ts.serveConfig().orElseThrow().scopes().get(0).tcp()).containsKey("443");
        assertThat(ts.tailnetHostname("talos-master-0")).isEqualTo("bastion");
    }

    @Test
    void noServeConfigWhenTsServeConfigNamesNoMountedFile() throws Exception {
        TailscaleExtensionConfig ts = of("{\"environment\": [\"TS_SERVE_CONFIG=/nowhere\", \"TS_HOSTNAME= \"],"
                + " \"configFiles\": [{\"mountPath\": \"/var/lib/serve.json\", \"content\": \"{}\"}]}");
        assertThat(ts.serveConfigPath()).hasValue("/nowhere");
        assertThat(ts.serveConfig()).isEmpty();
        assertThat(ts.tailnetHostname("talos-master-0")).as("a blank TS_HOSTNAME").isEqualTo("talos-master-0");
    }

    @Test
    void theFirstOfARepeatedVariableWinsAndValuesKeepTheirEqualsSigns() throws Exception {
        TailscaleExtensionConfig ts = of("{\"environment\": [\"TS_EXTRA_ARGS=--advertise-tags=tag:k8s\", \"TS_EXTRA_ARGS=--ssh\", \"=x\"]}");
        assertThat(ts.environment()).containsExactly(java.util.Map.entry("TS_EXTRA_ARGS", "--advertise-tags=tag:k8s"));
    }
}
