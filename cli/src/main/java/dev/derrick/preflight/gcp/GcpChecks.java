package dev.derrick.preflight.gcp;

import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.config.CapacityType;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.StackConfig;
import dev.derrick.config.Target;
import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CloudChecks;
import dev.derrick.preflight.StackOutputs;
import dev.derrick.preflight.UnsupportedTargetCheck;
import dev.derrick.preflight.rest.RestClient;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The GCP checks for the clusters of a stack with {@code target: gcp}, against the Compute
 * Engine v1 REST API through {@link RestClient} (REST via JDK HttpClient; the official SDK,
 * google-cloud-compute, is the planned replacement). Token: {@code GOOGLE_OAUTH_ACCESS_TOKEN};
 * without one every check is UNKNOWN (no credentials) and nothing is sent.
 * <ul>
 * <li>preflight: each GPU pool's accelerator type offered in each of its zones (pools without
 *     zones are left to GKE's choice, nothing checked); the regional GPU quota of each
 *     (region, metric) at max scale.</li>
 * <li>verify: none yet; one UNKNOWN (not supported) line.</li>
 * </ul>
 */
public final class GcpChecks implements CloudChecks {
    /** The public Compute Engine v1 API. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://compute.googleapis.com/compute/v1");
    public static final String TOKEN_ENV = "GOOGLE_OAUTH_ACCESS_TOKEN";
    private final RestClient compute;
    private final Catalog catalog;

    public GcpChecks(RestClient compute, Catalog catalog) {
        this.compute = compute;
        this.catalog = catalog;
    }

    /** Checks with the token from {@value #TOKEN_ENV}; {@code endpoint} null for the public API. */
    public static GcpChecks create(URI endpoint, CheckLimits limits) {
        return create(endpoint, System.getenv(TOKEN_ENV), limits);
    }

    /** @param token null or blank: no credentials */
    public static GcpChecks create(URI endpoint, String token, CheckLimits limits) {
        return new GcpChecks(new RestClient(endpoint != null ? endpoint : DEFAULT_ENDPOINT, token, limits), Catalog.bundled());
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
            for (NodePoolSpec p : c.gpuPools()) {
                InstanceType type = catalog.pick("gcp", p.accelerator(), p.gpusPerNode(), p.machineType()).orElse(null);
                if (type == null || type.acceleratorType() == null) {
                    continue; // config validation reports a pool the catalog cannot place
                }
                String pool = c.name() + "/" + p.name();
                List<String> zones = c.zonesOf(p);
                if (!zones.isEmpty()) {
                    checks.add(new AcceleratorOfferedCheck(compute, project, pool, type.acceleratorType(), zones));
                }
                String metric = GpuQuotaCheck.metric(type.acceleratorType(), p.capacity() == CapacityType.SPOT);
                demands.computeIfAbsent(c.region() + "|" + metric, k -> new ArrayList<>())
                        .add(new GpuQuotaCheck.Demand(pool, p.max() == null ? 0 : p.max(), type.gpus()));
            }
        }
        demands.forEach((key, d) -> {
            int bar = key.indexOf('|');
            checks.add(new GpuQuotaCheck(compute, project, key.substring(0, bar), key.substring(bar + 1), d));
        });
        return checks;
    }

    @Override
    public List<Check> verify(StackConfig config, StackOutputs outputs) {
        return List.of(new UnsupportedTargetCheck(Target.GCP)); // no verify checks yet: UNKNOWN, never silent
    }

    @Override
    public void close() {
        compute.close();
    }
}
