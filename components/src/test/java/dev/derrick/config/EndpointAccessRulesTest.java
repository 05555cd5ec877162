package dev.derrick.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.derrick.config.TestStacks.valid;
import static dev.derrick.config.TestStacks.validAzure;
import static dev.derrick.config.TestStacks.validGcp;
import static dev.derrick.config.TestStacks.validOnprem;
import static org.assertj.core.api.Assertions.assertThat;

/** endpointAccess and authorizedNetworks (dev.derrick.network.EndpointRules), a failing and a passing case each. */
class EndpointAccessRulesTest extends LoaderTestSupport {
    private static final String CLUSTER = "derrick:clusters[0]";

    @Test
    void publicEndpointWithoutAuthorizedNetworks_reportsTheOpenEndpoint() {
        ConfigError e = onlyError(valid().remove(CLUSTER + ".authorizedNetworks"));

        assertError(e, CLUSTER + ".authorizedNetworks", "a public aws API endpoint needs authorizedNetworks", null, "0.0.0.0/0 opens it deliberately");
    }

    @Test
    void authorizedNetworksAlone_makeAReachableRestrictedEndpoint_perCloud() {
        ClusterSpec aws = loads(valid().remove(CLUSTER + ".endpointAccess")).clusters().get(0);
        assertThat(aws.endpointAccess()).as("aws").isEqualTo(EndpointAccess.PUBLIC_AND_PRIVATE);
        assertThat(aws.authorizedNetworks()).containsExactly("198.51.100.0/24");
        assertThat(loads(validGcp().set(CLUSTER + ".authorizedNetworks", "[203.0.113.0/24]")).clusters().get(0).endpointAccess())
                .as("gcp").isEqualTo(EndpointAccess.PUBLIC_AND_PRIVATE);
        assertThat(loads(validAzure().set(CLUSTER + ".authorizedNetworks", "[203.0.113.0/24]")).clusters().get(0).endpointAccess())
                .as("azure has no public-and-private").isEqualTo(EndpointAccess.PUBLIC);
        assertThat(loads(validGcp()).clusters().get(0).endpointAccess()).as("no networks: private").isEqualTo(EndpointAccess.PRIVATE);
    }

    @Test
    void authorizedNetworkThatIsNoCidr_isReportedWithItsIndex() {
        ConfigError e = onlyError(valid().set(CLUSTER + ".authorizedNetworks", "[198.51.100.0/24, 203.0.113.7]"));

        assertError(e, CLUSTER + ".authorizedNetworks[1]", "not a valid IPv4 CIDR block", "\"203.0.113.7\"", "203.0.113.7/32");
    }

    @Test
    void authorizedNetworksOnAPrivateEndpoint_areRefused() {
        ConfigError e = onlyError(valid().set(CLUSTER + ".endpointAccess", "private"));

        assertError(e, CLUSTER + ".authorizedNetworks", "only applies to a public endpoint", "[198.51.100.0/24]", "endpointAccess: public-and-private");
    }

    @Test
    void gcpPublicOnly_andAzurePublicAndPrivate_areRefused() {
        ConfigError gcp = onlyError(validGcp().set(CLUSTER + ".endpointAccess", "public").set(CLUSTER + ".authorizedNetworks", "[203.0.113.0/24]"));
        assertError(gcp, CLUSTER + ".endpointAccess", "gcp has no public-only endpoint", "\"public\"", "public-and-private");

        ConfigError azure = onlyError(validAzure().set(CLUSTER + ".endpointAccess", "public-and-private")
                .set(CLUSTER + ".authorizedNetworks", "[203.0.113.0/24]"));
        assertError(azure, CLUSTER + ".endpointAccess", "azure has a public or a private API server, not both", "\"public-and-private\"", "use public");
        assertThat(loads(validAzure().set(CLUSTER + ".endpointAccess", "public").set(CLUSTER + ".authorizedNetworks", "[203.0.113.0/24]"))
                .clusters().get(0).authorizedNetworks()).isEqualTo(List.of("203.0.113.0/24"));
    }

    @Test
    void authorizedNetworksOnOnprem_areRefused() {
        ConfigError e = onlyError(validOnprem().set(CLUSTER + ".authorizedNetworks", "[203.0.113.0/24]"));

        assertError(e, CLUSTER + ".authorizedNetworks", "does not apply to onprem", "[203.0.113.0/24]", "remove authorizedNetworks");
    }
}
