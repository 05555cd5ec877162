package dev.derrick.network;

import dev.derrick.config.internal.NodeReader;

/** Reads a pool's {@code network:} block. */
public final class PoolNetworkReader {
    private PoolNetworkReader() {
    }

    /** The pool's {@code network:}; null when absent. */
    public static PoolNetwork read(NodeReader pool) {
        NodeReader r = pool.object("network");
        if (r == null) {
            return null;
        }
        var out = new PoolNetwork(r.bool("efa"), r.enumValue("placement", Placement.class, false, null), r.bool("gpuDirect"));
        r.finish();
        return out;
    }
}
