package dev.derrick.cost;

import dev.derrick.catalog.Source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stack's compute cost at min and max scale, from catalog list prices.
 *
 * @param pools           one line per node pool
 * @param spotDiscounts   cloud -> assumed spot discount (fraction saved), for every cloud with a spot pool
 * @param hoursPerMonth   hours used for monthly figures
 */
public record CostReport(List<PoolCost> pools, Map<String, Double> spotDiscounts, double hoursPerMonth) {
    /** 730 h = 365 days x 24 h / 12 months, the convention cloud price pages use. */
    public static final double HOURS_PER_MONTH = 730;

    public CostReport {
        pools = List.copyOf(pools);
        spotDiscounts = Map.copyOf(spotDiscounts);
    }

    /** Pools with no catalog price for their instance type: every total leaves them out, so it is a lower bound. */
    public List<PoolCost> unpriced() {
        return pools.stream().filter(p -> !p.priced()).toList();
    }

    /** Whether every pool is priced, so the totals are the whole compute cost. */
    public boolean complete() {
        return pools.stream().allMatch(PoolCost::priced);
    }

    /** Sum of the priced pools at min scale (see {@link #complete()}). */
    public double hourlyAtMin() {
        return pools.stream().mapToDouble(PoolCost::hourlyAtMin).sum();
    }

    public double hourlyAtMax() {
        return pools.stream().mapToDouble(PoolCost::hourlyAtMax).sum();
    }

    /** What max scale would cost if every pool ran on-demand: the spot savings are the difference. */
    public double onDemandHourlyAtMax() {
        return pools.stream().mapToDouble(PoolCost::onDemandHourlyAtMax).sum();
    }

    public int gpusAtMin() {
        return pools.stream().mapToInt(PoolCost::gpusAtMin).sum();
    }

    public int gpusAtMax() {
        return pools.stream().mapToInt(PoolCost::gpusAtMax).sum();
    }

    public double monthly(double hourly) {
        return hourly * hoursPerMonth;
    }

    /** The price sources used, by id, with their dates. */
    public Map<String, Source> sources() {
        var out = new LinkedHashMap<String, Source>();
        pools.forEach(p -> {
            if (p.source() != null) {
                out.putIfAbsent(p.source().id(), p.source());
            }
        });
        return out;
    }
}
