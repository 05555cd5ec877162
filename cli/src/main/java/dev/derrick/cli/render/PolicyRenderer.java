package dev.derrick.cli.render;

import dev.derrick.policy.PolicyPack;
import dev.derrick.policy.PolicyReport;
import dev.derrick.policy.Verdict;
import dev.derrick.policy.Violation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Policy verdicts as text, JSON-ready maps and a Markdown table. */
public final class PolicyRenderer {
    private PolicyRenderer() {
    }

    public static String summary(PolicyReport r) {
        long pass = r.verdicts().stream().filter(v -> v.status() == Verdict.Status.PASS).count();
        long skipped = r.verdicts().stream().filter(v -> v.status() == Verdict.Status.SKIPPED).count();
        return r.verdicts().size() + " policies: " + pass + " passed, " + r.failures().size() + " failed (mandatory), "
                + r.warnings().size() + " advisory warnings, " + skipped + " disabled";
    }

    public static String text(PolicyReport r) {
        var sb = new StringBuilder(summary(r)).append('\n');
        for (Verdict v : r.verdicts()) {
            if (v.violations().isEmpty()) {
                sb.append("  [").append(v.status()).append("] ").append(v.policy().id()).append(" (").append(v.enforcement().token()).append(")\n");
            }
            for (Violation x : v.violations()) {
                sb.append("  ").append(PolicyPack.line(v, x)).append('\n');
            }
        }
        return sb.toString();
    }

    public static List<Map<String, Object>> json(PolicyReport r) {
        var out = new ArrayList<Map<String, Object>>();
        for (Verdict v : r.verdicts()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("id", v.policy().id());
            m.put("description", v.policy().description());
            m.put("enforcement", v.enforcement().token());
            m.put("status", v.status().name());
            m.put("violations", v.violations());
            out.add(m);
        }
        return out;
    }

    public static String markdown(PolicyReport r) {
        var sb = new StringBuilder("| policy | enforcement | status | finding |\n|---|---|---|---|\n");
        for (Verdict v : r.verdicts()) {
            String icon = switch (v.status()) {
                case PASS -> "✅ pass";
                case FAIL -> "❌ **fail**";
                case WARN -> "⚠️ warn";
                case SKIPPED -> "➖ disabled";
            };
            if (v.violations().isEmpty()) {
                sb.append("| `").append(v.policy().id()).append("` | ").append(v.enforcement().token()).append(" | ").append(icon).append(" | |\n");
            }
            for (Violation x : v.violations()) {
                sb.append("| `").append(v.policy().id()).append("` | ").append(v.enforcement().token()).append(" | ").append(icon).append(" | ")
                        .append(escape(x.resource() + ": " + x.why() + " — fix: " + x.fix())).append(" |\n");
            }
        }
        return sb.toString();
    }

    static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
