package dev.derrick.cli.diff;

import dev.derrick.plan.PlannedResource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The difference between a base snapshot (what is, e.g. the base branch) and a head snapshot
 * (what would be): resources added, removed, changed (with changed inputs), URNs that changed for
 * the same type and name (Pulumi sees delete + create: a replacement), policy statuses that
 * changed, and the cost delta.
 */
public record PlanDiff(Snapshot base, Snapshot head, List<PlannedResource> added, List<PlannedResource> removed,
                       List<Change> changed, List<Moved> moved, Map<String, String[]> policyChanges) {

    /**
     * One changed resource and its changed inputs (dotted path -> [before, after]).
     *
     * @param forcing  the changed inputs that make the provider replace the resource ({@link ReplacementInputs}); empty: an update in place
     * @param rejected the changed inputs the cloud cannot change in place while the provider still sends an update (which fails)
     */
    public record Change(PlannedResource before, PlannedResource after, Map<String, Object[]> inputs, List<String> forcing, List<String> rejected) {
        public Change {
            forcing = List.copyOf(forcing);
            rejected = List.copyOf(rejected);
        }

        /** Whether the provider replaces the resource (delete + create) rather than updating it. */
        public boolean replaces() {
            return !forcing.isEmpty();
        }
    }

    /** Same type and name, different URN (parent or stack changed): a replacement unless an alias covers it. */
    public record Moved(PlannedResource before, PlannedResource after) {
    }

    public static PlanDiff between(Snapshot base, Snapshot head) {
        var added = new ArrayList<PlannedResource>();
        var removed = new ArrayList<PlannedResource>();
        var changed = new ArrayList<Change>();
        var moved = new ArrayList<Moved>();
        // Compare stack-independent identities: the URN with the stack part taken out.
        Map<String, PlannedResource> b = byIdentity(base), h = byIdentity(head);
        for (var e : h.entrySet()) {
            PlannedResource before = b.get(e.getKey());
            if (before == null) {
                added.add(e.getValue());
            } else {
                var inputs = new TreeMap<String, Object[]>();
                diff("", before.inputs(), e.getValue().inputs(), inputs);
                if (before.protect() != e.getValue().protect()) {
                    inputs.put("(protect)", new Object[]{before.protect(), e.getValue().protect()});
                }
                if (!inputs.isEmpty()) {
                    String type = e.getValue().type();
                    changed.add(new Change(before, e.getValue(), inputs, ReplacementInputs.bundled().forcing(type, inputs),
                            ReplacementInputs.bundled().rejected(type, inputs.keySet())));
                }
            }
        }
        for (var e : b.entrySet()) {
            if (!h.containsKey(e.getKey())) {
                removed.add(e.getValue());
            }
        }
        for (PlannedResource a : List.copyOf(added)) {
            for (PlannedResource r : List.copyOf(removed)) {
                if (a.type().equals(r.type()) && a.name().equals(r.name()) && !a.aliases().contains(r.urn())) {
                    moved.add(new Moved(r, a));
                    added.remove(a);
                    removed.remove(r);
                    break;
                }
            }
        }
        var policyChanges = new LinkedHashMap<String, String[]>();
        var ids = new TreeSet<String>(base.policies().keySet());
        ids.addAll(head.policies().keySet());
        for (String id : ids) {
            String was = base.policies().getOrDefault(id, "-"), now = head.policies().getOrDefault(id, "-");
            if (!was.equals(now)) {
                policyChanges.put(id, new String[]{was, now});
            }
        }
        return new PlanDiff(base, head, added, removed, changed, moved, policyChanges);
    }

    /** Changed resources the provider updates in place. */
    public List<Change> updated() {
        return changed.stream().filter(c -> !c.replaces()).toList();
    }

    /** Changed resources an input forces the provider to replace. */
    public List<Change> replacedByInputs() {
        return changed.stream().filter(Change::replaces).toList();
    }

    /** Every replacement: by an input that forces it, or by a changed URN. */
    public int replacements() {
        return replacedByInputs().size() + moved.size();
    }

    public double hourlyMaxDelta() {
        return head.hourlyMax() - base.hourlyMax();
    }

    public double hourlyMinDelta() {
        return head.hourlyMin() - base.hourlyMin();
    }

    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && moved.isEmpty() && policyChanges.isEmpty();
    }

    private static Map<String, PlannedResource> byIdentity(Snapshot s) {
        var out = new LinkedHashMap<String, PlannedResource>();
        s.resources().forEach((urn, r) -> out.put(r.parent() == null ? "(root stack)" : identity(urn), r));
        return out;
    }

    /** {@code urn:pulumi:<stack>::<project>::<types>::<name>} without the stack: stacks compare by structure. */
    public static String identity(String urn) {
        int first = urn.indexOf("::");
        return first < 0 ? urn : urn.substring(first + 2);
    }

    @SuppressWarnings("unchecked")
    private static void diff(String path, Object before, Object after, Map<String, Object[]> out) {
        if (before instanceof Map<?, ?> bm && after instanceof Map<?, ?> am) {
            var keys = new TreeSet<String>();
            bm.keySet().forEach(k -> keys.add(String.valueOf(k)));
            am.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String k : keys) {
                diff(path.isEmpty() ? k : path + "." + k, ((Map<String, Object>) bm).get(k), ((Map<String, Object>) am).get(k), out);
            }
        } else if (before instanceof List<?> bl && after instanceof List<?> al && bl.size() == al.size()) {
            for (int i = 0; i < bl.size(); i++) {
                diff(path + "[" + i + "]", bl.get(i), al.get(i), out);
            }
        } else if (!Objects.equals(normalise(before), normalise(after))) {
            out.put(path, new Object[]{before, after});
        }
    }

    /** JSON round trips turn whole doubles into longs and vice versa; compare numbers by value. */
    private static Object normalise(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) ? (Object) (long) d : (Object) d;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(PlanDiff::normalise).toList();
        }
        return v;
    }
}
