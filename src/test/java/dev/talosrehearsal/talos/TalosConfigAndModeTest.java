package dev.talosrehearsal.talos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TalosConfigAndModeTest {
    @Test
    void theTalosconfigIsFoundLikeTalosctlFindsIt() {
        assertThat(TalosConfig.locate(Path.of("/x/explicit"), Map.of("TALOSCONFIG", "/y/env"))).isEqualTo(Path.of("/x/explicit"));
        assertThat(TalosConfig.locate(null, Map.of("TALOSCONFIG", "/y/env"))).isEqualTo(Path.of("/y/env"));
        assertThat(TalosConfig.locate(null, Map.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".talos", "config"));
    }

    @Test
    void applyModesAreReadAsOperatorsWriteThem() {
        assertThat(ApplyMode.parse("auto")).isEqualTo(ApplyMode.AUTO);
        assertThat(ApplyMode.parse("no-reboot")).isEqualTo(ApplyMode.NO_REBOOT);
        assertThat(ApplyMode.parse("STAGED")).isEqualTo(ApplyMode.STAGED);
        assertThat(ApplyMode.parse("try")).isEqualTo(ApplyMode.TRY);
        assertThatThrownBy(() -> ApplyMode.parse("immediate"))
                .hasMessage("unknown apply mode 'immediate' (auto, no-reboot, staged, try, reboot)");
    }

    @Test
    void endpointsTakeTalosctlsForms() {
        assertThat(HostPort.parse("192.168.20.10", 50000)).isEqualTo(new HostPort("192.168.20.10", 50000));
        assertThat(HostPort.parse("127.0.0.1:50001", 50000)).isEqualTo(new HostPort("127.0.0.1", 50001));
        assertThat(HostPort.parse("[fd00::1]:50002", 50000)).isEqualTo(new HostPort("fd00::1", 50002));
        assertThat(HostPort.parse("fd00::1", 50000)).isEqualTo(new HostPort("fd00::1", 50000));
        assertThatThrownBy(() -> HostPort.parse("host:99999", 50000)).hasMessageContaining("bad port");
    }
}
