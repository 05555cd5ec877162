package dev.derrick.alerting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where Alertmanager sends the GPU alerts ({@code derrick:alerting}, a secret: receiver URLs and keys are credentials).
 * Set each value encrypted, e.g. {@code pulumi config set --secret --path 'derrick:alerting.slack.webhookUrl' URL}:
 * <pre>
 * derrick:alerting:
 *   slack:     {webhookUrl: (secret), channel: "#ml-alerts"}   # channel optional
 *   pagerduty: {routingKey: (secret)}                         # Events API v2 integration key
 *   webhook:   {url: (secret)}                                # any Alertmanager webhook receiver
 * </pre>
 * Any of the three, at least one. Without {@code derrick:alerting} Alertmanager keeps the chart's configuration, which
 * sends nowhere (the plan says so).
 */
public final class AlertReceivers {
    public static final String KEY = "alerting";
    private static final Map<String, List<String>> FIELDS = Map.of(
            "slack", List.of("webhookUrl", "channel"),
            "pagerduty", List.of("routingKey"),
            "webhook", List.of("url"));
    private static final Map<String, String> REQUIRED = Map.of("slack", "webhookUrl", "pagerduty", "routingKey", "webhook", "url");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AlertReceivers() {
    }

    /** One problem with the value: the config path under {@code derrick:alerting}, what is wrong, the fix. */
    public record Problem(String path, String problem, String fix) {
    }

    /**
     * The problems of a {@code derrick:alerting} value (its text as Pulumi keeps it: YAML or JSON). Values are never
     * echoed: they are credentials.
     */
    public static List<Problem> check(String text) {
        var out = new ArrayList<Problem>();
        String setHint = "pulumi config set --secret --path 'derrick:alerting.slack.webhookUrl' URL (or pagerduty.routingKey, webhook.url)";
        JsonNode node;
        try {
            node = text == null ? null : YAML.readTree(text);
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            out.add(new Problem("", "must be a map of receivers (slack, pagerduty, webhook)", setHint));
            return out;
        }
        node.fields().forEachRemaining(e -> {
            List<String> fields = FIELDS.get(e.getKey());
            if (fields == null) {
                out.add(new Problem("." + e.getKey(), "unknown receiver", "use slack, pagerduty or webhook"));
                return;
            }
            if (!e.getValue().isObject()) {
                out.add(new Problem("." + e.getKey(), "must be a map", "e.g. " + e.getKey() + ": {" + REQUIRED.get(e.getKey()) + ": ...}"));
                return;
            }
            e.getValue().fields().forEachRemaining(f -> {
                if (!fields.contains(f.getKey())) {
                    out.add(new Problem("." + e.getKey() + "." + f.getKey(), "unknown setting", "use " + String.join(" or ", fields)));
                } else if (!f.getValue().isTextual() || f.getValue().asText().isBlank()) {
                    out.add(new Problem("." + e.getKey() + "." + f.getKey(), "must be text", setHint));
                }
            });
            if (!e.getValue().has(REQUIRED.get(e.getKey()))) {
                out.add(new Problem("." + e.getKey() + "." + REQUIRED.get(e.getKey()), "required value is missing", setHint));
            }
        });
        return out;
    }

    /**
     * Alertmanager's configuration (alertmanager.yaml) for the receivers in {@code json}: every alert to one receiver
     * {@code derrick} with each configured integration, grouped by alert and pool; the stack's always-firing
     * {@code Watchdog} and {@code InfoInhibitor} go nowhere, as in the chart's default configuration.
     */
    public static String alertmanagerConfig(String json) {
        JsonNode node;
        try {
            node = YAML.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("derrick:alerting is not a map (validated before)");
        }
        var receiver = new LinkedHashMap<String, Object>();
        receiver.put("name", "derrick");
        if (node.has("slack")) {
            var slack = new LinkedHashMap<String, Object>();
            slack.put("api_url", node.path("slack").path("webhookUrl").asText());
            if (node.path("slack").has("channel")) {
                slack.put("channel", node.path("slack").path("channel").asText());
            }
            slack.put("send_resolved", true);
            receiver.put("slack_configs", List.of(slack));
        }
        if (node.has("pagerduty")) {
            receiver.put("pagerduty_configs", List.of(Map.of("routing_key", node.path("pagerduty").path("routingKey").asText(),
                    "send_resolved", true)));
        }
        if (node.has("webhook")) {
            receiver.put("webhook_configs", List.of(Map.of("url", node.path("webhook").path("url").asText(), "send_resolved", true)));
        }
        var route = new LinkedHashMap<String, Object>();
        route.put("receiver", "derrick");
        route.put("group_by", List.of("alertname", "pool"));
        route.put("group_wait", "30s");
        route.put("group_interval", "5m");
        route.put("repeat_interval", "4h");
        route.put("routes", List.of(
                Map.of("receiver", "null", "matchers", List.of("alertname = \"Watchdog\"")),
                Map.of("receiver", "null", "matchers", List.of("alertname = \"InfoInhibitor\""))));
        var config = new LinkedHashMap<String, Object>();
        config.put("route", route);
        config.put("receivers", List.of(Map.of("name", "null"), receiver));
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
