package dev.derrick.cli.render;

import dev.derrick.cli.StackPlan;
import dev.derrick.plan.PlannedResource;

import java.util.Locale;

/** A plan as a pull-request comment: summary line, cost table, policy table, collapsed resource list. */
public final class MarkdownRenderer {
    private MarkdownRenderer() {
    }

    public static String plan(StackPlan sp) {
        var c = sp.cost();
        var p = sp.policies();
        var sb = new StringBuilder();
        String verdict = p.mandatoryFailed() ? "❌ " + p.failures().size() + " mandatory polic" + (p.failures().size() == 1 ? "y" : "ies") + " failed"
                : "✅ policies pass" + (p.warnings().isEmpty() ? "" : " (" + p.warnings().size() + " advisory)");
        sb.append("### Derrick plan: `").append(sp.plan().stack()).append("`\n\n");
        sb.append("**").append(sp.plan().resources().size()).append(" resources** · ").append(verdict)
                .append(String.format(Locale.ROOT, " · **$%s/h** at max scale ($%s/h at min) · %d–%d GPUs",
                        CostRenderer.usd(c.hourlyAtMax()), CostRenderer.usd(c.hourlyAtMin()), c.gpusAtMin(), c.gpusAtMax()))
                .append(c.complete() ? "" : " · ⚠️ cost incomplete: " + c.unpriced().size() + " pool(s) unpriced").append("\n\n");
        sb.append("#### Cost\n\n").append(CostRenderer.markdown(c)).append('\n');
        sb.append("#### Policies\n\n").append(PolicyRenderer.markdown(p)).append('\n');
        sb.append("<details><summary>Resources (").append(sp.plan().resources().size()).append(")</summary>\n\n");
        sb.append("| type | name | parent |\n|---|---|---|\n");
        for (PlannedResource r : sp.plan().resources()) {
            sb.append("| `").append(r.type()).append("` | ").append(r.name()).append(" | ")
                    .append(r.parent() == null ? "" : r.parent().substring(r.parent().lastIndexOf("::") + 2)).append(" |\n");
        }
        sb.append("\n</details>\n");
        return sb.toString();
    }
}
