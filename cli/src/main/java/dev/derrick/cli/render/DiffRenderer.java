package dev.derrick.cli.render;

import dev.derrick.cli.diff.PlanDiff;
import dev.derrick.cli.diff.ReplacementInputs;
import dev.derrick.plan.PlannedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A diff as text, JSON, a Markdown PR comment, or a Mermaid diagram. */
public final class DiffRenderer {
    private static final int MAX_VALUE = 80;

    private DiffRenderer() {
    }

    static String delta(double v) {
        return (v >= 0 ? "+" : "-") + "$" + CostRenderer.usd(Math.abs(v));
    }

    public static String summary(PlanDiff d) {
        return String.format(Locale.ROOT, "%s -> %s: %d to add, %d to change, %d to remove, %d to replace (%d by an input that forces it, %d URN changed); cost at max %s/h (%s/month), at min %s/h; GPUs at max %d -> %d",
                d.base().stack(), d.head().stack(), d.added().size(), d.updated().size(), d.removed().size(), d.replacements(),
                d.replacedByInputs().size(), d.moved().size(),
                delta(d.hourlyMaxDelta()), delta(d.hourlyMaxDelta() * 730), delta(d.hourlyMinDelta()), d.base().gpusMax(), d.head().gpusMax());
    }

    static String v(Object o) {
        String s = String.valueOf(o);
        return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE - 1) + "…" : s;
    }

    public static String text(PlanDiff d) {
        var sb = new StringBuilder(summary(d)).append("\n\n");
        for (PlannedResource r : d.added()) {
            sb.append("+ ").append(r.type()).append("  ").append(r.name()).append('\n');
        }
        for (PlannedResource r : d.removed()) {
            sb.append("- ").append(r.type()).append("  ").append(r.name()).append('\n');
        }
        for (PlanDiff.Moved m : d.moved()) {
            sb.append("+- ").append(m.after().type()).append("  ").append(m.after().name()).append("  URN ").append(m.before().urn())
                    .append(" -> ").append(m.after().urn()).append(" (replacement: add an alias if this is a rename)\n");
        }
        for (PlanDiff.Change c : d.changed()) {
            sb.append(c.replaces() ? "-/+ " : "~ ").append(c.after().type()).append("  ").append(c.after().name())
                    .append(c.replaces() ? "  (replacement)" : "").append('\n');
            c.inputs().forEach((k, x) -> sb.append("    ").append(k).append(": ").append(v(x[0])).append(" -> ").append(v(x[1]))
                    .append(c.forcing().contains(k) ? "  (forces replacement)" : "")
                    .append(c.rejected().contains(k) ? "  (cannot change in place: the update will fail)" : "").append('\n'));
            if (!c.rejected().isEmpty()) {
                sb.append("    ! ").append(ReplacementInputs.bundled().rejectedWhy(c.after().type())).append('\n');
            }
        }
        if (!d.policyChanges().isEmpty()) {
            sb.append("\nPolicy verdicts that changed:\n");
            d.policyChanges().forEach((id, x) -> sb.append("  ").append(id).append(": ").append(x[0]).append(" -> ").append(x[1]).append('\n'));
        }
        return sb.toString();
    }

    public static Map<String, Object> json(PlanDiff d) {
        var m = new LinkedHashMap<String, Object>();
        m.put("base", d.base().stack());
        m.put("head", d.head().stack());
        m.put("summary", summary(d));
        m.put("added", d.added().stream().map(r -> Map.of("type", r.type(), "name", r.name(), "urn", r.urn())).toList());
        m.put("removed", d.removed().stream().map(r -> Map.of("type", r.type(), "name", r.name(), "urn", r.urn())).toList());
        m.put("replaced", d.moved().stream().map(x -> Map.of("type", x.after().type(), "name", x.after().name(), "from", x.before().urn(), "to", x.after().urn())).toList());
        List<Map<String, Object>> changed = new ArrayList<>();
        for (PlanDiff.Change c : d.changed()) {
            var inputs = new LinkedHashMap<String, Object>();
            c.inputs().forEach((k, x) -> {
                var pair = new LinkedHashMap<String, Object>();
                pair.put("before", x[0]);
                pair.put("after", x[1]);
                inputs.put(k, pair);
            });
            changed.add(Map.of("type", c.after().type(), "name", c.after().name(), "urn", c.after().urn(), "inputs", inputs,
                    "replacement", c.replaces(), "forcesReplacement", c.forcing(), "rejectedInPlace", c.rejected()));
        }
        m.put("changed", changed);
        var policies = new LinkedHashMap<String, Object>();
        d.policyChanges().forEach((id, x) -> policies.put(id, Map.of("before", x[0], "after", x[1])));
        m.put("policyChanges", policies);
        var cost = new LinkedHashMap<String, Object>();
        cost.put("usdPerHourAtMaxBefore", CostRenderer.round(d.base().hourlyMax()));
        cost.put("usdPerHourAtMaxAfter", CostRenderer.round(d.head().hourlyMax()));
        cost.put("usdPerHourAtMaxDelta", CostRenderer.round(d.hourlyMaxDelta()));
        cost.put("usdPerHourAtMinDelta", CostRenderer.round(d.hourlyMinDelta()));
        cost.put("gpusAtMaxBefore", d.base().gpusMax());
        cost.put("gpusAtMaxAfter", d.head().gpusMax());
        m.put("cost", cost);
        return m;
    }

    public static String markdown(PlanDiff d) {
        var sb = new StringBuilder();
        sb.append("### Derrick diff: `").append(d.base().stack()).append("` → `").append(d.head().stack()).append("`\n\n");
        long failing = d.head().policies().values().stream().filter("FAIL"::equals).count();
        sb.append(String.format(Locale.ROOT, "**%d to add · %d to change · %d to remove · %d to replace** · cost at max scale **%s/h** (%s/month) · %s\n\n",
                d.added().size(), d.updated().size(), d.removed().size(), d.replacements(), delta(d.hourlyMaxDelta()), delta(d.hourlyMaxDelta() * 730),
                failing == 0 ? "✅ no mandatory policy fails" : "❌ " + failing + " mandatory polic" + (failing == 1 ? "y fails" : "ies fail")));
        sb.append("#### Cost\n\n| | before | after | delta |\n|---|---:|---:|---:|\n");
        sb.append("| $/h at max scale | ").append(CostRenderer.usd(d.base().hourlyMax())).append(" | ").append(CostRenderer.usd(d.head().hourlyMax()))
                .append(" | ").append(delta(d.hourlyMaxDelta())).append(" |\n");
        sb.append("| $/h at min scale | ").append(CostRenderer.usd(d.base().hourlyMin())).append(" | ").append(CostRenderer.usd(d.head().hourlyMin()))
                .append(" | ").append(delta(d.hourlyMinDelta())).append(" |\n");
        sb.append("| GPUs at max scale | ").append(d.base().gpusMax()).append(" | ").append(d.head().gpusMax()).append(" | ")
                .append(String.format(Locale.ROOT, "%+d", d.head().gpusMax() - d.base().gpusMax())).append(" |\n\n");
        sb.append("#### Policies that changed\n\n");
        if (d.policyChanges().isEmpty()) {
            sb.append("None.\n\n");
        } else {
            sb.append("| policy | before | after |\n|---|---|---|\n");
            d.policyChanges().forEach((id, x) -> sb.append("| `").append(id).append("` | ").append(x[0]).append(" | ").append(x[1]).append(" |\n"));
            sb.append('\n');
        }
        if (!d.replacedByInputs().isEmpty()) {
            sb.append("#### ⚠️ Replacements (an input forces delete and create)\n\n");
            for (PlanDiff.Change c : d.replacedByInputs()) {
                sb.append("- `").append(c.after().type()).append("` **").append(c.after().name()).append("**: ");
                var parts = new ArrayList<String>();
                c.forcing().forEach(k -> parts.add("`" + k + "` " + v(c.inputs().get(k)[0]) + " → " + v(c.inputs().get(k)[1])));
                sb.append(String.join(", ", parts)).append('\n');
            }
            sb.append('\n');
        }
        var rejected = d.changed().stream().filter(c -> !c.rejected().isEmpty()).toList();
        if (!rejected.isEmpty()) {
            sb.append("#### ❌ Changes the cloud rejects in place (the update will fail)\n\n");
            for (PlanDiff.Change c : rejected) {
                sb.append("- `").append(c.after().type()).append("` **").append(c.after().name()).append("**: ");
                var parts = new ArrayList<String>();
                c.rejected().forEach(k -> parts.add("`" + k + "` " + v(c.inputs().get(k)[0]) + " → " + v(c.inputs().get(k)[1])));
                sb.append(String.join(", ", parts)).append(" — ").append(ReplacementInputs.bundled().rejectedWhy(c.after().type())).append('\n');
            }
            sb.append('\n');
        }
        if (!d.moved().isEmpty()) {
            sb.append("#### ⚠️ Replacements (URN changed)\n\n");
            for (PlanDiff.Moved m : d.moved()) {
                sb.append("- `").append(m.after().type()).append("` **").append(m.after().name()).append("**: `").append(m.before().urn())
                        .append("` → `").append(m.after().urn()).append("` — add an alias if this is a rename\n");
            }
            sb.append('\n');
        }
        sb.append("<details><summary>Resource changes (").append(d.added().size() + d.removed().size() + d.changed().size() + d.moved().size())
                .append(")</summary>\n\n```diff\n");
        d.added().forEach(r -> sb.append("+ ").append(r.type()).append("  ").append(r.name()).append('\n'));
        d.removed().forEach(r -> sb.append("- ").append(r.type()).append("  ").append(r.name()).append('\n'));
        for (PlanDiff.Change c : d.changed()) {
            String mark = c.replaces() ? "-" : "!";
            sb.append(mark).append(' ').append(c.after().type()).append("  ").append(c.after().name()).append(c.replaces() ? "  (replacement)" : "").append('\n');
            c.inputs().forEach((k, x) -> sb.append(mark).append("     ").append(k).append(": ").append(v(x[0])).append(" -> ").append(v(x[1]))
                    .append(c.forcing().contains(k) ? "  (forces replacement)" : "")
                    .append(c.rejected().contains(k) ? "  (cannot change in place)" : "").append('\n'));
        }
        sb.append("```\n\n</details>\n");
        return sb.toString();
    }

    public static String mermaid(PlanDiff d) {
        var marks = new LinkedHashMap<String, String>();
        var all = new ArrayList<PlannedResource>(d.head().resources().values());
        d.added().forEach(r -> marks.put(PlanDiff.identity(componentOf(d, r, true)), "added"));
        for (PlannedResource r : d.removed()) {
            all.add(r);
            marks.put(PlanDiff.identity(componentOf(d, r, false)), "removed");
        }
        d.changed().forEach(c -> marks.putIfAbsent(PlanDiff.identity(componentOf(d, c.after(), true)), "changed"));
        return MermaidRenderer.render(d.base().stack() + " → " + d.head().stack(), all, marks);
    }

    /** The nearest component ancestor (or the resource itself when it is one). */
    private static String componentOf(PlanDiff d, PlannedResource r, boolean head) {
        var resources = head ? d.head().resources() : d.base().resources();
        PlannedResource cur = r;
        while (cur != null && cur.custom() && cur.parent() != null) {
            cur = resources.get(cur.parent());
        }
        return cur == null ? r.urn() : cur.urn();
    }
}
