package dev.derrick.serving;

import dev.derrick.config.internal.NodeReader;

/** Binds a cluster's {@code serving:} block; the loader calls it, the rules in {@link ServingRules} check the result. */
public final class ServingConfigReader {
    private ServingConfigReader() {
    }

    public static ServingSpec read(NodeReader r) {
        return new ServingSpec(r.bool("enabled"), r.string("modelStore", false, null), r.strings("namespaces"), r.bool("gpuRuntime"),
                r.strings("pools"));
    }
}
