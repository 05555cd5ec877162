package dev.derrick.cli.render;

import dev.derrick.cli.diff.PlanDiff;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Mermaid flowchart of the platform: clusters with their pools, object stores and registries,
 * drawn from the components in the plan (so every target's components appear the same way).
 * For a diff, components are coloured added, removed or changed.
 */
public final class MermaidRenderer {
    private MermaidRenderer() {
    }

    enum Kind { CLUSTER, POOL, STORE, REGISTRY, OTHER }

    static Kind kind(String type) {
        String t = type.substring(type.lastIndexOf(':') + 1);
        if (t.endsWith("NodePool") || t.endsWith("NodeSet")) {
            return Kind.POOL;
        }
        if (t.endsWith("Cluster")) {
            return Kind.CLUSTER;
        }
        if (t.endsWith("Store")) {
            return Kind.STORE;
        }
        if (t.endsWith("Registry")) {
            return Kind.REGISTRY;
        }
        return Kind.OTHER;
    }

    public static String render(Plan plan) {
        return render(plan.stack(), plan.resources(), Map.of());
    }

    /**
     * @param marks component URN identity (URN without the stack) -> "added" | "removed" | "changed"
     */
    public static String render(String title, List<PlannedResource> resources, Map<String, String> marks) {
        var sb = new StringBuilder("flowchart LR\n");
        sb.append("  subgraph stack[\"stack ").append(title).append("\"]\n");
        var index = new LinkedHashMap<String, List<PlannedResource>>();
        resources.forEach(r -> {
            if (r.parent() != null) {
                index.computeIfAbsent(r.parent(), x -> new ArrayList<>()).add(r);
            }
        });
        var ids = new LinkedHashMap<String, String>();
        var edges = new ArrayList<String>();
        var parents = new LinkedHashMap<String, String>();
        resources.forEach(r -> parents.put(r.urn(), r.parent()));
        for (PlannedResource r : resources) {
            if (r.custom() && KARPENTER_NODEPOOL.equals(r.type())) {
                // A Karpenter pool is a custom resource (NodePool) under the cluster's Karpenter component.
                String id = "n" + ids.size();
                ids.put(r.urn(), id);
                sb.append("    ").append(id).append("(\"").append(karpenterLabel(r)).append("\")").append('\n');
                String mark = marks.get(PlanDiff.identity(r.urn()));
                if (mark != null) {
                    sb.append("    class ").append(id).append(' ').append(mark).append('\n');
                }
                String cluster = parents.get(r.parent());
                if (cluster != null && ids.containsKey(cluster)) {
                    edges.add("    " + ids.get(cluster) + " --> " + id);
                }
                continue;
            }
            if (r.custom() || r.parent() == null) {
                continue;
            }
            Kind k = kind(r.type());
            if (k == Kind.OTHER) {
                continue;
            }
            String id = "n" + ids.size();
            ids.put(r.urn(), id);
            String label = label(r, k, index.getOrDefault(r.urn(), List.of()));
            String shape = switch (k) {
                case STORE -> "[(\"" + label + "\")]";
                case REGISTRY -> "[[\"" + label + "\"]]";
                case CLUSTER -> "[\"" + label + "\"]";
                default -> "(\"" + label + "\")";
            };
            sb.append("    ").append(id).append(shape).append('\n');
            String mark = marks.get(PlanDiff.identity(r.urn()));
            if (mark != null) {
                sb.append("    class ").append(id).append(' ').append(mark).append('\n');
            }
            if (k == Kind.POOL && ids.containsKey(r.parent())) {
                edges.add("    " + ids.get(r.parent()) + " --> " + id);
            }
        }
        edges.forEach(e -> sb.append(e).append('\n'));
        sb.append("  end\n");
        if (!marks.isEmpty()) {
            sb.append("  classDef added fill:#d4f7d4,stroke:#1a7f37\n");
            sb.append("  classDef removed fill:#ffd7d5,stroke:#cf222e,stroke-dasharray: 4 2\n");
            sb.append("  classDef changed fill:#fff1c2,stroke:#9a6700\n");
        }
        return sb.toString();
    }


    private static String label(PlannedResource r, Kind k, List<PlannedResource> children) {
        String kindName = r.type().substring(r.type().lastIndexOf(':') + 1);
        var lines = new ArrayList<String>();
        lines.add(kindName + " " + r.name());
        for (PlannedResource c : children) {
            if (!c.custom()) {
                continue;
            }
            Object type = first(c.inputs(), "instanceTypes.0", "nodeConfig.machineType", "vmSize");
            if (type != null) {
                lines.add(String.valueOf(type));
            }
            Object min = first(c.inputs(), "scalingConfig.minSize", "autoscaling.minNodeCount", "minCount");
            Object max = first(c.inputs(), "scalingConfig.maxSize", "autoscaling.maxNodeCount", "maxCount");
            if (min != null && max != null) {
                lines.add(min + "–" + max + " nodes");
            }
            Object version = c.inputs().get("version");
            if (k == Kind.CLUSTER && version != null) {
                lines.add("k8s " + version);
            }
        }
        return String.join("<br/>", lines).replace("\"", "'");
    }

    static final String KARPENTER_NODEPOOL = "kubernetes:karpenter.sh/v1:NodePool";

    /** {@code Karpenter NodePool <name>}, its instance types and its GPU limit. */
    private static String karpenterLabel(PlannedResource r) {
        var lines = new ArrayList<String>();
        lines.add("Karpenter NodePool " + r.name());
        Object reqs = Plan.get(r.inputs(), "spec.template.spec.requirements");
        if (reqs instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && "node.kubernetes.io/instance-type".equals(m.get("key")) && m.get("values") instanceof List<?> v) {
                    lines.add(v.size() <= 3 ? String.join(", ", v.stream().map(String::valueOf).toList())
                            : v.get(0) + " … " + v.get(v.size() - 1) + " (" + v.size() + " types)");
                }
            }
        }
        if (Plan.get(r.inputs(), "spec.limits") instanceof Map<?, ?> limits && limits.get("nvidia.com/gpu") != null) {
            lines.add("up to " + limits.get("nvidia.com/gpu") + " GPUs");
        }
        return String.join("<br/>", lines).replace("\"", "'");
    }

    private static Object first(Map<String, Object> inputs, String... paths) {
        for (String p : paths) {
            Object v = Plan.get(inputs, p);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
