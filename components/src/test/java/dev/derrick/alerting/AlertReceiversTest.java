package dev.derrick.alerting;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** derrick:alerting: its shape is checked without echoing a value; the Alertmanager configuration it becomes. */
class AlertReceiversTest {
    private static final String SLACK_URL = "https://hooks.slack.example/services/CANARY-SLACK";

    @Test
    void check_acceptsEachReceiverAndRefusesUnknownOrIncompleteOnesWithoutEchoingValues() {
        assertThat(AlertReceivers.check("{slack: {webhookUrl: \"" + SLACK_URL + "\", channel: \"#ml\"}, pagerduty: {routingKey: k}, webhook: {url: u}}"))
                .isEmpty();
        var problems = AlertReceivers.check("{slack: {channel: \"#ml\", token: \"" + SLACK_URL + "\"}, teams: {url: x}}");
        assertThat(problems).extracting(AlertReceivers.Problem::path)
                .containsExactlyInAnyOrder(".slack.token", ".slack.webhookUrl", ".teams");
        assertThat(problems.toString()).doesNotContain(SLACK_URL);
        assertThat(AlertReceivers.check("just text")).extracting(AlertReceivers.Problem::path).containsExactly("");
        assertThat(AlertReceivers.check("{}")).hasSize(1);
    }

    @Test
    void alertmanagerConfig_sendsEveryAlertToTheReceiversAndTheWatchdogNowhere() throws Exception {
        String yaml = AlertReceivers.alertmanagerConfig("{\"slack\":{\"webhookUrl\":\"" + SLACK_URL + "\",\"channel\":\"#ml\"},\"pagerduty\":{\"routingKey\":\"pd\"}}");
        JsonNode config = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        assertThat(config.path("route").path("receiver").asText()).isEqualTo("derrick");
        assertThat(config.path("route").path("routes").get(0).path("receiver").asText()).isEqualTo("null");
        JsonNode derrick = config.path("receivers").get(1);
        assertThat(derrick.path("slack_configs").get(0).path("api_url").asText()).isEqualTo(SLACK_URL);
        assertThat(derrick.path("slack_configs").get(0).path("channel").asText()).isEqualTo("#ml");
        assertThat(derrick.path("pagerduty_configs").get(0).path("routing_key").asText()).isEqualTo("pd");
        assertThat(derrick.has("webhook_configs")).isFalse();
    }
}
