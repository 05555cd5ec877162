package dev.derrick.catalog;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CatalogTest {
    private static final List<String> CLOUDS = List.of("aws", "gcp", "azure");
    private final Catalog catalog = Catalog.bundled();

    private CloudCatalog aws() {
        return catalog.cloud("aws").orElseThrow();
    }

    private static Catalog parse(String yaml) throws IOException {
        return Catalog.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bundled_whenLoaded_hasAcceleratorsAndEveryCloud() {
        assertThat(catalog.acceleratorKeys()).as("accelerator keys").contains("l4", "h100-80gb", "a10g").isSorted();
        for (String cloud : CLOUDS) {
            CloudCatalog c = catalog.cloud(cloud).orElseThrow();
            assertThat(c.instanceTypes()).as("%s GPU instance types", cloud).isNotEmpty();
            assertThat(c.cpuInstanceTypes()).as("%s CPU instance types", cloud).isNotEmpty();
            assertThat(c.regions()).as("%s regions", cloud).contains(c.referenceRegion());
        }
        assertThat(aws().regions()).as("aws regions").contains("us-east-1", "eu-west-1");
    }

    @Test
    void bundled_everyInstanceType_citesSourceWithDateAndUrl() {
        var all = new ArrayList<InstanceType>();
        CLOUDS.forEach(c -> {
            all.addAll(catalog.cloud(c).orElseThrow().instanceTypes());
            all.addAll(catalog.cloud(c).orElseThrow().cpuInstanceTypes());
        });
        assertThat(all).as("instance types").isNotEmpty().allSatisfy(t -> {
            assertThat(t.source()).as("source of %s", t.name()).isNotNull();
            assertThat(t.source().date()).as("source date of %s", t.name()).matches("\\d{4}-\\d{2}-\\d{2}");
            assertThat(t.source().url()).as("source url of %s", t.name()).startsWith("https://");
            assertThat(t.onDemandUsdPerHour()).as("price of %s", t.name()).isPositive();
        });
    }

    @Test
    void bundled_everyGpuType_hasGpusAndKnownAccelerator() {
        CLOUDS.forEach(c -> assertThat(catalog.cloud(c).orElseThrow().instanceTypes()).as("%s GPU types", c).allSatisfy(t -> {
            assertThat(t.isGpu()).as("%s is a GPU type", t.name()).isTrue();
            assertThat(catalog.accelerator(t.accelerator())).as("accelerator of %s", t.name()).isPresent();
        }));
    }

    @Test
    void bundled_whenAskedForRequiredAwsGpuFamilies_hasEach() {
        Map<String, String> families = Map.of(
                "g5", "a10g", "g6", "l4", "g6e", "l40s", "p4d", "a100-40gb", "p4de", "a100-80gb", "p5", "h100-80gb", "p5en", "h200-141gb");
        families.forEach((family, accelerator) -> assertThat(aws().instanceTypes())
                .as("AWS family %s with %s", family, accelerator)
                .anySatisfy(t -> {
                    assertThat(t.name()).startsWith(family + ".");
                    assertThat(t.accelerator()).isEqualTo(accelerator);
                }));
    }

    @Test
    void pick_whenH100With8Gpus_isP5_48xlarge() {
        InstanceType t = catalog.pick("aws", "h100-80gb", 8, null).orElseThrow();

        assertThat(t.name()).as("instance type").isEqualTo("p5.48xlarge");
        assertThat(t.gpus()).as("gpus").isEqualTo(8);
    }

    @Test
    void pick_whenSeveralTypesHaveTheGpuCount_isTheCheapest() {
        List<InstanceType> fourL4 = aws().offering("l4").stream().filter(t -> t.gpus() == 4).toList();
        InstanceType cheapest = fourL4.stream().min(Comparator.comparingDouble(InstanceType::onDemandUsdPerHour)).orElseThrow();

        InstanceType picked = catalog.pick("aws", "l4", 4, null).orElseThrow();

        assertThat(fourL4).as("AWS types with 4 L4 GPUs").extracting(InstanceType::name).contains("g6.12xlarge", "g6.24xlarge");
        assertThat(picked).as("picked").isEqualTo(cheapest);
        assertThat(fourL4).as("every other 4-GPU type costs at least as much")
                .allSatisfy(t -> assertThat(t.onDemandUsdPerHour()).isGreaterThanOrEqualTo(picked.onDemandUsdPerHour()));
        double g6_12 = aws().find("g6.12xlarge", "l4", 4).orElseThrow().onDemandUsdPerHour();
        double g6_24 = aws().find("g6.24xlarge", "l4", 4).orElseThrow().onDemandUsdPerHour();
        if (g6_12 < g6_24) {
            assertThat(picked.name()).as("g6.12xlarge is cheaper in the catalog").isEqualTo("g6.12xlarge");
        }
    }

    @Test
    void pick_whenGpuCountOmitted_isCheapestOfSmallestCount() {
        List<InstanceType> offered = aws().offering("l4");
        int smallest = offered.stream().mapToInt(InstanceType::gpus).min().orElseThrow();
        double cheapest = offered.stream().filter(t -> t.gpus() == smallest).mapToDouble(InstanceType::onDemandUsdPerHour).min().orElseThrow();

        InstanceType picked = catalog.pick("aws", "l4", null, null).orElseThrow();

        assertThat(picked.gpus()).as("gpus").isEqualTo(smallest);
        assertThat(picked.onDemandUsdPerHour()).as("price").isEqualTo(cheapest);
    }

    @Test
    void pick_whenGpuCountNotOffered_isEmpty() {
        assertThat(catalog.pick("aws", "l4", 3, null)).as("l4 x3").isEmpty();
    }

    @Test
    void pick_whenMachineTypeGiven_isThatType() {
        InstanceType t = catalog.pick("aws", "l4", null, "g6.2xlarge").orElseThrow();

        assertThat(t.name()).as("instance type").isEqualTo("g6.2xlarge");
        assertThat(t.accelerator()).as("accelerator").isEqualTo("l4");
    }

    @Test
    void pick_whenCpuMachineTypeGiven_isTheCpuType() {
        InstanceType t = catalog.pick("aws", null, null, "m6i.xlarge").orElseThrow();

        assertThat(t.isGpu()).as("GPU type").isFalse();
        assertThat(t.vcpus()).as("vcpus").isEqualTo(4);
    }

    @Test
    void pick_whenMachineTypeUnknown_isEmpty() {
        assertThat(catalog.pick("aws", null, null, "c7i.large")).as("uncatalogued type").isEmpty();
    }

    @Test
    void pick_whenCloudUnknown_isEmpty() {
        assertThat(catalog.pick("oracle", "h100-80gb", 8, null)).as("unknown cloud").isEmpty();
        assertThat(catalog.cloud("oracle")).as("cloud lookup").isEmpty();
    }

    @Test
    void pick_whenCloudKnown_isPresent() {
        assertThat(catalog.pick("gcp", "h100-80gb", 8, null)).as("gcp h100 x8").isPresent();
    }

    @Test
    void offering_whenAcceleratorNotSoldOnCloud_isEmpty() {
        assertThat(aws().offering("t4")).as("t4 on aws").isEmpty();
        assertThat(aws().offering("a10")).as("a10 on aws").isEmpty();
        assertThat(catalog.cloud("azure").orElseThrow().offering("a10")).as("a10 on azure").isNotEmpty();
    }

    @Test
    void parse_whenTypeNamesUnknownSource_fails() {
        assertThatThrownBy(() -> parse("""
                accelerators: {l4: {vendor: nvidia, model: L4, memoryGiB: 24}}
                clouds:
                  aws:
                    instanceTypes:
                      - {name: g6.xlarge, accelerator: l4, gpus: 1, source: nowhere}
                """)).as("unknown source").isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown source 'nowhere'");
    }

    @Test
    void parse_whenTypeNamesUnknownAccelerator_fails() {
        assertThatThrownBy(() -> parse("""
                sources: {s: {title: t, url: "https://example.com", date: "2026-01-01"}}
                accelerators: {l4: {vendor: nvidia, model: L4, memoryGiB: 24}}
                clouds:
                  aws:
                    instanceTypes:
                      - {name: g6.xlarge, accelerator: l5, gpus: 1, source: s}
                """)).as("unknown accelerator").isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown accelerator 'l5'");
    }

    @Test
    void parse_whenReferencesResolve_loads() throws IOException {
        Catalog c = parse("""
                sources: {s: {title: t, url: "https://example.com", date: "2026-01-01"}}
                accelerators: {l4: {vendor: nvidia, model: L4, memoryGiB: 24}}
                clouds:
                  aws:
                    referenceRegion: us-east-1
                    regions: [us-east-1]
                    instanceTypes:
                      - {name: g6.xlarge, accelerator: l4, gpus: 1, vcpus: 4, memoryGiB: 16, onDemandUsdPerHour: 0.8, source: s}
                """);

        InstanceType t = c.pick("aws", "l4", 1, null).orElseThrow();
        assertThat(t.name()).as("name").isEqualTo("g6.xlarge");
        assertThat(t.source().date()).as("source date").isEqualTo("2026-01-01");
    }
}
