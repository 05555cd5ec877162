package dev.derrick.preflight.azure;

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
 * The Azure checks for the parts of a stack with {@code target: azure}, through the Azure SDK
 * ({@link AzureClients}) with {@code DefaultAzureCredential} and the subscription in
 * {@code AZURE_SUBSCRIPTION_ID}; without them every check is UNKNOWN (no credentials) and
 * nothing is sent.
 * <ul>
 * <li>preflight: each pool's VM size available and unrestricted in its location and zones; the
 *     vCPU quota of each (location, on-demand VM family | spot) at max scale; explicit storage
 *     account names free or ours.</li>
 * <li>verify: AKS clusters succeeded, running, at the configured version; agent pools with the
 *     configured autoscaling range, VM size and priority; each Blob store's container private and
 *     blob soft delete on; ACR registries Premium, admin user off, retention as configured.</li>
 * </ul>
 */
public final class AzureChecks implements CloudChecks {
    private final AzureClients azure;
    private final Catalog catalog;
    private final int maxAttempts;

    public AzureChecks(AzureClients azure, Catalog catalog, CheckLimits limits) {
        this.azure = azure;
        this.catalog = catalog;
        this.maxAttempts = limits.maxAttempts();
    }

    /** Checks with DefaultAzureCredential and AZURE_SUBSCRIPTION_ID; {@code endpoint} null for Azure's own. */
    public static AzureChecks create(URI endpoint, CheckLimits limits) {
        return new AzureChecks(new AzureClients(endpoint, null, System.getenv(AzureClients.SUBSCRIPTION_ENV), null, limits), Catalog.bundled(), limits);
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
                checks.add(new VmSizeAvailableCheck(azure, maxAttempts, c.region(), pool, size, c.zonesOf(p)));
                boolean spot = p.capacity() == CapacityType.SPOT;
                demands.computeIfAbsent(c.region() + "|" + spot, k -> new ArrayList<>())
                        .add(new VcpuFamilyQuotaCheck.Demand(pool, size, p.max() == null ? 0 : p.max(), type != null ? type.vcpus() : null));
            }
        }
        demands.forEach((key, d) -> {
            int bar = key.indexOf('|');
            checks.add(new VcpuFamilyQuotaCheck(azure, maxAttempts, key.substring(0, bar), Boolean.parseBoolean(key.substring(bar + 1)), d));
        });
        for (ObjectStoreSpec s : config.objectStores()) {
            // Auto-named accounts (<name> plus a random suffix) cannot collide: nothing to check.
            if (s.target() == Target.AZURE && s.bucketName() != null) {
                checks.add(new StorageAccountNameCheck(azure, maxAttempts, s.region(), s.name(), s.bucketName()));
            }
        }
        return checks;
    }

    @Override
    public List<Check> verify(StackConfig config, StackOutputs outputs) {
        var checks = new ArrayList<Check>();
        for (ClusterSpec c : config.clusters()) {
            if (c.target() != Target.AZURE) {
                continue;
            }
            String output = c.name() + ".clusterName";
            String name = outputs.text(output).orElse(null);
            String group = outputs.text(c.name() + ".resourceGroupName").orElse(null);
            checks.add(new AksClusterCheck(azure, maxAttempts, c, output, group, name));
            for (NodePoolSpec p : c.nodePools()) {
                InstanceType type = catalog.pick("azure", p.accelerator(), p.gpusPerNode(), p.machineType()).orElse(null);
                checks.add(new AksAgentPoolCheck(azure, maxAttempts, c.region(), c.name() + "/" + p.name(), p,
                        type != null ? type.name() : p.machineType(), name == null ? output : c.name() + ".resourceGroupName", group, name));
            }
        }
        for (ObjectStoreSpec s : config.objectStores()) {
            if (s.target() == Target.AZURE) {
                String output = s.name() + ".accountName";
                checks.add(new BlobStoreCheck(azure, maxAttempts, s, output, outputs.text(output).orElse(null)));
            }
        }
        for (RegistrySpec r : config.registries()) {
            if (r.target() == Target.AZURE) {
                String output = r.name() + ".loginServer";
                checks.add(new AcrRegistryCheck(azure, maxAttempts, r, output, outputs.text(output).orElse(null)));
            }
        }
        return checks;
    }

    @Override
    public void close() {
        azure.close();
    }
}
