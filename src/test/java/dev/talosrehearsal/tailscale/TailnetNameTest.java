package dev.talosrehearsal.tailscale;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which tailnet a MagicDNS name is on, and the names an ext-tailscale config carries. */
class TailnetNameTest {
    @Test
    void theTailnetIsWhatFollowsTheFirstLabelOfATsNetName() {
        assertThat(TailnetName.suffixOf("kube.tail7c3e2.ts.net")).hasValue("tail7c3e2.ts.net");
        assertThat(TailnetName.suffixOf("Bastion-K8s.Tailnet-4d89.TS.net.")).hasValue("tailnet-4d89.ts.net");
        assertThat(TailnetName.suffixOf("*.tail7c3e2.ts.net")).hasValue("tail7c3e2.ts.net");
        for (String notOnATailnet : List.of("tail7c3e2.ts.net", "ts.net", "kube.example.com", "10.40.0.5", "kube", ".tail7c3e2.ts.net")) {
            assertThat(TailnetName.suffixOf(notOnATailnet)).as(notOnATailnet).isEmpty();
        }
    }

    @Test
    void aConfigNamesItsTailnetThroughTsCertDomainAndWebNamesButNotThroughThePlaceholder() throws Exception {
        String serve = "{\\\"TCP\\\": {\\\"443\\\": {\\\"HTTPS\\\": true}},"
                + " \\\"Web\\\": {\\\"${TS_CERT_DOMAIN}:443\\\": {}},"
                + " \\\"Services\\\": {\\\"svc:docs\\\": {\\\"Web\\\": {\\\"docs.tail7c3e2.ts.net:443\\\": {}}}}}";
        TailscaleExtensionConfig ts = TailscaleExtensionConfig.of(new ObjectMapper().readTree(
                "{\"environment\": [\"TS_SERVE_CONFIG=/serve.json\", \"TS_CERT_DOMAIN=cp-a.tail7c3e2.ts.net\"],"
                        + " \"configFiles\": [{\"mountPath\": \"/serve.json\", \"content\": \"" + serve + "\"}]}"));

        assertThat(TailnetName.namesIn(ts)).containsExactly("cp-a.tail7c3e2.ts.net", "docs.tail7c3e2.ts.net");
        assertThat(TailnetName.firstSuffix(List.of("10.40.0.5", "docs.tail7c3e2.ts.net"))).hasValue("tail7c3e2.ts.net");
    }
}
