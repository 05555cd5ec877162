package dev.derrick.preflight.gcp;

import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.config.CapacityType;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.config.RegistrySpec;
import dev.derrick.config.StackConfig;
import dev.derrick.config.Target;
import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CloudChecks;
import dev.derrick.preflight.StackOutputs;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GCP checks for the parts of a stack with {@code target: gcp}, through the Google client
 * libraries ({@link GcpClients}) with Application Default Credentials; without credentials every
 * check is UNKNOWN (no credentials) and nothing is sent.
 * <ul>
 * <li>preflight: each GPU pool's accelerator type offered in each of its zones (pools without
 *     zones are left to GKE's choice); the regional GPU quota of each (region, metric) at max
 *     scale; each {@code capacity: reserved} pool's reservation READY with room for it; explicit
 *     bucket names free or ours; Artifact Registry repositories free or Derrick's.</li>
 * <li>verify: GKE clusters RUNNING at the configured version; node pools RUNNING with the
 *     configured autoscaling range, machine type, accelerators and Spot; buckets exist with
 *     versioning as configured, public access prevention enforced, uniform bucket-level access,
 *     and the configured CMEK key; repositories with immutable tags and cleanup policies as
 *     configured.</li>
 * </ul>
 */
public final class GcpChecks implements CloudChecks {
    private final GcpClients gcp;
    private final Catalog catalog;
    private final int maxAttempts;

    public GcpChecks(GcpClients gcp, Catalog catalog, CheckLimits limits) {
        this.gcp = gcp;
        this.catalog = catalog;
        this.maxAttempts = limits.maxAttempts();
    }

    /** Checks with Application Default Credentials; {@code endpoint} null for Google's own. */
    public static GcpChecks create(URI endpoint, CheckLimits limits) {
        return create(endpoint, GcpClients.applicationDefault(), limits);
    }

    public static GcpChecks create(URI endpoint, GcpClients.CredentialSource credentials, CheckLimits limits) {
        return new GcpChecks(new GcpClients(endpoint, credentials, limits), Catalog.bundled(), limits);
    }

    @Override
    public List<Check> preflight(StackConfig config) {
        var checks = new ArrayList<Check>();
        String project = config.gcpProject();
        if (project == null) {
            return checks; // config validation requires derrick:gcpProject for gcp targets
        }
        Map<String, List<GpuQuotaCheck.Demand>> demands = new LinkedHashMap<>();
        for (ClusterSpec c : config.clusters()) {
            if (c.target() != Target.GCP) {
                continue;
            }
            for (NodePoolSpec p : c.nodePools()) {
                InstanceType type = catalog.pick("gcp", p.accelerator(), p.gpusPerNode(), p.machineType()).orElse(null);
                String pool = c.name() + "/" + p.name();
                List<String> zones = c.zonesOf(p);
                if (p.capacity() == CapacityType.RESERVED && p.reservation() != null) {
                    checks.add(new ReservationCheck(gcp, project, maxAttempts, c.region(), pool, p.reservation(),
                            type != null ? type.name() : p.machineType(), zones, p.max() == null ? 0 : p.max()));
                }
                if (type == null || type.acceleratorType() == null) {
                    continue; // a CPU pool, or one config validation reports
                }
                if (!zones.isEmpty()) {
                    checks.add(new AcceleratorOfferedCheck(gcp, project, maxAttempts, pool, type.acceleratorType(), zones));
                }
                String metric = GpuQuotaCheck.metric(type.acceleratorType(), p.capacity() == CapacityType.SPOT);
                demands.computeIfAbsent(c.region() + "|" + metric, k -> new ArrayList<>())
                        .add(new GpuQuotaCheck.Demand(pool, p.max() == null ? 0 : p.max(), type.gpus()));
            }
        }
        demands.forEach((key, d) -> {
            int bar = key.indexOf('|');
            checks.add(new GpuQuotaCheck(gcp, project, maxAttempts, key.substring(0, bar), key.substring(bar + 1), d));
        });
        for (ObjectStoreSpec s : config.objectStores()) {
            // Auto-named buckets (<name>-<random suffix>) cannot collide: nothing to check.
            if (s.target() == Target.GCP && s.bucketName() != null) {
                checks.add(new GcsBucketNameCheck(gcp, project, maxAttempts, s.name(), s.bucketName()));
            }
        }
        for (RegistrySpec r : config.registries()) {
            if (r.target() == Target.GCP) {
                checks.add(ArtifactRegistryCheck.preflight(gcp, project, maxAttempts, r, config.environment()));
            }
        }
        return checks;
    }

    @Override
    public List<Check> verify(StackConfig config, StackOutputs outputs) {
        var checks = new ArrayList<Check>();
        String project = config.gcpProject();
        if (project == null) {
            return checks;
        }
        for (ClusterSpec c : config.clusters()) {
            if (c.target() != Target.GCP) {
                continue;
            }
            String output = c.name() + ".clusterName";
            String name = outputs.text(output).orElse(null);
            checks.add(new GkeClusterCheck(gcp, project, maxAttempts, c, output, name));
            for (NodePoolSpec p : c.nodePools()) {
                InstanceType type = catalog.pick("gcp", p.accelerator(), p.gpusPerNode(), p.machineType()).orElse(null);
                checks.add(new GkeNodePoolCheck(gcp, project, maxAttempts, c.region(), c.name() + "/" + p.name(), p,
                        type != null ? type.name() : p.machineType(), type != null ? type.acceleratorType() : null, type != null ? type.gpus() : 0,
                        output, name));
            }
        }
        for (ObjectStoreSpec s : config.objectStores()) {
            if (s.target() == Target.GCP) {
                String output = s.name() + ".bucketName";
                checks.add(new GcsBucketCheck(gcp, project, maxAttempts, s, output, outputs.text(output).orElse(null)));
            }
        }
        for (RegistrySpec r : config.registries()) {
            if (r.target() == Target.GCP) {
                String output = r.name() + ".repositoryUrl";
                checks.add(ArtifactRegistryCheck.verify(gcp, project, maxAttempts, r, output, outputs.text(output).orElse(null)));
            }
        }
        return checks;
    }

    @Override
    public void close() {
        gcp.close();
    }
}
