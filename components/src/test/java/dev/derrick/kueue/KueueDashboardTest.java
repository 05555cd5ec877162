package dev.derrick.kueue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class KueueDashboardTest {
    /**
     * Kueue's metrics the dashboard may read, as pkg/metrics/metrics.go at kubernetes-sigs/kueue v0.19.2 registers them
     * (subsystem {@code kueue}; the wait time is a histogram, read through its {@code _bucket} series).
     */
    private static final Set<String> KUEUE_METRICS = Set.of("kueue_cluster_queue_resource_usage", "kueue_cluster_queue_nominal_quota",
            "kueue_pending_workloads", "kueue_admission_wait_time_seconds_bucket");
    private static final Pattern METRIC = Pattern.compile("\\bkueue_[a-z_]+");

    private static List<String> exprs(JsonNode dashboard) {
        var out = new ArrayList<String>();
        dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> out.add(t.path("expr").asText())));
        return out;
    }

    @Test
    void dashboard_readsOnlyMetricsKueueExports_andShowsQuotaUseAndWaitPerTeam() throws Exception {
        JsonNode d = new ObjectMapper().readTree(KueueDashboard.json());
        assertThat(d.path("uid").asText()).isEqualTo("derrick-kueue-teams");
        var used = new TreeSet<String>();
        for (String expr : exprs(d)) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                used.add(m.group());
            }
        }
        assertThat(used).isEqualTo(new TreeSet<>(KUEUE_METRICS));
        assertThat(d.path("panels").findValuesAsText("title")).contains("GPU quota use per team and pool", "Queue wait per team (p90)");
        assertThat(exprs(d)).allSatisfy(e -> assertThat(e).contains("cluster_queue=~\"$team\""));
    }
}
