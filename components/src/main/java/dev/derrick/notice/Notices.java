package dev.derrick.notice;

import dev.derrick.catalog.Catalog;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.StackConfig;
import dev.derrick.config.Target;
import dev.derrick.gcp.GkeNotices;

import java.util.ArrayList;
import java.util.List;

/** Every {@link Notice} of a valid stack, in config order. Each cloud's component package says what it changes. */
public final class Notices {
    private Notices() {
    }

    public static List<Notice> of(StackConfig config, Catalog catalog) {
        var out = new ArrayList<Notice>();
        for (int i = 0; i < config.clusters().size(); i++) {
            ClusterSpec c = config.clusters().get(i);
            if (c.target() == Target.GCP) {
                out.addAll(GkeNotices.of(c, "derrick:clusters[" + i + "]", catalog));
            }
        }
        return List.copyOf(out);
    }
}
