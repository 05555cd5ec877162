package dev.derrick.preflight.aws;

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
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS checks for the parts of a stack with {@code target: aws}.
 * <ul>
 * <li>preflight: credentials; each pool's instance type offered in each of its zones; the vCPU
 *     quota of each (region, family group, on-demand|spot) at max scale; explicit bucket names
 *     free or ours; registry names free or Derrick's.</li>
 * <li>verify: credentials; clusters ACTIVE at the configured version; node groups ACTIVE at the
 *     configured sizes; buckets versioned, encrypted, public access blocked; registries with scan
 *     on push and tag immutability as configured.</li>
 * </ul>
 */
public final class AwsChecks implements CloudChecks {
    private final AwsClients aws;
    private final Catalog catalog;

    public AwsChecks(AwsClients aws, Catalog catalog) {
        this.aws = aws;
        this.catalog = catalog;
    }

    /** Checks through the SDK's default credential chain; {@code endpoint} null for AWS's own endpoints. */
    public static AwsChecks create(URI endpoint, CheckLimits limits) {
        return create(endpoint, null, limits);
    }

    /** @param credentials null for the SDK's default chain */
    public static AwsChecks create(URI endpoint, AwsCredentialsProvider credentials, CheckLimits limits) {
        return new AwsChecks(new AwsClients(endpoint, credentials, limits), Catalog.bundled());
    }

    @Override
    public List<Check> preflight(StackConfig config) {
        var checks = new ArrayList<Check>();
        String home = homeRegion(config);
        if (home == null) {
            return checks;
        }
        checks.add(new AwsCredentialsCheck(aws, home));
        // (region, quota code) -> the pools that draw on it
        Map<String, Ec2VcpuQuota> quotas = new LinkedHashMap<>();
        Map<String, List<VcpuQuotaCheck.Demand>> demands = new LinkedHashMap<>();
        Map<String, String> quotaRegion = new LinkedHashMap<>();
        for (ClusterSpec c : aws(config)) {
            for (NodePoolSpec p : c.nodePools()) {
                String pool = c.name() + "/" + p.name();
                InstanceType type = catalog.pick("aws", p.accelerator(), p.gpusPerNode(), p.machineType()).orElse(null);
                String typeName = type != null ? type.name() : p.machineType();
                if (typeName == null) {
                    continue; // config validation reports a pool without a type
                }
                checks.add(new InstanceTypeOfferedCheck(aws, c.region(), pool, typeName, c.zonesOf(p)));
                var quota = Ec2VcpuQuota.of(typeName, p.capacity() == CapacityType.SPOT);
                if (quota.isPresent()) {
                    String key = c.region() + "|" + quota.get().code();
                    quotas.putIfAbsent(key, quota.get());
                    quotaRegion.putIfAbsent(key, c.region());
                    demands.computeIfAbsent(key, k -> new ArrayList<>())
                            .add(new VcpuQuotaCheck.Demand(pool, typeName, p.max(), type != null ? type.vcpus() : null));
                }
            }
        }
        quotas.forEach((key, quota) -> checks.add(new VcpuQuotaCheck(aws, quotaRegion.get(key), quota, demands.get(key))));
        for (ObjectStoreSpec s : config.objectStores()) {
            // Auto-named buckets (<name>-<random suffix>) cannot collide: nothing to check.
            if (s.target() == Target.AWS && s.bucketName() != null) {
                checks.add(new BucketNameCheck(aws, s.region(), s.name(), s.bucketName()));
            }
        }
        for (RegistrySpec r : config.registries()) {
            if (r.target() == Target.AWS) {
                checks.add(new RegistryStateCheck(aws, r.region(), r.name(), config.environment()));
            }
        }
        return checks;
    }

    @Override
    public List<Check> verify(StackConfig config, StackOutputs outputs) {
        var checks = new ArrayList<Check>();
        String home = homeRegion(config);
        if (home == null) {
            return checks;
        }
        checks.add(new AwsCredentialsCheck(aws, home));
        for (ClusterSpec c : aws(config)) {
            String clusterOutput = c.name() + ".clusterName";
            String clusterName = outputs.text(clusterOutput).orElse(null);
            checks.add(new EksClusterCheck(aws, c, clusterOutput, clusterName));
            for (NodePoolSpec p : c.nodePools()) {
                if (dev.derrick.karpenter.KarpenterPools.isKarpenter(c, p)) {
                    continue; // no node group: Karpenter launches instances for pending pods (its NodePool lives in the cluster)
                }
                String output = nodeGroupOutput(c, p);
                InstanceType type = catalog.pick("aws", p.accelerator(), p.gpusPerNode(), p.machineType()).orElse(null);
                checks.add(new NodeGroupCheck(aws, c.region(), c.name() + "/" + p.name(), p, type != null ? type.name() : p.machineType(),
                        clusterName == null ? clusterOutput : output, clusterName, outputs.text(output).orElse(null)));
            }
        }
        for (ObjectStoreSpec s : config.objectStores()) {
            if (s.target() == Target.AWS) {
                String output = s.name() + ".bucketName";
                checks.add(new BucketSettingsCheck(aws, s, output, outputs.text(output).orElse(null)));
            }
        }
        for (RegistrySpec r : config.registries()) {
            if (r.target() == Target.AWS) {
                String output = r.name() + ".repositoryUrl";
                checks.add(new RegistrySettingsCheck(aws, r, output, outputs.text(output).orElse(null)));
            }
        }
        return checks;
    }

    /** The stack output naming a pool's node group (exported by MlPlatform). */
    public static String nodeGroupOutput(ClusterSpec cluster, NodePoolSpec pool) {
        return cluster.name() + "." + pool.name() + ".nodeGroupName";
    }

    private static List<ClusterSpec> aws(StackConfig config) {
        return config.clusters().stream().filter(c -> c.target() == Target.AWS).toList();
    }

    /** The region of the first AWS part of the stack; null when nothing runs on AWS. */
    private static String homeRegion(StackConfig config) {
        for (ClusterSpec c : aws(config)) {
            return c.region();
        }
        for (ObjectStoreSpec s : config.objectStores()) {
            if (s.target() == Target.AWS) {
                return s.region();
            }
        }
        for (RegistrySpec r : config.registries()) {
            if (r.target() == Target.AWS) {
                return r.region();
            }
        }
        return null;
    }

    @Override
    public void close() {
        aws.close();
    }
}
