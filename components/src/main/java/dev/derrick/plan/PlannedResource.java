package dev.derrick.plan;

import java.util.List;
import java.util.Map;

/**
 * One resource registration as the engine received it.
 *
 * @param urn          the resource's URN
 * @param type         type token, e.g. {@code aws:eks/nodeGroup:NodeGroup}
 * @param name         logical name
 * @param parent       parent URN; null for the stack itself
 * @param custom       true for a cloud resource, false for a component
 * @param provider     provider reference ({@code urn::id}) or null for the default provider
 * @param inputs       inputs, sorted by key; unknown values are {@link #UNKNOWN}, secret values {@link #SECRET}
 * @param protect      Pulumi {@code protect}
 * @param retainOnDelete Pulumi {@code retainOnDelete}
 * @param dependencies URNs this resource explicitly depends on
 * @param aliases      old URNs or names this resource answers to
 */
public record PlannedResource(
        String urn,
        String type,
        String name,
        String parent,
        boolean custom,
        String provider,
        Map<String, Object> inputs,
        boolean protect,
        boolean retainOnDelete,
        List<String> dependencies,
        List<String> aliases) {

    /** How a value that is only known after apply is shown. */
    public static final String UNKNOWN = "[unknown]";
    /** How a secret value is shown: always, everywhere. */
    public static final String SECRET = "[secret]";
}
