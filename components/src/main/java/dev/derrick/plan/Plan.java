package dev.derrick.plan;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Pulumi program registers, captured offline: the stack, every resource in
 * registration order, and the stack outputs' names.
 */
public record Plan(String project, String stack, List<PlannedResource> resources) {
    public Plan {
        resources = List.copyOf(resources);
    }

    public Optional<PlannedResource> byUrn(String urn) {
        return resources.stream().filter(r -> r.urn().equals(urn)).findFirst();
    }

    public List<PlannedResource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    public Optional<PlannedResource> named(String type, String name) {
        return resources.stream().filter(r -> r.type().equals(type) && r.name().equals(name)).findFirst();
    }

    public List<PlannedResource> childrenOf(String urn) {
        return resources.stream().filter(r -> urn.equals(r.parent())).toList();
    }

    /** Count of resources that are real cloud objects (not components, not the stack). */
    public long customCount() {
        return resources.stream().filter(PlannedResource::custom).count();
    }

    public static Object get(Map<String, Object> inputs, String path) {
        Object cur = inputs;
        for (String part : path.split("\\.")) {
            if (cur instanceof Map<?, ?> m) {
                cur = m.get(part);
            } else if (cur instanceof List<?> l && part.matches("\\d+")) {
                int i = Integer.parseInt(part);
                cur = i < l.size() ? l.get(i) : null;
            } else {
                return null;
            }
        }
        return cur;
    }
}
