package dev.derrick.config;

import org.junit.jupiter.api.Test;

import static dev.derrick.config.TestStacks.validOnprem;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code sharing:} of a GPU pool against the catalog's MIG table and the time-slicing bounds: a failing and a passing case per rule. */
class SharingRulesTest extends LoaderTestSupport {
    private static final String POOL = "derrick:clusters[0].nodePools[1]";   // h100-80gb x8 (onprem) / l4 x1 (aws)
    private static final String SHARING = POOL + ".sharing";

    @Test
    void load_whenMigProfileOfTheAccelerator_loadsIt() {
        GpuSharing s = loads(validOnprem().set(SHARING, "{mode: mig, profile: 1g.10gb}")).clusters().get(0).nodePools().get(1).sharing();

        assertThat(s).isEqualTo(new GpuSharing(SharingMode.MIG, "1g.10gb", null));
    }

    @Test
    void load_whenMigProfileNotOfTheAccelerator_listsItsProfiles() {
        assertError(onlyError(validOnprem().set(SHARING, "{mode: mig, profile: 1g.5gb}")), SHARING + ".profile", "not a MIG profile of h100-80gb",
                "\"1g.5gb\"", "h100-80gb offers 1g.10gb, 1g.10gb+me, 1g.20gb, 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb");
    }

    @Test
    void load_whenMigWithoutProfile_reportsProfileRequired() {
        assertError(onlyError(validOnprem().set(SHARING, "{mode: mig}")), SHARING + ".profile", "required value is missing", null, "use one of 1g.10gb");
    }

    @Test
    void load_whenMigOnAGpuWithoutMig_suggestsTimeSlicing() {
        var stack = TestStacks.valid().set(SHARING, "{mode: mig, profile: 1g.10gb}");

        assertError(onlyError(stack), SHARING + ".mode", "l4 has no MIG", "\"mig\"", "use mode: time-slicing");
    }

    @Test
    void load_whenMigWithReplicas_reportsReplicasAreForTimeSlicing() {
        assertError(onlyError(validOnprem().set(SHARING, "{mode: mig, profile: 1g.10gb, replicas: 7}")), SHARING + ".replicas",
                "only applies to mode: time-slicing", "7", "remove replicas");
    }

    @Test
    void load_whenMigOnAzure_reportsNotYet() {
        var stack = TestStacks.validAzure().set(POOL + ".accelerator", "a100-80gb").remove(POOL + ".gpusPerNode").set(SHARING, "{mode: mig, profile: 1g.10gb}");

        assertError(errorAt(stack, SHARING + ".mode"), SHARING + ".mode", "mig is not supported on azure yet", "\"mig\"", "time-slicing");
    }

    @Test
    void load_whenTimeSlicingWithReplicas_loadsIt() {
        GpuSharing s = loads(TestStacks.valid().set(SHARING, "{mode: time-slicing, replicas: 4}")).clusters().get(0).nodePools().get(1).sharing();

        assertThat(s).isEqualTo(new GpuSharing(SharingMode.TIME_SLICING, null, 4));
    }

    @Test
    void load_whenTimeSlicingWithoutReplicas_reportsReplicasRequired() {
        assertError(onlyError(TestStacks.valid().set(SHARING, "{mode: time-slicing}")), SHARING + ".replicas", "required value is missing", null,
                "between 2 and 48");
    }

    @Test
    void load_whenReplicasBelowTwo_reportsTheBounds() {
        assertError(onlyError(TestStacks.valid().set(SHARING, "{mode: time-slicing, replicas: 1}")), SHARING + ".replicas",
                "must be between 2 and 48", "1", "two pods");
    }

    @Test
    void load_whenReplicasAbove48_reportsTheBounds() {
        assertError(onlyError(TestStacks.valid().set(SHARING, "{mode: time-slicing, replicas: 49}")), SHARING + ".replicas",
                "must be between 2 and 48", "49", "GKE's own limit");
    }

    @Test
    void load_whenReplicasAt48_loads() {
        assertThat(loads(TestStacks.valid().set(SHARING, "{mode: time-slicing, replicas: 48}")).clusters().get(0).nodePools().get(1).sharing().replicas())
                .isEqualTo(48);
    }

    @Test
    void load_whenTimeSlicingWithProfile_reportsProfileIsForMig() {
        assertError(onlyError(TestStacks.valid().set(SHARING, "{mode: time-slicing, replicas: 2, profile: 1g.10gb}")), SHARING + ".profile",
                "only applies to mode: mig", "\"1g.10gb\"", "remove profile");
    }

    @Test
    void load_whenSharingOnACpuPool_reportsGpuPoolsOnly() {
        var stack = TestStacks.valid().set("derrick:clusters[0].nodePools[0].sharing", "{mode: time-slicing, replicas: 2}");

        assertError(onlyError(stack), "derrick:clusters[0].nodePools[0].sharing", "only applies to GPU pools", null, "remove sharing");
    }

    @Test
    void load_whenModeUnknown_listsTheModes() {
        assertError(onlyError(TestStacks.valid().set(SHARING, "{mode: mps, replicas: 2}")), SHARING + ".mode", "unknown value", "\"mps\"",
                "use one of mig, time-slicing");
    }

    @Test
    void load_whenOneProfileFitsDifferentlyOnTwoPools_reportsTheSecond() {
        var stack = validOnprem().set(SHARING, "{mode: mig, profile: 1g.10gb}")
                .set("derrick:clusters[0].nodePools[2]", "{name: a100, accelerator: a100-40gb, gpusPerNode: 8, nodes: [a100-01], "
                        + "sharing: {mode: mig, profile: 1g.10gb}}");

        assertError(onlyError(stack), "derrick:clusters[0].nodePools[2].sharing.profile", "fits 4 times on a100-40gb but 7 times on pool gpu",
                "\"1g.10gb\"", "separate clusters");
    }

    @Test
    void load_whenOneProfileFitsAlikeOnTwoPools_loads() {
        var stack = validOnprem().set(SHARING, "{mode: mig, profile: 1g.10gb}")
                .set("derrick:clusters[0].nodePools[2]", "{name: a100, accelerator: a100-80gb, gpusPerNode: 8, nodes: [a100-01], "
                        + "sharing: {mode: mig, profile: 1g.10gb}}");

        assertThat(loads(stack).clusters().get(0).gpuPools()).hasSize(2);
    }
}
