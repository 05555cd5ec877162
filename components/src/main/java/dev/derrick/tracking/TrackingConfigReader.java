package dev.derrick.tracking;

import dev.derrick.config.internal.NodeReader;

/** Binds a cluster's {@code tracking:} block; the loader calls it, {@link TrackingRules} checks the result. */
public final class TrackingConfigReader {
    private TrackingConfigReader() {
    }

    public static TrackingSpec read(NodeReader r) {
        return new TrackingSpec(r.bool("enabled"), r.string("artifactStore", false, null),
                r.enumValue("database", TrackingSpec.Database.class, false, null), r.string("databaseSecret", false, null),
                r.string("databaseSize", false, null), r.integer("databaseInstances", false, null),
                r.enumValue("exposure", TrackingSpec.Exposure.class, false, null), r.string("ingressHost", false, null),
                r.string("ingressClass", false, null), r.enumValue("auth", TrackingSpec.Auth.class, false, null),
                r.string("image", false, null));
    }
}
