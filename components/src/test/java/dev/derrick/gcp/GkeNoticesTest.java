package dev.derrick.gcp;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.TestStacks;
import dev.derrick.notice.Notice;
import dev.derrick.notice.Notices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where GKE is built other than the stack wrote, Derrick says so (issue 18 item 8). */
class GkeNoticesTest {
    private static final String CLUSTER = "derrick:clusters[0]";
    private static final String POOL1 = CLUSTER + ".nodePools[1]";

    @TempDir
    Path dir;

    private List<Notice> notices(TestStacks.Stack stack) {
        return Notices.of(StackConfigLoader.load(stack.load(dir)), Catalog.bundled());
    }

    @Test
    void of_whenEndpointPublic_isRefusedNotChangedSilently() {
        var stack = TestStacks.validGcp().set(CLUSTER + ".endpointAccess", "public").set(CLUSTER + ".authorizedNetworks", "[203.0.113.0/24]");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> StackConfigLoader.load(stack.load(dir)))
                .isInstanceOfSatisfying(dev.derrick.config.ConfigException.class, e -> assertThat(e.errors())
                        .anySatisfy(err -> {
                            assertThat(err.path()).isEqualTo(CLUSTER + ".endpointAccess");
                            assertThat(err.problem()).contains("gcp has no public-only endpoint");
                        }));
    }

    @Test
    void of_whenEndpointPublicAndPrivate_saysNothing() {
        assertThat(notices(TestStacks.validGcp().set(CLUSTER + ".endpointAccess", "public-and-private")
                .set(CLUSTER + ".authorizedNetworks", "[203.0.113.0/24]"))).isEmpty();
    }

    @Test
    void of_whenReservedA3PoolInOneZone_saysCompactPlacementIsAdded() {
        var notices = notices(TestStacks.validGcp().set(POOL1 + ".accelerator", "h100-80gb").set(POOL1 + ".gpusPerNode", "8")
                .set(POOL1 + ".capacity", "reserved").set(POOL1 + ".zones", "[us-central1-a]"));

        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.path()).isEqualTo(POOL1 + " (train/gpu)");
            assertThat(n.message()).contains("adds compact placement").contains("a3-highgpu-8g").contains("capacity: reserved");
        });
    }

    @Test
    void of_whenA3PoolSpansTwoZones_saysCompactPlacementIsDropped() {
        var notices = notices(TestStacks.validGcp().set(POOL1 + ".accelerator", "h100-80gb").set(POOL1 + ".gpusPerNode", "8"));

        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(n.message()).contains("no compact placement").contains("spans 2 zones");
            assertThat(n.fix()).contains("zones: [us-central1-a]");
        });
    }

    @Test
    void of_whenL4InferencePoolSpansTwoZones_saysNothing() {
        // The valid GCP stack's L4 (g2) pool spans two zones on purpose: no training traffic to keep close.
        assertThat(notices(TestStacks.validGcp())).isEmpty();
    }
}
