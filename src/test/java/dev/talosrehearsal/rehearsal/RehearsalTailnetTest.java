package dev.talosrehearsal.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.talosrehearsal.common.InputException;
import dev.talosrehearsal.testing.OfficeFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A rehearsal's tailnet comes from --tailnet or the configs, never from a made-up default (fixtures/office). */
class RehearsalTailnetTest {
    @TempDir
    Path dir;

    @Test
    void fromTheApiServersCertSan() {
        assertThat(new RehearsalDirectory(Path.of("fixtures/office"), "after").tailnetSuffix(null)).isEqualTo("tail7c3e2.ts.net");
        assertThat(new RehearsalDirectory(Path.of("fixtures/office"), "after").tailnetSuffix("other.ts.net")).isEqualTo("other.ts.net");
    }

    @Test
    void fromAServeConfigWebNameWhenNoCertSanNamesIt() {
        OfficeFixture.copy(dir);
        OfficeFixture.withoutCertSan(dir);
        OfficeFixture.edit(dir, "after", "\"svc:kube\": {", "\"svc:docs\": {\"TCP\": {\"443\": {\"HTTPS\": true}},"
                + " \"Web\": {\"docs.tail7c3e2.ts.net:443\": {\"Handlers\": {\"/\": {\"Text\": \"docs\"}}}}}, \"svc:kube\": {");

        assertThat(new RehearsalDirectory(dir, "after").tailnetSuffix(null)).isEqualTo("tail7c3e2.ts.net");
    }

    @Test
    void aClusterOnTailscaleThatNamesNoTailnetIsBadInputNamingTheFlag() {
        OfficeFixture.copy(dir);
        OfficeFixture.withoutCertSan(dir);

        assertThatThrownBy(() -> new RehearsalDirectory(dir, "after").tailnetSuffix(null)).isInstanceOf(InputException.class)
                .satisfies(e -> assertThat(((InputException) e).oneLine()).startsWith(dir.resolve("after/talconfig.yaml") + ": ")
                        .endsWith("pass --tailnet <your-tailnet>.ts.net"));
    }

    @Test
    void noTailnetWhenNoNodeRunsTailscale() {
        OfficeFixture.copy(dir);
        OfficeFixture.withoutTailscale(dir);

        assertThat(new RehearsalDirectory(dir, "after").tailnetSuffix(null)).isNull();
    }
}
