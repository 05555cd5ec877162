package dev.derrick.karpenter;

import dev.derrick.catalog.CloudCatalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.config.NodePoolSpec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The instance types a Karpenter GPU pool may launch, from the catalog: its explicit {@code instanceTypes}, or the
 * sizes of its {@code families} that carry the pool's accelerator, or (neither) the one type Derrick picks for every
 * cloud (the pool's {@code machineType}, else the cheapest type with {@code gpusPerNode} GPUs). Everything a
 * NodePool's requirements allow is in this list, so cost, limits and the pod-matching test all see the same types.
 */
public final class InstanceChoice {
    /** One problem with the choice, at a field of the pool's {@code karpenter:} block (or of the pool). */
    public interface Problems {
        void add(String field, String problem, String value, String hint);
    }

    private InstanceChoice() {
    }

    /** The allowed types, cheapest first; empty when the choice is wrong (each reason reported once). */
    public static List<InstanceType> resolve(NodePoolSpec p, CloudCatalog aws, Problems problems) {
        KarpenterSpec k = p.karpenter() != null ? p.karpenter() : KarpenterSpec.DEFAULTS;
        String acc = p.accelerator();
        List<InstanceType> offering = acc == null ? List.of() : aws.offering(acc);
        var out = new ArrayList<InstanceType>();
        if (!k.instanceTypes().isEmpty() && !k.families().isEmpty()) {
            problems.add("karpenter.families", "instanceTypes and families both set", null, "list the types, or the families and sizes, not both");
            return List.of();
        }
        if (p.machineType() != null && (!k.instanceTypes().isEmpty() || !k.families().isEmpty())) {
            problems.add("machineType", "machineType and karpenter instance choice both set", "\"" + p.machineType() + "\"",
                    "remove machineType, or add it to karpenter.instanceTypes");
            return List.of();
        }
        if (!k.sizes().isEmpty() && k.families().isEmpty()) {
            problems.add("karpenter.sizes", "sizes need families", null, "add families: [g6] (for example), or list instanceTypes");
            return List.of();
        }
        if (!k.instanceTypes().isEmpty()) {
            for (int i = 0; i < k.instanceTypes().size(); i++) {
                String name = k.instanceTypes().get(i);
                var hit = aws.find(name, acc, p.gpusPerNode());
                if (hit.isPresent()) {
                    out.add(hit.get());
                } else if (aws.named(name).isEmpty()) {
                    problems.add("karpenter.instanceTypes[" + i + "]", "not in the aws catalog", "\"" + name + "\"", "use one of " + names(offering));
                } else {
                    problems.add("karpenter.instanceTypes[" + i + "]", "has no " + acc + (p.gpusPerNode() != null ? " x" + p.gpusPerNode() : ""),
                            "\"" + name + "\"", "types with " + acc + ": " + names(filter(offering, p.gpusPerNode())));
                }
            }
        } else if (!k.families().isEmpty()) {
            boolean[] reported = {false};
            Problems outer = problems;
            problems = (f, pr, v, h) -> {
                reported[0] = true;
                outer.add(f, pr, v, h);
            };
            for (int i = 0; i < k.families().size(); i++) {
                String family = k.families().get(i);
                List<InstanceType> members = family(offering, family);
                if (members.isEmpty()) {
                    problems.add("karpenter.families[" + i + "]", "has no " + acc + " in the aws catalog", "\"" + family + "\"",
                            "families with " + acc + ": " + String.join(", ", families(offering)));
                    continue;
                }
                out.addAll(members);
            }
            if (!k.sizes().isEmpty() && !out.isEmpty()) {
                out = new ArrayList<>(sized(out, k, problems));
            }
            if (p.gpusPerNode() != null) {
                out = new ArrayList<>(filter(out, p.gpusPerNode()));
            }
            if (out.isEmpty() && !reported[0]) {
                problems.add("karpenter", "no instance type is left", null, "the families and sizes allow no type with "
                        + acc + (p.gpusPerNode() != null ? " x" + p.gpusPerNode() : "") + "; catalog types: " + names(offering));
            }
        } else if (acc != null) {
            List<InstanceType> pick = p.machineType() != null
                    ? aws.find(p.machineType(), acc, p.gpusPerNode()).stream().toList()
                    : filter(offering, p.gpusPerNode()).stream().min(Comparator.comparingInt(InstanceType::gpus)
                            .thenComparingDouble(InstanceType::onDemandUsdPerHour)).stream().toList();
            out.addAll(pick); // a wrong machineType or count is the pool check's problem, reported there
        }
        return out.stream().distinct().sorted(Comparator.comparingDouble(InstanceType::onDemandUsdPerHour)).toList();
    }

    /** The types of {@code types} in the sizes {@code k.sizes()} allow; sizes name catalog sizes of the families. */
    private static List<InstanceType> sized(List<InstanceType> types, KarpenterSpec k, Problems problems) {
        var keep = new LinkedHashSet<InstanceType>();
        for (int i = 0; i < k.sizes().size(); i++) {
            String s = k.sizes().get(i);
            String[] ends = s.split("\\.\\.", -1);
            if (ends.length > 2 || ends[0].isEmpty() || (ends.length == 2 && ends[1].isEmpty())) {
                problems.add("karpenter.sizes[" + i + "]", "not a size or a range", "\"" + s + "\"", "write 12xlarge or 2xlarge..48xlarge");
                continue;
            }
            boolean found = false;
            for (String family : families(types)) {
                List<InstanceType> members = family(types, family); // smallest first
                int from = indexOfSize(members, ends[0]);
                int to = ends.length == 2 ? indexOfSize(members, ends[1]) : from;
                if (from >= 0 && to >= 0) {
                    found = true;
                    keep.addAll(members.subList(Math.min(from, to), Math.max(from, to) + 1));
                }
            }
            if (!found) {
                var known = new TreeSet<String>(Comparator.naturalOrder());
                types.forEach(t -> known.add(size(t)));
                problems.add("karpenter.sizes[" + i + "]", "no family in families has " + (ends.length == 2 ? "both ends of this range" : "this size"),
                        "\"" + s + "\"", "sizes with the pool's accelerator: " + String.join(", ", known));
            }
        }
        return List.copyOf(keep);
    }

    private static int indexOfSize(List<InstanceType> members, String size) {
        for (int i = 0; i < members.size(); i++) {
            if (size(members.get(i)).equals(size)) {
                return i;
            }
        }
        return -1;
    }

    /** The family of an EC2 type: {@code g6} of {@code g6.12xlarge}. */
    public static String family(InstanceType t) {
        int dot = t.name().indexOf('.');
        return dot < 0 ? t.name() : t.name().substring(0, dot);
    }

    /** The size of an EC2 type: {@code 12xlarge} of {@code g6.12xlarge}. */
    public static String size(InstanceType t) {
        int dot = t.name().indexOf('.');
        return dot < 0 ? "" : t.name().substring(dot + 1);
    }

    /** The members of {@code family} among {@code types}, smallest (vCPUs) first. */
    private static List<InstanceType> family(List<InstanceType> types, String family) {
        return types.stream().filter(t -> family(t).equals(family))
                .sorted(Comparator.comparingInt(InstanceType::vcpus).thenComparingInt(InstanceType::gpus)).toList();
    }

    private static Set<String> families(List<InstanceType> types) {
        var out = new LinkedHashSet<String>();
        types.forEach(t -> out.add(family(t)));
        return out;
    }

    private static List<InstanceType> filter(List<InstanceType> types, Integer gpus) {
        return gpus == null ? types : types.stream().filter(t -> t.gpus() == gpus).toList();
    }

    private static String names(List<InstanceType> types) {
        return types.isEmpty() ? "(none)" : String.join(", ", types.stream().map(InstanceType::name).toList());
    }
}
