package dev.derrick.config;

import java.util.List;
import java.util.Map;

/**
 * A stack's validated configuration (namespace {@code derrick:}).
 *
 * @param stack        the Pulumi stack name
 * @param environment  {@code derrick:environment}, required: dev, staging, prod or another DNS label
 * @param region       {@code derrick:region}: default region of clusters, stores and registries
 * @param gcpProject   {@code derrick:gcpProject}: the Google Cloud project of every gcp resource; required when any target is gcp
 * @param tags         {@code derrick:tags}: added to every taggable resource, with {@code environment}
 *                     and {@code managed-by: derrick}
 * @param clusters     {@code derrick:clusters}
 * @param objectStores {@code derrick:objectStores}
 * @param registries   {@code derrick:registries}
 * @param policy       {@code derrick:policy}; default: no budgets, required tag {@code team}, default enforcements
 * @param monitoring   {@code derrick:monitoring}; default {@link MonitoringSpec#defaults()} (enabled)
 * @param charts       {@code derrick:charts}; default: each chart from its upstream repository
 */
public record StackConfig(
        String stack,
        String environment,
        String region,
        String gcpProject,
        Map<String, String> tags,
        List<ClusterSpec> clusters,
        List<ObjectStoreSpec> objectStores,
        List<RegistrySpec> registries,
        PolicySpec policy,
        MonitoringSpec monitoring,
        ChartsSpec charts) {

    public StackConfig {
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        clusters = clusters == null ? List.of() : List.copyOf(clusters);
        objectStores = objectStores == null ? List.of() : List.copyOf(objectStores);
        registries = registries == null ? List.of() : List.copyOf(registries);
        policy = policy == null ? PolicySpec.DEFAULT : policy;
        monitoring = monitoring == null ? MonitoringSpec.defaults() : monitoring;
        charts = charts == null ? ChartsSpec.UPSTREAM : charts;
    }

    /** The targets the stack's clusters, stores and registries use, in declaration order. */
    public java.util.Set<Target> targets() {
        var out = new java.util.LinkedHashSet<Target>();
        clusters.forEach(c -> out.add(c.target()));
        objectStores.forEach(s -> out.add(s.target()));
        registries.forEach(r -> out.add(r.target()));
        out.remove(null);
        return java.util.Collections.unmodifiableSet(out);
    }

    /** Tags for every taggable resource: the stack's tags plus Derrick's own. */
    public Map<String, String> resourceTags() {
        var out = new java.util.TreeMap<String, String>(tags);
        out.putIfAbsent("environment", environment);
        out.putIfAbsent("managed-by", "derrick");
        return java.util.Collections.unmodifiableMap(out);
    }
}
