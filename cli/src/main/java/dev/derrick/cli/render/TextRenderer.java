package dev.derrick.cli.render;

import dev.derrick.cli.StackPlan;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plan as a tree: one line per resource (type, logical name), its inputs indented below it
 * (nested values flattened to dotted paths). Tags, the same on every resource, are printed once.
 */
public final class TextRenderer {
    private static final int MAX_VALUE = 120;

    private TextRenderer() {
    }

    /** The resource tree, then policy verdicts, then cost. */
    public static String render(StackPlan sp) {
        return render(sp.plan(), sp.raw().origin()) + "\nPolicies — " + PolicyRenderer.text(sp.policies())
                + "\nCost (compute, list prices)\n" + CostRenderer.text(sp.cost());
    }

    public static String render(Plan plan, String origin) {
        var sb = new StringBuilder();
        long components = plan.resources().stream().filter(r -> !r.custom()).count();
        long providers = plan.resources().stream().filter(r -> r.type().startsWith("pulumi:providers:")).count();
        sb.append("Stack ").append(plan.stack()).append(" (project ").append(plan.project()).append(", config ").append(origin)
                .append("): ").append(plan.resources().size()).append(" resources — ")
                .append(plan.customCount() - providers).append(" cloud resources, ").append(providers).append(" providers, ")
                .append(components).append(" components incl. the stack\n");
        sb.append("Offline preview through the Pulumi SDK's mock engine: ").append(PlannedResource.UNKNOWN)
                .append(" = known after apply, ").append(PlannedResource.SECRET).append(" = secret.\n");
        Object tags = commonTags(plan);
        if (tags != null) {
            sb.append("Tags on every taggable resource: ").append(value(tags)).append('\n');
        }
        sb.append('\n');
        var children = new java.util.HashMap<String, List<PlannedResource>>();
        plan.resources().forEach(r -> {
            if (r.parent() != null) {
                children.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r);
            }
        });
        for (PlannedResource root : plan.resources()) {
            if (root.parent() == null) {
                node(sb, children, root, "", "", tags);
            }
        }
        return sb.toString();
    }

    private static void node(StringBuilder sb, Map<String, List<PlannedResource>> index, PlannedResource r, String lead, String childLead, Object tags) {
        sb.append(lead).append(r.type()).append("  ").append(r.name());
        if (r.protect()) {
            sb.append("  [protected]");
        }
        if (r.retainOnDelete()) {
            sb.append("  [retain on delete]");
        }
        sb.append('\n');
        List<PlannedResource> children = index.getOrDefault(r.urn(), List.of());
        String inputLead = childLead + (children.isEmpty() ? "    " : "│   ");
        var flat = new TreeMap<String, Object>();
        for (var e : r.inputs().entrySet()) {
            if ((e.getKey().equals("tags") || e.getKey().equals("tagsAll")) && e.getValue() != null && e.getValue().equals(tags)) {
                continue;
            }
            flatten(e.getKey(), e.getValue(), flat);
        }
        flat.forEach((k, v) -> sb.append(inputLead).append("· ").append(k).append(": ").append(value(v)).append('\n'));
        for (int i = 0; i < children.size(); i++) {
            boolean last = i == children.size() - 1;
            node(sb, index, children.get(i), childLead + (last ? "└─ " : "├─ "), childLead + (last ? "   " : "│  "), tags);
        }
    }

    private static void flatten(String prefix, Object v, Map<String, Object> out) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            m.forEach((k, x) -> flatten(prefix + "." + k, x, out));
        } else if (v instanceof List<?> l && l.stream().anyMatch(x -> x instanceof Map)) {
            for (int i = 0; i < l.size(); i++) {
                flatten(prefix + "[" + i + "]", l.get(i), out);
            }
        } else {
            out.put(prefix, v);
        }
    }

    private static String value(Object v) {
        String s;
        if (v instanceof Map<?, ?> m) {
            var parts = new ArrayList<String>();
            new TreeMap<>(m).forEach((k, x) -> parts.add(k + "=" + value(x)));
            s = "{" + String.join(", ", parts) + "}";
        } else if (v instanceof List<?> l) {
            var parts = new ArrayList<String>();
            l.forEach(x -> parts.add(value(x)));
            s = "[" + String.join(", ", parts) + "]";
        } else {
            // One line per input: multi-line text (rule expressions, dashboards) shows its newlines escaped.
            s = String.valueOf(v).replace("\n", "\\n");
        }
        return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE - 1) + "…" : s;
    }

    /** The tags map most resources carry, printed once instead of on every resource. */
    private static Object commonTags(Plan plan) {
        var counts = new java.util.HashMap<Object, Integer>();
        for (PlannedResource r : plan.resources()) {
            Object t = r.inputs().get("tags");
            if (t instanceof Map<?, ?> m && !m.containsKey("Name")) {
                counts.merge(t, 1, Integer::sum);
            }
        }
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }
}
