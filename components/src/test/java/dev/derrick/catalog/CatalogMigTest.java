package dev.derrick.catalog;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalog's MIG tables against real hardware: the H100 80GB profiles (names, instances per GPU,
 * usable memory) must be what {@code nvidia-smi mig -lgip} printed on an H100 80GB HBM3 (driver
 * 580.159.04, fixtures/nvidia-h100-80gb-hbm3/mig-lgip.txt).
 */
class CatalogMigTest {
    /** One profile row of the lgip table: {@code |   0  MIG 1g.10gb         19     7/7        9.75       No     16     1     0   |}. */
    private static final Pattern ROW = Pattern.compile(
            "\\|\\s+(\\d+)\\s+MIG\\s+(\\S+)\\s+(\\d+)\\s+(\\d+)/(\\d+)\\s+([\\d.]+)\\s+(Yes|No)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+\\|");

    /** A GPU instance profile as nvidia-smi lists it. */
    record LgipProfile(int gpu, String name, int profileId, int free, int total, double memoryGiB) {
    }

    static List<LgipProfile> parseLgip(String text) {
        var out = new ArrayList<LgipProfile>();
        for (String line : text.split("\n")) {
            Matcher m = ROW.matcher(line);
            if (m.matches()) {
                out.add(new LgipProfile(Integer.parseInt(m.group(1)), m.group(2), Integer.parseInt(m.group(3)),
                        Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Double.parseDouble(m.group(6))));
            }
        }
        return out;
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = CatalogMigTest.class.getResourceAsStream("/fixtures/nvidia-h100-80gb-hbm3/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void parseLgip_whenH100Fixture_readsSevenProfilesOfGpu0() throws IOException {
        List<LgipProfile> rows = parseLgip(fixture("mig-lgip.txt"));

        assertThat(rows).extracting(LgipProfile::name)
                .containsExactly("1g.10gb", "1g.10gb+me", "1g.20gb", "2g.20gb", "3g.40gb", "4g.40gb", "7g.80gb");
        assertThat(rows).allSatisfy(r -> assertThat(r.gpu()).isZero());
        assertThat(rows.get(0)).isEqualTo(new LgipProfile(0, "1g.10gb", 19, 7, 7, 9.75));
        assertThat(fixture("list.txt")).as("the fixture is an H100 80GB HBM3").contains("NVIDIA H100 80GB HBM3");
    }

    @Test
    void h100MigProfiles_whenComparedWithNvidiaSmi_matchNamesInstancesAndMemory() throws IOException {
        Accelerator h100 = Catalog.bundled().accelerator("h100-80gb").orElseThrow();
        List<LgipProfile> measured = parseLgip(fixture("mig-lgip.txt"));

        assertThat(h100.migProfiles()).extracting(MigProfile::name)
                .containsExactlyElementsOf(measured.stream().map(LgipProfile::name).toList());
        for (LgipProfile m : measured) {
            MigProfile p = h100.migProfile(m.name()).orElseThrow();
            assertThat(p.instances()).as("instances of %s per GPU (Free/Total on an idle GPU)", m.name()).isEqualTo(m.total());
            assertThat(p.memoryGiB()).as("usable GiB of %s", m.name()).isEqualTo(m.memoryGiB());
        }
        assertThat(h100.migSource().id()).isEqualTo("nvidia-mig-parted-default");
    }

    @Test
    void migTables_whenBundled_coverA100H100AndH200AndNothingWithoutMig() {
        Catalog catalog = Catalog.bundled();
        var withMig = catalog.acceleratorKeys().stream().filter(k -> catalog.accelerator(k).orElseThrow().supportsMig()).toList();

        assertThat(withMig).containsExactlyInAnyOrder("a100-40gb", "a100-80gb", "h100-80gb", "h100-nvl-94gb", "h200-141gb");
        assertThat(catalog.accelerator("h200-141gb").orElseThrow().migProfile("1g.18gb")).get()
                .extracting(MigProfile::instances).isEqualTo(7);
        assertThat(catalog.accelerator("a100-40gb").orElseThrow().migProfile("1g.10gb")).get()
                .extracting(MigProfile::instances).as("A100 40GB fits four 1g.10gb").isEqualTo(4);
    }

    @Test
    void migTables_whenBundled_fitOneGpu() {
        // Seven compute slices per GPU: instances x slices never exceeds 7, and the smallest profile fills all seven.
        Catalog catalog = Catalog.bundled();
        for (String key : catalog.acceleratorKeys()) {
            Accelerator a = catalog.accelerator(key).orElseThrow();
            for (MigProfile p : a.migProfiles()) {
                assertThat(p.instances() * p.computeSlices()).as("%s %s", key, p.name()).isLessThanOrEqualTo(7);
                assertThat(p.instances()).as("%s %s", key, p.name()).isPositive();
            }
            if (a.supportsMig()) {
                assertThat(a.migProfiles().get(0).instances()).as("%s smallest profile", key).isEqualTo(7);
                assertThat(a.migProfiles().get(a.migProfiles().size() - 1).name()).as("%s whole GPU", key).startsWith("7g.");
            }
        }
    }
}
