package dev.derrick.karpenter;

import dev.derrick.catalog.CloudCatalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.config.CapacityType;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.config.Target;
import dev.derrick.config.internal.NodeReader;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of Karpenter pools and of the settings that only Karpenter pools have. Value rules mirror the NodePool and
 * EC2NodeClass CRDs of Karpenter 1.14.1 (charts/vendor/karpenter-crd-1.14.1: the patterns of consolidateAfter,
 * expireAfter, budgets, weight, volume types, capacity reservation ids), so a stack Derrick accepts is one the API
 * server accepts; the dry-run test applies the rendered objects to prove it.
 */
public final class KarpenterRules {
    /** NodePool {@code consolidateAfter} / {@code expireAfter}: Go durations in s, m, h, or Never. */
    static final Pattern DURATION_OR_NEVER = Pattern.compile("(([0-9]+(s|m|h))+|Never)");
    /** NodePool budget {@code duration}: hours and minutes. */
    static final Pattern BUDGET_DURATION = Pattern.compile("((([0-9]+(h|m))|([0-9]+h[0-9]+m))(0s)?)");
    static final Pattern BUDGET_NODES = Pattern.compile("((100|[0-9]{1,2})%|[0-9]+)");
    static final Pattern SCHEDULE = Pattern.compile("(@(annually|yearly|monthly|weekly|daily|midnight|hourly))|((\\S+)\\s(\\S+)\\s(\\S+)\\s(\\S+)\\s(\\S+))");
    static final Set<String> REASONS = Set.of("Underutilized", "Empty", "Drifted");
    static final Set<String> VOLUME_TYPES = Set.of("standard", "io1", "io2", "gp2", "sc1", "st1", "gp3");
    static final Pattern RESERVATION_ID = Pattern.compile("cr-[0-9a-z]+");
    static final Pattern AMI_VERSION = Pattern.compile("latest|v[0-9][0-9.]*");
    static final Pattern KMS_KEY = Pattern.compile("arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)/[A-Za-z0-9/_-]+|[0-9a-f-]{36}|alias/[A-Za-z0-9/_-]+");

    /** A problem at a config path. */
    public interface Sink {
        void add(String path, String problem, String value, String hint);
    }

    private KarpenterRules() {
    }

    private static String q(String s) {
        return s == null ? null : "\"" + s + "\"";
    }

    /** The cluster-wide rules: a Karpenter cluster needs a node group for the controller. */
    public static void cluster(ClusterSpec c, String path, Sink sink) {
        if (c.target() != Target.AWS || KarpenterPools.of(c).isEmpty()) {
            return;
        }
        boolean host = c.nodePools().stream().anyMatch(p -> !KarpenterPools.isKarpenter(c, p) && !p.isGpu() && p.min() != null && p.min() >= 1);
        if (!host) {
            sink.add(path + ".nodePools", "Karpenter pools need a CPU node group with min >= 1 for the Karpenter controller", null,
                    "add a pool such as {name: system, machineType: m6i.xlarge, min: 1, max: 2}");
        }
    }

    /** The rules of one pool of cluster {@code c}, at {@code path} ({@code ...nodePools[i]}). */
    public static void pool(ClusterSpec c, NodePoolSpec p, String path, CloudCatalog aws, Sink sink) {
        String cloud = NodeReader.token(c.target());
        nativeAutoscaling(c, p, path, sink);
        if (c.target() != Target.AWS) {
            if (p.provisioner() != null) {
                sink.add(path + ".provisioner", "only applies to aws", q(NodeReader.token(p.provisioner())), nativeAutoscaler(c.target()));
            }
            if (p.karpenter() != null) {
                sink.add(path + ".karpenter", "only applies to aws Karpenter pools", null, nativeAutoscaler(c.target()));
            }
            if (p.capacity() == CapacityType.SPOT_PREFERRED) {
                sink.add(path + ".capacity", "spot-preferred needs a Karpenter pool (aws): " + cloud + " pools are spot or not",
                        "\"spot-preferred\"", "use spot, or two pools (spot and on-demand) so the autoscaler can fall back");
            }
            return;
        }
        if (!KarpenterPools.isKarpenter(c, p)) {
            if (p.karpenter() != null) {
                sink.add(path + ".karpenter", "only applies to Karpenter pools; this pool is a managed node group", null,
                        p.isGpu() ? "remove provisioner: node-group, or remove the karpenter block" : "remove the karpenter block (CPU pools are node groups)");
            }
            if (p.capacity() == CapacityType.SPOT_PREFERRED) {
                sink.add(path + ".capacity", "spot-preferred needs a Karpenter pool; a managed node group is spot or on-demand",
                        "\"spot-preferred\"", p.isGpu() ? "remove provisioner: node-group" : "use spot or on-demand");
            }
            return;
        }
        if (!p.isGpu()) {
            sink.add(path + ".provisioner", "Karpenter pools are GPU pools in Derrick; CPU pools are managed node groups", "\"karpenter\"",
                    "remove provisioner, or add an accelerator");
            return;
        }
        if (p.min() != null && p.min() > 0) {
            sink.add(path + ".min", "a Karpenter pool has no minimum: nodes exist only while pods need them", Integer.toString(p.min()),
                    "set min: 0, or provisioner: node-group for nodes that stay up");
        }
        KarpenterSpec k = KarpenterPools.settings(p);
        List<InstanceType> types = InstanceChoice.resolve(p, aws, (field, problem, value, hint) -> sink.add(path + "." + field, problem, value, hint));
        String kp = path + ".karpenter";
        if (!DURATION_OR_NEVER.matcher(k.consolidateAfter()).matches()) {
            sink.add(kp + ".consolidateAfter", "not a Karpenter duration (s, m or h, or Never)", q(k.consolidateAfter()), "write e.g. 30m, 1h30m, 24h or Never");
        }
        if (!DURATION_OR_NEVER.matcher(k.expireAfter()).matches()) {
            sink.add(kp + ".expireAfter", "not a Karpenter duration (s, m or h, or Never)", q(k.expireAfter()), "write e.g. 720h (30 days) or Never");
        }
        for (int i = 0; i < k.budgets().size(); i++) {
            var b = k.budgets().get(i);
            String bp = kp + ".budgets[" + i + "]";
            if (b.nodes() != null && !BUDGET_NODES.matcher(b.nodes()).matches()) {
                sink.add(bp + ".nodes", "not a node count or percentage", q(b.nodes()), "write \"0\", \"1\" or \"10%\"");
            }
            for (int r = 0; r < b.reasons().size(); r++) {
                if (!REASONS.contains(b.reasons().get(r))) {
                    sink.add(bp + ".reasons[" + r + "]", "unknown disruption reason", q(b.reasons().get(r)), "use Underutilized, Empty or Drifted");
                }
            }
            if ((b.schedule() == null) != (b.duration() == null)) {
                sink.add(bp, "schedule and duration go together", null, "set both (schedule: \"0 9 * * 1-5\", duration: 8h) or neither");
            }
            if (b.schedule() != null && !SCHEDULE.matcher(b.schedule()).matches()) {
                sink.add(bp + ".schedule", "not a cron schedule", q(b.schedule()), "write five cron fields, e.g. \"0 9 * * 1-5\", or @daily");
            }
            if (b.duration() != null && !BUDGET_DURATION.matcher(b.duration()).matches()) {
                sink.add(bp + ".duration", "not a budget duration (hours and minutes)", q(b.duration()), "write e.g. 8h, 90m or 1h30m");
            }
        }
        if (k.weight() != null && (k.weight() < 1 || k.weight() > 100)) {
            sink.add(kp + ".weight", "must be between 1 and 100", Integer.toString(k.weight()), "higher weights are tried first");
        }
        if (!types.isEmpty()) {
            int minGpus = types.stream().mapToInt(InstanceType::gpus).min().orElse(0);
            int minCpu = types.stream().mapToInt(InstanceType::vcpus).min().orElse(0);
            if (k.limitGpus() != null && k.limitGpus() < minGpus) {
                sink.add(kp + ".limits.gpus", "below one node of the smallest allowed type (" + minGpus + " GPUs): the pool could never launch a node",
                        Integer.toString(k.limitGpus()), "raise it to at least " + minGpus);
            }
            if (k.limitCpu() != null && k.limitCpu() < minCpu) {
                sink.add(kp + ".limits.cpu", "below one node of the smallest allowed type (" + minCpu + " vCPUs): the pool could never launch a node",
                        Integer.toString(k.limitCpu()), "raise it to at least " + minCpu);
            }
        }
        if (!VOLUME_TYPES.contains(k.volumeType())) {
            sink.add(kp + ".volume.type", "unknown EBS volume type", q(k.volumeType()), "use gp3 (default), gp2, io1 or io2");
        }
        if (k.kmsKeyId() != null && !KMS_KEY.matcher(k.kmsKeyId()).matches()) {
            sink.add(kp + ".volume.kmsKeyId", "not a KMS key ARN, id or alias", q(k.kmsKeyId()), "use arn:aws:kms:<region>:<account>:key/<id>");
        }
        if (k.dataVolumeGb() != null && (k.dataVolumeGb() < 1 || k.dataVolumeGb() > 16384)) {
            sink.add(kp + ".volume.dataVolumeGb", "must be between 1 and 16384", Integer.toString(k.dataVolumeGb()), "or leave it out for no data volume");
        }
        if (!AMI_VERSION.matcher(k.amiVersion()).matches()) {
            sink.add(kp + ".amiVersion", "not an AMI release", q(k.amiVersion()), "use latest or a release such as v20250101");
        }
        if (p.capacity() == CapacityType.RESERVED && k.capacityReservations().isEmpty()) {
            sink.add(kp + ".capacityReservations", "capacity: reserved needs the reservations to launch into", null,
                    "list the capacity reservation (or Capacity Block) ids, e.g. [cr-0123456789abcdef0]");
        }
        if (p.capacity() != CapacityType.RESERVED && !k.capacityReservations().isEmpty()) {
            sink.add(kp + ".capacityReservations", "only applies with capacity: reserved", k.capacityReservations().toString(),
                    "set capacity: reserved or remove the list");
        }
        for (int i = 0; i < k.capacityReservations().size(); i++) {
            if (!RESERVATION_ID.matcher(k.capacityReservations().get(i)).matches()) {
                sink.add(kp + ".capacityReservations[" + i + "]", "not a capacity reservation id", q(k.capacityReservations().get(i)),
                        "use the id EC2 shows, e.g. cr-0123456789abcdef0");
            }
        }
    }

    /** {@code autoscaling:}: the GKE and AKS autoscaler settings, each on its own cloud only. */
    static void nativeAutoscaling(ClusterSpec c, NodePoolSpec p, String path, Sink sink) {
        var a = p.autoscaling();
        if (a == null) {
            return;
        }
        String ap = path + ".autoscaling";
        if (c.target() != Target.GCP && c.target() != Target.AZURE) {
            sink.add(ap, "only applies to gcp and azure pools", null, c.target() == Target.AWS
                    ? "EKS GPU pools scale with Karpenter: set consolidation and limits under karpenter (docs/AUTOSCALING.md)"
                    : "on-prem pools are existing machines; remove it");
            return;
        }
        if (a.locationPolicy() != null) {
            if (c.target() != Target.GCP) {
                sink.add(ap + ".locationPolicy", "only applies to gcp: AKS scales each pool within its zones", q(a.locationPolicy()), "remove it");
            } else if (!Set.of("BALANCED", "ANY").contains(a.locationPolicy())) {
                sink.add(ap + ".locationPolicy", "unknown value", q(a.locationPolicy()), "use BALANCED (spread over zones) or ANY (wherever capacity is)");
            }
        }
        if (a.scaleDownMode() != null) {
            if (c.target() != Target.AZURE) {
                sink.add(ap + ".scaleDownMode", "only applies to azure: GKE deletes the nodes it scales down", q(a.scaleDownMode()), "remove it");
            } else if (!Set.of("Delete", "Deallocate").contains(a.scaleDownMode())) {
                sink.add(ap + ".scaleDownMode", "unknown value", q(a.scaleDownMode()), "use Delete or Deallocate");
            }
        }
    }

    private static String nativeAutoscaler(Target target) {
        return switch (target) {
            case GCP -> "GKE pools scale with the cluster autoscaler from min/max; remove it (docs/AUTOSCALING.md)";
            case AZURE -> "AKS pools scale with the cluster autoscaler from min/max; remove it (docs/AUTOSCALING.md)";
            default -> "the nodes exist already; remove it";
        };
    }
}
