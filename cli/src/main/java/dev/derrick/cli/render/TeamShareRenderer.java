package dev.derrick.cli.render;

import dev.derrick.cost.CostReport;
import dev.derrick.kueue.TeamShare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The teams' GPU shares at full quota (clusters with {@code kueue:}), after the cost table. */
public final class TeamShareRenderer {
    private TeamShareRenderer() {
    }

    public static String text(List<TeamShare> shares, CostReport c) {
        if (shares.isEmpty()) {
            return "";
        }
        var sb = new StringBuilder("\nTeam GPU quotas at full use (Kueue nominal quota x the pool's price per GPU):\n");
        sb.append(String.format(Locale.ROOT, "%-26s %-12s %-30s %8s %10s %12s%n", "cluster/team", "pool", "quota", "of pool", "$/h", "$/month"));
        var totals = new LinkedHashMap<String, double[]>();
        for (TeamShare s : shares) {
            sb.append(String.format(Locale.ROOT, "%-26s %-12s %-30s %7.0f%% %10s %12s%n", s.cluster() + "/" + s.team(), s.pool(),
                    s.quota() + " " + s.unit(), s.fractionOfPool() * 100, s.usdPerHour() == null ? "unpriced" : CostRenderer.usd(s.usdPerHour()),
                    s.usdPerHour() == null ? "unpriced" : CostRenderer.usd(c.monthly(s.usdPerHour()))));
            totals.computeIfAbsent(s.cluster() + "/" + s.team(), k -> new double[1])[0] += s.usdPerHour() == null ? 0 : s.usdPerHour();
        }
        totals.forEach((team, usd) -> sb.append(String.format(Locale.ROOT, "%-26s %-12s %-30s %8s %10s %12s%n", team, "total", "", "",
                CostRenderer.usd(usd[0]), CostRenderer.usd(c.monthly(usd[0])))));
        return sb.toString();
    }

    public static List<Map<String, Object>> json(List<TeamShare> shares, CostReport c) {
        var out = new ArrayList<Map<String, Object>>();
        for (TeamShare s : shares) {
            var m = new LinkedHashMap<String, Object>();
            m.put("cluster", s.cluster());
            m.put("team", s.team());
            m.put("pool", s.pool());
            m.put("quota", s.quota());
            m.put("unit", s.unit());
            m.put("fractionOfPool", CostRenderer.round(s.fractionOfPool()));
            m.put("usdPerHour", s.usdPerHour() == null ? null : CostRenderer.round(s.usdPerHour()));
            m.put("usdPerMonth", s.usdPerHour() == null ? null : CostRenderer.round(c.monthly(s.usdPerHour())));
            out.add(m);
        }
        return out;
    }
}
