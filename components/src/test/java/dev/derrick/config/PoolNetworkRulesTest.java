package dev.derrick.config;

import dev.derrick.network.Placement;
import org.junit.jupiter.api.Test;

import static dev.derrick.config.TestStacks.valid;
import static dev.derrick.config.TestStacks.validAzure;
import static dev.derrick.config.TestStacks.validGcp;
import static org.assertj.core.api.Assertions.assertThat;

/** A pool's network: (dev.derrick.network.PoolNetworkRules), a failing and a passing case each. */
class PoolNetworkRulesTest extends LoaderTestSupport {
    private static final String GPU = "derrick:clusters[0].nodePools[1]";

    private static TestStacks.Stack awsH100(String zones) {
        return valid().set(GPU + ".accelerator", "h100-80gb").set(GPU + ".gpusPerNode", "8").set(GPU + ".network", "{efa: true}")
                .set(GPU + ".zones", zones);
    }

    @Test
    void efaPoolInOneZone_loads_withCompactPlacementByDefault() {
        NodePoolSpec p = loads(awsH100("[us-east-1a]")).clusters().get(0).nodePools().get(1);
        assertThat(p.network().efaEnabled()).isTrue();
        assertThat(dev.derrick.network.PoolNetwork.awsPlacement(p)).isEqualTo(Placement.COMPACT);
    }

    @Test
    void efaPoolOverThreeZones_reportsTheZonesAndTheFix() {
        ConfigError e = onlyError(awsH100("[us-east-1a, us-east-1b, us-east-1c]").set("derrick:clusters[0].zones", "[us-east-1a, us-east-1b, us-east-1c]"));

        assertError(e, GPU + ".network", "EFA and its cluster placement group need exactly one zone; the pool spans 3 [us-east-1a, us-east-1b, us-east-1c]",
                null, "set zones: [us-east-1a] on the pool");
    }

    @Test
    void efaPoolWithoutZones_inheritsTheClustersTwo_andIsRefused() {
        ConfigError e = onlyError(valid().set(GPU + ".accelerator", "h100-80gb").set(GPU + ".gpusPerNode", "8").set(GPU + ".network", "{efa: true}"));

        assertError(e, GPU + ".network", "the pool spans 2", null, "set zones: [us-east-1a]");
    }

    @Test
    void efaOnATypeWithoutEfa_namesTheTypesThatHaveIt() {
        ConfigError e = onlyError(valid().set(GPU + ".network", "{efa: true}").set(GPU + ".zones", "[us-east-1a]"));

        assertError(e, GPU + ".network.efa", "the catalog records no EFA for g6.xlarge", "true", "p5.48xlarge");
    }

    @Test
    void placementNoneWithEfa_needsNoSingleZone_butEfaStillDoes() {
        ConfigError e = onlyError(awsH100("[us-east-1a, us-east-1b]").set(GPU + ".network", "{efa: true, placement: none}"));
        assertError(e, GPU + ".network", "EFA needs exactly one zone", null, "set zones");
        assertThat(loads(valid().set(GPU + ".network", "{placement: none}")).clusters().get(0).nodePools().get(1).network().placement())
                .isEqualTo(Placement.NONE);
    }

    @Test
    void gcpCompactPlacementOverSeveralZones_isAnError_notDropped() {
        ConfigError e = onlyError(validGcp().set(GPU + ".network", "{placement: compact}"));
        assertError(e, GPU + ".network", "compact placement needs exactly one zone; the pool spans 2", null, "set zones: [us-central1-a]");

        assertThat(loads(validGcp().set(GPU + ".network", "{placement: compact}").set(GPU + ".zones", "[us-central1-a]"))
                .clusters().get(0).nodePools().get(1).network().placement()).isEqualTo(Placement.COMPACT);
    }

    @Test
    void efaOffAws_andNetworkOnAzure_areRefused() {
        assertError(onlyError(validGcp().set(GPU + ".network", "{efa: true}").set(GPU + ".zones", "[us-central1-a]")),
                GPU + ".network.efa", "EFA is an aws fabric", "true", "use gpuDirect: true");
        assertError(onlyError(validAzure().set("derrick:clusters[0].nodePools[0].network", "{placement: compact}")),
                "derrick:clusters[0].nodePools[0].network", "does not apply to azure", null, "InfiniBand");
    }

    @Test
    void gpuDirect_onA3Loads_onL4OrAwsIsRefused() {
        var a3 = validGcp().set(GPU + ".accelerator", "h100-80gb").set(GPU + ".gpusPerNode", "8").set(GPU + ".network", "{gpuDirect: true}");
        assertThat(dev.derrick.network.PoolNetwork.gpuDirect(loads(a3).clusters().get(0).nodePools().get(1))).isTrue();
        assertError(onlyError(validGcp().set(GPU + ".network", "{gpuDirect: true}")), GPU + ".network.gpuDirect",
                "the catalog records no GPUDirect networking for g2-standard-4", "true", "a3-highgpu-8g");
        assertError(onlyError(valid().set(GPU + ".network", "{gpuDirect: true}")), GPU + ".network.gpuDirect",
                "GPUDirect-TCPX/TCPXO is a gcp A3 fabric", "true", "efa: true");
        assertError(onlyError(a3.set("derrick:clusters[0].vpcCidr", "192.169.0.0/16")), GPU + ".network.gpuDirect",
                "overlaps the cluster's vpcCidr", "true", "move vpcCidr outside 192.169.0.0/16");
    }
}
