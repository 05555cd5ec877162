package dev.derrick.kubernetes;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalToolsTest {
    private static final String MISSING = "derrick-no-such-tool-3f9a";

    @Test
    void require_whenToolMissingAndNotRequired_skipsTheTest() {
        assertThatThrownBy(() -> LocalTools.require(MISSING, null)).isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("DERRICK_REQUIRE_EMULATORS is unset");
    }

    @Test
    void require_whenToolMissingAndRequired_failsTheTest() {
        assertThatThrownBy(() -> LocalTools.require(MISSING, "1")).isInstanceOf(AssertionError.class)
                .hasMessageContaining(MISSING).hasMessageContaining("DERRICK_REQUIRE_EMULATORS is set");
    }

    @Test
    void require_whenToolPresent_returnsItsPath() {
        assertThat(LocalTools.require("sh", "1").getFileName().toString()).isEqualTo("sh");
    }
}
