package dev.derrick.tests;

import dev.derrick.alerting.AlertReceivers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The Alertmanager configuration Derrick writes for {@code derrick:alerting} is accepted by Alertmanager's own checker
 * ({@code amtool check-config}, Debian's prometheus-alertmanager, installed by scripts/test-monitoring).
 */
class AlertmanagerConfigTest {
    @Test
    void everyReceiverCombination_passesAmtoolCheckConfig() throws Exception {
        Path amtool = Path.of("/usr/bin/amtool");
        if (!Files.isExecutable(amtool)) {
            String why = "amtool not found (scripts/test-monitoring installs Debian's prometheus-alertmanager)";
            if (Emulators.required()) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        for (String json : new String[]{
                "{\"slack\":{\"webhookUrl\":\"https://hooks.slack.example/services/T0/B0/X\",\"channel\":\"#ml-alerts\"}}",
                "{\"pagerduty\":{\"routingKey\":\"0123456789abcdef0123456789abcdef\"}}",
                "{\"webhook\":{\"url\":\"https://alerts.internal.example/hook\"},\"slack\":{\"webhookUrl\":\"https://hooks.slack.example/x\"}}"}) {
            Path file = Files.createTempFile("alertmanager-", ".yaml");
            try {
                Files.writeString(file, AlertReceivers.alertmanagerConfig(json));
                Process p = new ProcessBuilder(amtool.toString(), "check-config", file.toString()).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(p.exitValue()).as(out).isZero();
                assertThat(out).contains("SUCCESS");
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }
}
