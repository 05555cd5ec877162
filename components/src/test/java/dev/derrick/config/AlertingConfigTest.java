package dev.derrick.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** derrick:alerting in a stack file: secret leaves load; plain text or a wrong shape is one problem per path, never echoed. */
class AlertingConfigTest {
    @TempDir
    Path dir;

    private static String with(String alerting) {
        return TestStacks.VALID.replace("config:\n", "config:\n  derrick:alerting:\n" + alerting);
    }

    @Test
    void load_whenReceiversAreSecret_loads() {
        StackConfigLoader.load(TestStacks.load(dir, with("    slack:\n      webhookUrl:\n        secure: v1:abc\n      channel: \"#ml\"\n")));
    }

    @Test
    void load_whenAlertingIsPlain_refusesItWithoutShowingIt() {
        var e = catchThrowableOfType(ConfigException.class,
                () -> StackConfigLoader.load(TestStacks.load(dir, with("    slack:\n      webhookUrl: https://hooks.example/CANARY-PLAIN\n"))));
        assertThat(e.errors()).extracting(ConfigError::path).containsExactly("derrick:alerting");
        assertThat(e.errors().toString()).contains("must be a secret").doesNotContain("CANARY-PLAIN");
    }

    @Test
    void load_whenAReceiverIsUnknownOrIncomplete_namesEachPath() {
        var e = catchThrowableOfType(ConfigException.class, () -> StackConfigLoader.load(TestStacks.load(dir,
                with("    teams:\n      url:\n        secure: v1:abc\n    pagerduty:\n      key:\n        secure: v1:CANARY-KEY\n"))));
        assertThat(e.errors()).extracting(ConfigError::path)
                .containsExactlyInAnyOrder("derrick:alerting.teams", "derrick:alerting.pagerduty.key", "derrick:alerting.pagerduty.routingKey");
        assertThat(e.errors().toString()).doesNotContain("CANARY-KEY");
    }
}
