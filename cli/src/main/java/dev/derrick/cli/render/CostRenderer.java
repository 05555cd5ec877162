package dev.derrick.cli.render;

import dev.derrick.cost.CostReport;
import dev.derrick.cost.PoolCost;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The cost estimate as text, JSON-ready maps and a Markdown table. */
public final class CostRenderer {
    private CostRenderer() {
    }

    static String usd(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%,.2f", v);
    }

    public static String assumptions(CostReport c) {
        var sb = new StringBuilder("On-demand list prices (Linux) in each cloud's reference region; ")
                .append(String.format(Locale.ROOT, "%.0f", c.hoursPerMonth())).append(" h per month");
        c.spotDiscounts().forEach((cloud, d) -> sb.append("; ").append(cloud).append(" spot assumed ")
                .append(String.format(Locale.ROOT, "%.0f%%", d * 100)).append(" below on-demand"));
        if (c.pools().stream().anyMatch(p -> "onprem".equals(p.cloud()))) {
            sb.append("; on-prem pools are owned hardware: no cloud price, their GPUs count in the totals");
        }
        sb.append(". Compute only: no storage, egress, control-plane or support fees.");
        return sb.toString();
    }

    public static String sources(CostReport c) {
        var parts = new ArrayList<String>();
        c.sources().values().forEach(s -> parts.add(s.id() + " (" + s.date() + ")"));
        return parts.isEmpty() ? "none" : String.join(", ", parts);
    }

    public static String text(CostReport c) {
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-22s %-16s %-14s %7s %-9s %10s %10s %10s %12s%n",
                "cluster/pool", "instance type", "GPUs", "nodes", "capacity", "$/node-h", "$/h min", "$/h max", "$/month max"));
        for (PoolCost p : c.pools()) {
            sb.append(String.format(Locale.ROOT, "%-22s %-16s %-14s %7s %-9s %10s %10s %10s %12s%n",
                    p.cluster() + "/" + p.pool(), p.instanceType() == null ? "-" : p.instanceType(),
                    p.gpusPerNode() == 0 ? "-" : p.gpusPerNode() + "x" + p.accelerator(), p.min() + ".." + p.max(), p.capacity(),
                    p.priced() ? usd(p.usdPerNodeHour()) : "unpriced", p.priced() ? usd(p.hourlyAtMin()) : "unpriced",
                    p.priced() ? usd(p.hourlyAtMax()) : "unpriced", p.priced() ? usd(c.monthly(p.hourlyAtMax())) : "unpriced"));
        }
        String atLeast = c.complete() ? "" : ">=";
        sb.append(String.format(Locale.ROOT, "%-22s %-16s %-14s %7s %-9s %10s %10s %10s %12s%n", c.complete() ? "total" : "total (incomplete)", "",
                c.gpusAtMin() + ".." + c.gpusAtMax(), "", "", "", atLeast + usd(c.hourlyAtMin()), atLeast + usd(c.hourlyAtMax()),
                atLeast + usd(c.monthly(c.hourlyAtMax()))));
        if (!c.complete()) {
            sb.append("Incomplete: ").append(unpricedNames(c)).append(" not in the catalog (no price), left out of every total; ")
                    .append("see ./derrick catalog or add the type to the catalog with its source\n");
        }
        for (PoolCost p : c.pools()) {
            if (p.cheapest() != null) {
                sb.append(p.cluster()).append('/').append(p.pool()).append(": ").append(cheapest(p)).append('\n');
            }
        }
        sb.append("GPUs at min..max: ").append(c.gpusAtMin()).append("..").append(c.gpusAtMax())
                .append(String.format(Locale.ROOT, "; all on-demand at max would be $%s/h", usd(c.onDemandHourlyAtMax()))).append('\n');
        sb.append(assumptions(c)).append('\n');
        sb.append("Prices from: ").append(sources(c)).append('\n');
        return sb.toString();
    }

    public static Map<String, Object> json(CostReport c) {
        var m = new LinkedHashMap<String, Object>();
        m.put("usdPerHourAtMin", round(c.hourlyAtMin()));
        m.put("usdPerHourAtMax", round(c.hourlyAtMax()));
        m.put("usdPerMonthAtMin", round(c.monthly(c.hourlyAtMin())));
        m.put("usdPerMonthAtMax", round(c.monthly(c.hourlyAtMax())));
        // Totals leave unpriced pools out: complete=false says they are lower bounds, unpricedPools names what is missing.
        m.put("complete", c.complete());
        m.put("unpricedPools", c.unpriced().stream().map(p -> p.cluster() + "/" + p.pool()).toList());
        m.put("gpusAtMin", c.gpusAtMin());
        m.put("gpusAtMax", c.gpusAtMax());
        m.put("assumptions", assumptions(c));
        List<Map<String, Object>> pools = new ArrayList<>();
        for (PoolCost p : c.pools()) {
            var pm = new LinkedHashMap<String, Object>();
            pm.put("cluster", p.cluster());
            pm.put("pool", p.pool());
            pm.put("cloud", p.cloud());
            pm.put("instanceType", p.instanceType());
            pm.put("accelerator", p.accelerator());
            pm.put("gpusPerNode", p.gpusPerNode());
            pm.put("min", p.min());
            pm.put("max", p.max());
            pm.put("capacity", p.capacity());
            pm.put("onDemandUsdPerNodeHour", p.onDemandUsdPerHour());
            pm.put("usdPerNodeHour", p.usdPerNodeHour() == null ? null : round(p.usdPerNodeHour()));
            pm.put("usdPerHourAtMin", p.priced() ? round(p.hourlyAtMin()) : null);
            pm.put("usdPerHourAtMax", p.priced() ? round(p.hourlyAtMax()) : null);
            if (p.cheapest() != null) {
                pm.put("cheapest", Map.of("instanceType", p.cheapest().instanceType(), "gpusPerNode", p.cheapest().gpusPerNode(),
                        "usdPerNodeHour", round(p.cheapest().usdPerNodeHour()), "capacity", p.cheapest().capacity()));
            }
            pm.put("priceSource", p.source() == null ? null : Map.of("id", p.source().id(), "date", String.valueOf(p.source().date()),
                    "url", String.valueOf(p.source().url())));
            pools.add(pm);
        }
        m.put("pools", pools);
        return m;
    }

    /** The line that says what a pool of several node types (or spot before on-demand) may also cost. */
    static String cheapest(PoolCost p) {
        var ch = p.cheapest();
        return String.format(Locale.ROOT, "Karpenter pool: the cheapest node is %s (%dx%s, %s) at $%s/node-h, the dearest %s (%dx%s, %s) at $%s/node-h; totals and budgets use the dearest",
                ch.instanceType(), ch.gpusPerNode(), p.accelerator(), ch.capacity(), usd(ch.usdPerNodeHour()),
                p.instanceType(), p.gpusPerNode(), p.accelerator(), p.capacity().equals("spot>on-demand") ? "on-demand fallback" : p.capacity(), usd(p.usdPerNodeHour()));
    }

    private static String unpricedNames(CostReport c) {
        return String.join(", ", c.unpriced().stream().map(p -> p.cluster() + "/" + p.pool() + " (" + p.instanceType() + ")").toList());
    }

    /** Prices as plan JSON keeps them (4 decimals); a diff rounds fresh figures the same way. */
    public static double round(double v) {
        return Math.round(v * 10000.0) / 10000.0;
    }

    public static String markdown(CostReport c) {
        var sb = new StringBuilder();
        sb.append("| pool | instance type | GPUs/node | nodes | capacity | $/h at min | $/h at max | $/month at max |\n");
        sb.append("|---|---|---:|---:|---|---:|---:|---:|\n");
        for (PoolCost p : c.pools()) {
            sb.append("| ").append(p.cluster()).append('/').append(p.pool()).append(" | ").append(p.instanceType() == null ? "-" : "`" + p.instanceType() + "`")
                    .append(" | ").append(p.gpusPerNode() == 0 ? "-" : p.gpusPerNode() + " × " + p.accelerator())
                    .append(" | ").append(p.min()).append("–").append(p.max()).append(" | ").append(p.capacity())
                    .append(" | ").append(p.priced() ? usd(p.hourlyAtMin()) : "unpriced").append(" | ").append(p.priced() ? usd(p.hourlyAtMax()) : "unpriced")
                    .append(" | ").append(p.priced() ? usd(c.monthly(p.hourlyAtMax())) : "unpriced").append(" |\n");
        }
        for (PoolCost p : c.pools()) {
            if (p.cheapest() != null) {
                sb.append("| ↳ ").append(p.cluster()).append('/').append(p.pool()).append(" | ").append(cheapest(p)).append(" | | | | | | |\n");
            }
        }
        String atLeast = c.complete() ? "" : "≥ ";
        sb.append("| **total").append(c.complete() ? "" : " (incomplete)").append("** | | **").append(c.gpusAtMin()).append("–").append(c.gpusAtMax()).append(" GPUs** | | | **")
                .append(atLeast).append(usd(c.hourlyAtMin())).append("** | **").append(atLeast).append(usd(c.hourlyAtMax())).append("** | **")
                .append(atLeast).append(usd(c.monthly(c.hourlyAtMax()))).append("** |\n\n");
        if (!c.complete()) {
            sb.append("**Incomplete:** ").append(unpricedNames(c)).append(" not in the catalog (no price), left out of the totals.\n\n");
        }
        sb.append("_").append(assumptions(c)).append(" Prices from: ").append(sources(c)).append("._\n");
        return sb.toString();
    }
}
