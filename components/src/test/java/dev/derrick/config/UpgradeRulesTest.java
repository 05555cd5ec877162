package dev.derrick.config;

import dev.derrick.plan.Plan;
import dev.derrick.plan.PlanEngine;
import dev.derrick.plan.PlannedResource;
import dev.derrick.platform.DerrickProgram;
import dev.derrick.upgrades.UpgradeRules;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.derrick.config.TestStacks.valid;
import static dev.derrick.config.TestStacks.validAzure;
import static dev.derrick.config.TestStacks.validGcp;
import static org.assertj.core.api.Assertions.assertThat;

/** upgrades: (dev.derrick.upgrades): GKE release channel, maintenance window and exclusions, AKS auto-upgrade channel. */
class UpgradeRulesTest extends LoaderTestSupport {
    private static final String UPGRADES = "derrick:clusters[0].upgrades";
    private static final String HOLD = "{channel: stable, maintenanceStart: \"03:00\", maintenanceExclusions: "
            + "[{name: hold-1-35, start: \"2026-12-01T00:00:00Z\", end: \"2027-02-01T00:00:00Z\"}]}";

    @Test
    void gkeChannelAndMinorVersionHold_load_andReachTheCluster() {
        ClusterSpec c = loads(validGcp().set(UPGRADES, HOLD)).clusters().get(0);
        assertThat(UpgradeRules.gkeChannel(c)).isEqualTo("STABLE");

        var config = new LinkedHashMap<String, String>();
        config.put("derrick:environment", "dev");
        config.put("derrick:region", "us-central1");
        config.put("derrick:gcpProject", "ml-platform-dev");
        config.put("derrick:clusters", """
                [{"name": "train", "target": "gcp", "zones": ["us-central1-a"],
                  "upgrades": {"channel": "none", "maintenanceStart": "03:00",
                               "maintenanceExclusions": [{"name": "hold-1-35", "start": "2026-12-01T00:00:00Z", "end": "2027-02-01T00:00:00Z"}]},
                  "nodePools": [{"name": "system", "machineType": "e2-standard-4", "min": 1, "max": 1}]}]
                """);
        Plan plan = PlanEngine.run("derrick", "test", config, Set.of(), DerrickProgram::stack);
        PlannedResource gke = plan.named("gcp:container/cluster:Cluster", "train-gke").orElseThrow();
        assertThat(Plan.get(gke.inputs(), "releaseChannel.channel")).as("none = no channel").isEqualTo("UNSPECIFIED");
        assertThat(Plan.get(gke.inputs(), "maintenancePolicy.dailyMaintenanceWindow.startTime")).isEqualTo("03:00");
        assertThat(Plan.get(gke.inputs(), "maintenancePolicy.maintenanceExclusions")).isEqualTo(List.of(Map.of(
                "exclusionName", "hold-1-35", "startTime", "2026-12-01T00:00:00Z", "endTime", "2027-02-01T00:00:00Z",
                "exclusionOptions", Map.of("scope", "NO_MINOR_UPGRADES"))));
    }

    @Test
    void gkeExtendedChannel_isRefusedWithTheReason_unknownChannelListsTheValues() {
        assertError(onlyError(validGcp().set(UPGRADES, "{channel: extended}")), UPGRADES + ".channel",
                "postdates the pulumi-gcp provider", "\"extended\"", "rapid, regular, stable, none");
        assertError(onlyError(validAzure().set(UPGRADES, "{channel: regular}")), UPGRADES + ".channel",
                "unknown azure upgrade channel", "\"regular\"", "rapid, stable, patch, node-image, none");
    }

    @Test
    void exclusionsWithoutAWindow_badTimes_andBadScope_areReported() {
        var errors = errors(validGcp().set(UPGRADES, "{maintenanceExclusions: [{name: hold, start: \"2027-02-01T00:00:00Z\", "
                + "end: \"2026-12-01T00:00:00Z\", scope: no-patches}, {name: x, start: tomorrow, end: \"2027-01-01T00:00:00Z\"}]}"));
        assertThat(errors).extracting(ConfigError::path).containsExactlyInAnyOrder(UPGRADES + ".maintenanceStart",
                UPGRADES + ".maintenanceExclusions[0].scope", UPGRADES + ".maintenanceExclusions[0].end", UPGRADES + ".maintenanceExclusions[1].start");
    }

    @Test
    void aksChannel_defaultsToPatch_andIsSet_eksRefusesUpgrades() {
        assertThat(UpgradeRules.aksChannel(loads(validAzure()).clusters().get(0))).isEqualTo("patch");
        assertThat(UpgradeRules.aksChannel(loads(validAzure().set(UPGRADES, "{channel: node-image}")).clusters().get(0))).isEqualTo("node-image");
        assertError(onlyError(validAzure().set(UPGRADES, "{maintenanceStart: \"03:00\"}")), UPGRADES + ".maintenanceStart", "only applies to gcp",
                "\"03:00\"", "remove it");
        assertError(onlyError(valid().set(UPGRADES, "{channel: stable}")), UPGRADES, "does not apply to aws", null, "kubernetesVersion");
    }
}
