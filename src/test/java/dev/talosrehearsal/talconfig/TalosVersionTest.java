package dev.talosrehearsal.talconfig;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which releases carry a fix Talos backported to its maintained branches (the simulator's and lint's release rules). */
class TalosVersionTest {
    /** siderolabs/talos 951922dfb, "fix: guard apply config API call": v1.12.9, v1.13.3, v1.14.0-alpha.1. */
    @Test
    void aFixCountsFromItsPatchOnItsBranchAndAlwaysOnLaterBranches() {
        String[] fixedIn = {"v1.12.9", "v1.13.3", "v1.14.0"};
        for (String carries : new String[] {"v1.12.9", "v1.12.11", "v1.13.3", "v1.13.9", "v1.14.0-rc.1", "v1.15.0", "v2.0.0"}) {
            assertThat(TalosVersion.parse(carries).carriesFixOf(fixedIn)).as(carries).isTrue();
        }
        for (String lacks : new String[] {"v1.8.4", "v1.11.5", "v1.12.8", "v1.13.0", "v1.13.2"}) {
            assertThat(TalosVersion.parse(lacks).carriesFixOf(fixedIn)).as(lacks).isFalse();
        }
    }
}
