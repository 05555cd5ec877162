package dev.derrick.cli.lookup;

import dev.derrick.catalog.Catalog;
import dev.derrick.cli.UserInputException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ./derrick catalog: the bundled catalog's offers per accelerator and cloud, filtered; unknown names are input errors. */
class CatalogListingTest {
    @Test
    void of_whenFilteredByCloudAndAccelerator_listsThatCloudsMachineTypesWithPriceAndSource() {
        var entries = CatalogListing.of(Catalog.bundled(), "aws", "h100-80gb");

        assertThat(entries).singleElement().satisfies(e -> {
            assertThat(e.offers()).extracting(o -> o.cloud()).containsOnly("aws");
            assertThat(e.offers()).extracting(o -> o.type().name()).contains("p5.48xlarge");
            assertThat(e.accelerator().migProfiles()).isNotEmpty();
        });
        String text = CatalogListing.text(entries);
        assertThat(text).contains("p5.48xlarge").contains(" 8 GPU").contains("$   55.0400/h").contains("MIG: 1g.10gb");
    }

    @Test
    @SuppressWarnings("unchecked")
    void json_whenAcceleratorHasNoMig_hasAnEmptyMigListAndUnknownNetworking() {
        var json = (Map<String, Object>) CatalogListing.json(CatalogListing.of(Catalog.bundled(), "gcp", "l4")).get(0);

        assertThat(json).containsEntry("accelerator", "l4").containsEntry("migProfiles", List.of()).containsEntry("efa", null);
        var offer = (Map<String, Object>) ((List<Object>) json.get("offers")).get(0);
        assertThat(offer).containsEntry("cloud", "gcp").containsKeys("machineType", "gpus", "vcpus", "memoryGiB", "onDemandUsdPerHour", "source");
        assertThat((Map<String, Object>) offer.get("source")).containsKeys("id", "date", "url");
    }

    @Test
    void of_whenCloudOrAcceleratorUnknown_isAnInputErrorWithASuggestion() {
        assertThatThrownBy(() -> CatalogListing.of(Catalog.bundled(), "gpc", null)).isInstanceOf(UserInputException.class)
                .hasMessageContaining("did you mean gcp?");
        assertThatThrownBy(() -> CatalogListing.of(Catalog.bundled(), null, "h100")).isInstanceOf(UserInputException.class)
                .hasMessageContaining("not in the catalog").hasMessageContaining("h100-80gb");
    }
}
