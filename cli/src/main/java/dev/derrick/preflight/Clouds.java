package dev.derrick.preflight;

import dev.derrick.config.StackConfig;
import dev.derrick.config.Target;
import dev.derrick.preflight.aws.AwsChecks;
import dev.derrick.preflight.azure.AzureChecks;
import dev.derrick.preflight.gcp.GcpChecks;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Assembles the checks for a stack: every target the stack uses, through its cloud's
 * {@link CloudChecks}; a target without checks yields one {@link UnsupportedTargetCheck}.
 * A new cloud adds one case to {@link #open}.
 */
public final class Clouds implements AutoCloseable {
    private final Endpoints endpoints;
    private final CheckLimits limits;
    private final List<CloudChecks> opened = new ArrayList<>();

    public Clouds(Endpoints endpoints, CheckLimits limits) {
        this.endpoints = endpoints;
        this.limits = limits;
    }

    public List<Check> preflight(StackConfig config) {
        var out = new ArrayList<Check>();
        for (Target t : targets(config)) {
            CloudChecks cloud = open(t);
            if (cloud == null) {
                out.add(new UnsupportedTargetCheck(t));
            } else {
                out.addAll(cloud.preflight(config));
            }
        }
        out.addAll(dev.derrick.preflight.reach.ApiReachability.checks(config, System.getenv()));
        return out;
    }

    public List<Check> verify(StackConfig config, StackOutputs outputs) {
        var out = new ArrayList<Check>();
        for (Target t : targets(config)) {
            CloudChecks cloud = open(t);
            if (cloud == null) {
                out.add(new UnsupportedTargetCheck(t));
            } else {
                out.addAll(cloud.verify(config, outputs));
            }
        }
        return out;
    }

    /** Targets used by the stack's clusters, stores and registries, in enum order. */
    public static Set<Target> targets(StackConfig config) {
        var out = EnumSet.noneOf(Target.class);
        config.clusters().forEach(c -> addTarget(out, c.target()));
        config.objectStores().forEach(s -> addTarget(out, s.target()));
        config.registries().forEach(r -> addTarget(out, r.target()));
        return out;
    }

    private static void addTarget(Set<Target> out, Target t) {
        if (t != null) {
            out.add(t);
        }
    }

    private CloudChecks open(Target target) {
        CloudChecks cloud = switch (target) {
            case AWS -> AwsChecks.create(endpoints.of(Target.AWS).orElse(null), limits);
            case GCP -> GcpChecks.create(endpoints.of(Target.GCP).orElse(null), limits);
            case AZURE -> AzureChecks.create(endpoints.of(Target.AZURE).orElse(null), limits);
            default -> null;
        };
        if (cloud != null) {
            opened.add(cloud);
        }
        return cloud;
    }

    @Override
    public void close() {
        opened.forEach(CloudChecks::close);
    }
}
