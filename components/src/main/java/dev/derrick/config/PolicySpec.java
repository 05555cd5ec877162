package dev.derrick.config;

import java.util.List;
import java.util.Map;

/**
 * {@code derrick:policy}: budgets, allowed regions, required tags and per-stack enforcement overrides.
 *
 * @param maxGpus        most GPUs the stack may reach at max scale; null = no GPU budget
 * @param maxHourlyUsd   most USD per hour at max scale (list prices, spot discount applied); null = no dollar budget
 * @param allowedRegions regions resources may be placed in; empty = any
 * @param requiredTags   tag keys every taggable resource must carry; default [team]
 * @param overrides      policy id -> mandatory | advisory | disabled
 */
public record PolicySpec(Integer maxGpus, Double maxHourlyUsd, List<String> allowedRegions, List<String> requiredTags,
                         Map<String, String> overrides) {
    public static final PolicySpec DEFAULT = new PolicySpec(null, null, null, null, null);

    public PolicySpec {
        allowedRegions = allowedRegions == null ? List.of() : List.copyOf(allowedRegions);
        requiredTags = requiredTags == null ? List.of("team") : List.copyOf(requiredTags);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
    }
}
