package dev.derrick.cli.render;

import dev.derrick.catalog.Source;
import dev.derrick.cost.CostReport;
import dev.derrick.cost.PoolCost;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A pool whose instance type has no catalog price is shown as unpriced, never as $0, and the totals say they are incomplete. */
class CostRendererTest {
    private static final Source SRC = new Source("aws-ec2", "EC2 on-demand", "https://example.invalid", "2026-11-01", null);
    private static final PoolCost PRICED = new PoolCost("train", "system", "aws", "m6i.xlarge", null, 0, 1, 2, "on-demand", 0.192, 0.192, SRC);
    private static final PoolCost UNPRICED = new PoolCost("train", "cpu", "aws", "m7i.large", null, 0, 1, 3, "on-demand", null, null, null);

    private static CostReport report(PoolCost... pools) {
        return new CostReport(List.of(pools), Map.of(), CostReport.HOURS_PER_MONTH);
    }

    @Test
    void json_whenAPoolIsUnpriced_showsNullAndMarksTotalsIncomplete() {
        var json = CostRenderer.json(report(PRICED, UNPRICED));

        assertThat(json.get("complete")).isEqualTo(false);
        assertThat(json.get("unpricedPools")).isEqualTo(List.of("train/cpu"));
        @SuppressWarnings("unchecked")
        var pool = ((List<Map<String, Object>>) json.get("pools")).get(1);
        assertThat(pool).containsEntry("usdPerNodeHour", null).containsEntry("usdPerHourAtMin", null).containsEntry("usdPerHourAtMax", null);
    }

    @Test
    void json_whenEveryPoolIsPriced_isComplete() {
        var json = CostRenderer.json(report(PRICED));

        assertThat(json.get("complete")).isEqualTo(true);
        assertThat(json.get("unpricedPools")).isEqualTo(List.of());
    }

    @Test
    void text_whenAPoolIsUnpriced_showsUnpricedAndAnIncompleteTotal() {
        String text = CostRenderer.text(report(PRICED, UNPRICED));

        assertThat(text.lines().filter(l -> l.startsWith("train/cpu"))).singleElement().satisfies(l -> assertThat(l).doesNotContain("0.00").contains("unpriced"));
        assertThat(text).contains("total (incomplete)").contains(">=0.38").contains("Incomplete: train/cpu (m7i.large) not in the catalog");
    }

    @Test
    void markdown_whenAPoolIsUnpriced_marksTheTotal() {
        assertThat(CostRenderer.markdown(report(PRICED, UNPRICED))).contains("**total (incomplete)**").contains("≥ 0.38").contains("**Incomplete:** train/cpu");
    }
}
