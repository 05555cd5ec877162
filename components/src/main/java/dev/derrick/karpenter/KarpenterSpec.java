package dev.derrick.karpenter;

import java.util.List;

/**
 * The Karpenter settings of one EKS pool ({@code karpenter:} under the pool, or under {@code nodePoolDefaults}). Every
 * field is optional; the pool's accelerator, {@code gpusPerNode}, {@code capacity}, {@code zones}, {@code max},
 * {@code diskSizeGb}, labels and taints apply as on every cloud.
 *
 * @param instanceTypes        explicit instance types the pool may launch (each must be in the catalog with the
 *                             pool's accelerator); instead of {@code families}
 * @param families             instance families ({@code g6}, {@code p5}): every catalog size of these families with the
 *                             pool's accelerator (and {@code gpusPerNode}, when set)
 * @param sizes                with {@code families}: the sizes allowed, each a size ({@code 12xlarge}) or a range in the
 *                             catalog's order ({@code 2xlarge..48xlarge})
 * @param consolidationPolicy  {@code WhenEmpty} (default for GPU pools: a node goes only once no pod runs on it) or
 *                             {@code WhenEmptyOrUnderutilized}
 * @param consolidateAfter     how long a node stays empty (or underutilized) before Karpenter removes it, e.g.
 *                             {@code 10m}, {@code 1h30m}, or {@code Never}; default {@code 10m}
 * @param expireAfter          node lifetime before Karpenter replaces it, e.g. {@code 720h}, or {@code Never}; default
 *                             {@code 720h} (Karpenter's own default)
 * @param budgets              disruption budgets; default: Karpenter's (10% of nodes)
 * @param weight               priority among NodePools that fit a pod (1-100, higher first); default none
 * @param limitGpus            most GPUs the pool may run at once; default {@code max} x the GPUs of its largest type
 * @param limitCpu             most vCPUs the pool may run at once; default {@code max} x the vCPUs of its largest type
 * @param amiFamily            {@code al2023} (default; Karpenter picks the NVIDIA variant for GPU types) or
 *                             {@code bottlerocket} (its NVIDIA variant likewise)
 * @param amiVersion           the AMI release to pin (alias {@code <family>@<version>}, e.g. {@code v20250101}); default
 *                             {@code latest}: nodes follow new AMIs, replaced within the disruption budgets
 * @param volumeType           root volume type; default {@code gp3}
 * @param kmsKeyId             KMS key for the node volumes (always encrypted; default: the account's EBS key)
 * @param dataVolumeGb         an optional second volume (e.g. dataset cache), mounted by the user's own setup
 * @param capacityReservations with {@code capacity: reserved}: the EC2 capacity reservation (or Capacity Block for
 *                             ML) ids the pool launches into
 */
public record KarpenterSpec(
        List<String> instanceTypes,
        List<String> families,
        List<String> sizes,
        Consolidation consolidationPolicy,
        String consolidateAfter,
        String expireAfter,
        List<DisruptionBudget> budgets,
        Integer weight,
        Integer limitGpus,
        Integer limitCpu,
        AmiFamily amiFamily,
        String amiVersion,
        String volumeType,
        String kmsKeyId,
        Integer dataVolumeGb,
        List<String> capacityReservations) {

    public static final KarpenterSpec DEFAULTS = new KarpenterSpec(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null);
    public static final String DEFAULT_CONSOLIDATE_AFTER = "10m";
    public static final String DEFAULT_EXPIRE_AFTER = "720h";

    public KarpenterSpec {
        instanceTypes = instanceTypes == null ? List.of() : List.copyOf(instanceTypes);
        families = families == null ? List.of() : List.copyOf(families);
        sizes = sizes == null ? List.of() : List.copyOf(sizes);
        consolidationPolicy = consolidationPolicy == null ? Consolidation.WHEN_EMPTY : consolidationPolicy;
        consolidateAfter = consolidateAfter == null ? DEFAULT_CONSOLIDATE_AFTER : consolidateAfter;
        expireAfter = expireAfter == null ? DEFAULT_EXPIRE_AFTER : expireAfter;
        budgets = budgets == null ? List.of() : List.copyOf(budgets);
        amiFamily = amiFamily == null ? AmiFamily.AL2023 : amiFamily;
        amiVersion = amiVersion == null ? "latest" : amiVersion;
        volumeType = volumeType == null ? "gp3" : volumeType;
        capacityReservations = capacityReservations == null ? List.of() : List.copyOf(capacityReservations);
    }

    /** Karpenter's consolidation policies, written as Karpenter spells them. */
    public enum Consolidation {
        WHEN_EMPTY("WhenEmpty"), WHEN_EMPTY_OR_UNDERUTILIZED("WhenEmptyOrUnderutilized");

        public final String karpenter;

        Consolidation(String karpenter) {
            this.karpenter = karpenter;
        }
    }

    /** AMI families with an NVIDIA variant; the EC2NodeClass alias names them. */
    public enum AmiFamily {
        AL2023("al2023"), BOTTLEROCKET("bottlerocket");

        public final String alias;

        AmiFamily(String alias) {
            this.alias = alias;
        }
    }

    /**
     * One disruption budget: at most {@code nodes} (a count or a percentage) of the pool's nodes disrupted at once, for
     * the listed reasons (all when empty), during {@code duration} after each {@code schedule} (cron) when set.
     */
    public record DisruptionBudget(String nodes, List<String> reasons, String schedule, String duration) {
        public DisruptionBudget {
            reasons = reasons == null ? List.of() : List.copyOf(reasons);
        }
    }
}
