package dev.derrick.catalog;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Catalog look-ups by (name, accelerator, GPU count), and the same accelerator key on every cloud. */
class CatalogCloudsTest {
    private final Catalog catalog = Catalog.bundled();

    @Test
    void named_whenN1TakesOneOrTwoT4s_listsBothEntriesFewestGpusFirst() {
        assertThat(catalog.cloud("gcp").orElseThrow().named("n1-standard-8"))
                .as("n1-standard-8 entries").extracting(InstanceType::gpus).containsExactly(1, 2);
    }

    @Test
    void pick_whenN1WithTwoT4s_returnsTheTwoGpuEntry() {
        InstanceType t = catalog.pick("gcp", "t4", 2, "n1-standard-8").orElseThrow();

        assertThat(t.gpus()).as("gpus").isEqualTo(2);
        assertThat(t.onDemandUsdPerHour()).as("price of machine + 2 T4").isEqualTo(1.079998);
    }

    @Test
    void pick_whenN1WithoutGpuCount_returnsTheFewestGpus() {
        assertThat(catalog.pick("gcp", "t4", null, "n1-standard-8").orElseThrow().gpus()).as("gpus").isEqualTo(1);
    }

    @Test
    void pick_whenN1AsCpuPool_returnsNoGpuEntry() {
        assertThat(catalog.pick("gcp", null, null, "n1-standard-8")).as("a CPU pool never gets the T4 entry").isEmpty();
    }

    @Test
    void pick_whenN1WithAGpuCountItDoesNotTake_returnsNothing() {
        assertThat(catalog.pick("gcp", "t4", 4, "n1-standard-8")).as("no 4-GPU n1-standard-8").isEmpty();
    }

    @Test
    void pick_whenCatalogCpuType_returnsIt() {
        assertThat(catalog.pick("aws", null, null, "m6i.xlarge").orElseThrow().gpus()).as("CPU type").isZero();
    }

    @Test
    void pick_whenH100x8_picksEachCloudsEightGpuType() {
        assertThat(catalog.pick("aws", "h100-80gb", 8, null).orElseThrow().name()).as("aws").isEqualTo("p5.48xlarge");
        assertThat(catalog.pick("gcp", "h100-80gb", 8, null).orElseThrow().name()).as("gcp (cheaper than a3-megagpu-8g)").isEqualTo("a3-highgpu-8g");
        assertThat(catalog.pick("azure", "h100-80gb", 8, null).orElseThrow().name()).as("azure").isEqualTo("Standard_ND96isr_H100_v5");
    }

    @Test
    void pick_whenL4_picksG6OnAwsG2OnGcpAndNothingOnAzure() {
        assertThat(catalog.pick("aws", "l4", 4, null).orElseThrow().name()).as("aws").startsWith("g6.");
        assertThat(catalog.pick("gcp", "l4", 4, null).orElseThrow().name()).as("gcp").startsWith("g2-standard-");
        assertThat(catalog.pick("azure", "l4", 4, null)).as("azure sells no L4").isEmpty();
    }

    @Test
    void pick_whenGcpGpuTypes_carryTheGuestAcceleratorName() {
        assertThat(catalog.cloud("gcp").orElseThrow().instanceTypes()).as("every GCP GPU type names its accelerator type")
                .allSatisfy(t -> assertThat(t.acceleratorType()).as(t.name()).isNotBlank());
    }
}
