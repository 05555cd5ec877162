package dev.derrick.preflight.azure;

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
 * The Azure checks for the clusters of a stack with {@code target: azure}, against the Azure
 * Resource Manager REST API through {@link RestClient} (REST via JDK HttpClient; the official
 * SDK, azure-resourcemanager-compute, is the planned replacement). Token
 * {@code AZURE_ACCESS_TOKEN} and subscription {@code AZURE_SUBSCRIPTION_ID}; without both every
 * check is UNKNOWN (no credentials) and nothing is sent.
 * <ul>
 * <li>preflight: each pool's VM size available and unrestricted in its location and zones; the
 *     vCPU quota of each (location, on-demand VM family | spot) at max scale.</li>
 * <li>verify: none yet; one UNKNOWN (not supported) line.</li>
 * </ul>
 */
public final class AzureChecks implements CloudChecks {
    /** The public Azure Resource Manager endpoint. */
    public static final URI DEFAULT_ENDPOINT = URI.create("https://management.azure.com");
    public static final String TOKEN_ENV = "AZURE_ACCESS_TOKEN";
    public static final String SUBSCRIPTION_ENV = "AZURE_SUBSCRIPTION_ID";
    private final RestClient arm;
    private final String subscription;
    private final Catalog catalog;

    public AzureChecks(RestClient arm, String subscription, Catalog catalog) {
        this.arm = arm;
        this.subscription = subscription;
        this.catalog = catalog;
    }

    /** Checks with the token and subscription from the environment; {@code endpoint} null for the public one. */
    public static AzureChecks create(URI endpoint, CheckLimits limits) {
        return create(endpoint, System.getenv(TOKEN_ENV), System.getenv(SUBSCRIPTION_ENV), limits);
    }

    /** @param token null or blank, or subscription null or blank: no credentials */
    public static AzureChecks create(URI endpoint, String token, String subscription, CheckLimits limits) {
        boolean complete = subscription != null && !subscription.isBlank();
        return new AzureChecks(new RestClient(endpoint != null ? endpoint : DEFAULT_ENDPOINT, complete ? token : null, limits),
                complete ? subscription.trim() : "-", Catalog.bundled());
    }

    @Override
    public List<Check> preflight(StackConfig config) {
        var checks = new ArrayList<Check>();
        Map<String, List<VcpuFamilyQuotaCheck.Demand>> demands = new LinkedHashMap<>();
        for (ClusterSpec c : config.clusters()) {
            if (c.target() != Target.AZURE) {
                continue;
            }
            for (NodePoolSpec p : c.nodePools()) {
                InstanceType type = catalog.pick("azure", p.accelerator(), p.gpusPerNode(), p.machineType()).orElse(null);
                String size = type != null ? type.name() : p.machineType();
                if (size == null) {
                    continue; // config validation reports a pool without a size
                }
                String pool = c.name() + "/" + p.name();
                checks.add(new VmSizeAvailableCheck(arm, subscription, c.region(), pool, size, c.zonesOf(p)));
                boolean spot = p.capacity() == CapacityType.SPOT;
                demands.computeIfAbsent(c.region() + "|" + spot, k -> new ArrayList<>())
                        .add(new VcpuFamilyQuotaCheck.Demand(pool, size, p.max() == null ? 0 : p.max(), type != null ? type.vcpus() : null));
            }
        }
        demands.forEach((key, d) -> {
            int bar = key.indexOf('|');
            checks.add(new VcpuFamilyQuotaCheck(arm, subscription, key.substring(0, bar), Boolean.parseBoolean(key.substring(bar + 1)), d));
        });
        return checks;
    }

    @Override
    public List<Check> verify(StackConfig config, StackOutputs outputs) {
        return List.of(new UnsupportedTargetCheck(Target.AZURE)); // no verify checks yet: UNKNOWN, never silent
    }

    @Override
    public void close() {
        arm.close();
    }
}
