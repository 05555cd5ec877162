package dev.derrick.config;

import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.CloudCatalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.config.internal.Cidr;
import dev.derrick.config.internal.Names;
import dev.derrick.config.internal.NodeReader;
import dev.derrick.config.internal.Problems;
import dev.derrick.config.internal.Suggest;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Rules across fields and against the catalog, on a config whose every field bound cleanly. */
final class StackValidator {
    private static final Pattern K8S_VERSION = Pattern.compile("1\\.\\d{2}");
    private static final Pattern AWS_INSTANCE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+");
    /** AWS instance families that carry accelerators: a type of these must be in the catalog. */
    private static final Pattern AWS_ACCELERATED_FAMILY = Pattern.compile("(p\\d|g\\d|inf\\d|trn\\d|dl\\d|f\\d|vt\\d)[a-z0-9-]*\\..*");
    private static final Set<String> TAINT_EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final Set<Target> SUPPORTED = Set.of(Target.AWS);

    private final StackConfig config;
    private final Catalog catalog;
    private final Function<String, String> fileOf;
    private final Problems problems;

    StackValidator(StackConfig config, Catalog catalog, Function<String, String> fileOf, Problems problems) {
        this.config = config;
        this.catalog = catalog;
        this.fileOf = fileOf;
        this.problems = problems;
    }

    private void add(String key, String path, String problem, Object value, String hint) {
        problems.add(fileOf.apply(key), path, problem, value == null ? null : String.valueOf(value), hint);
    }

    void validate() {
        String env = config.environment();
        String why = env == null ? null : Names.dnsLabel(env, 32);
        if (why != null) {
            add("environment", "derrick:environment", why, q(env), "use e.g. dev, staging or prod");
        }
        config.tags().forEach((k, v) -> {
            if (k.isEmpty() || k.length() > 128 || k.startsWith("aws:")) {
                add("tags", "derrick:tags." + k, "tag key must be 1-128 characters and not start with 'aws:'", q(k), "rename the tag");
            }
            if (v.length() > 256) {
                add("tags", "derrick:tags." + k, "tag value is longer than 256 characters", v.length() + " characters", "shorten it");
            }
        });
        if (config.region() != null) {
            checkRegion("region", "derrick:region", Target.AWS, config.region());
        }
        var clusterNames = new HashSet<String>();
        for (int i = 0; i < config.clusters().size(); i++) {
            cluster(config.clusters().get(i), "derrick:clusters[" + i + "]", clusterNames);
        }
        var storeNames = new HashSet<String>();
        for (int i = 0; i < config.objectStores().size(); i++) {
            store(config.objectStores().get(i), "derrick:objectStores[" + i + "]", storeNames);
        }
        var registryNames = new HashSet<String>();
        for (int i = 0; i < config.registries().size(); i++) {
            registry(config.registries().get(i), "derrick:registries[" + i + "]", registryNames);
        }
    }

    private static String q(String s) {
        return s == null ? null : "\"" + s + "\"";
    }

    private boolean supported(String key, String path, Target target) {
        if (target == null) {
            return false;
        }
        if (!SUPPORTED.contains(target)) {
            add(key, path + ".target", "target is not supported yet", NodeReader.token(target),
                    "use one of " + String.join(", ", SUPPORTED.stream().map(NodeReader::token).toList()));
            return false;
        }
        return true;
    }

    private Optional<CloudCatalog> cloud(Target target) {
        return catalog.cloud(NodeReader.token(target));
    }

    private void checkRegion(String key, String path, Target target, String region) {
        cloud(target).ifPresent(c -> {
            if (!c.regions().contains(region)) {
                String guess = Suggest.closest(region, c.regions());
                add(key, path, "unknown " + c.cloud() + " region", q(region),
                        guess != null ? "did you mean " + guess + "?" : "use a region code such as " + c.referenceRegion());
            }
        });
    }

    private void cluster(ClusterSpec c, String path, Set<String> names) {
        String key = "clusters";
        String why = c.name() == null ? null : Names.dnsLabel(c.name(), 32);
        if (why != null) {
            add(key, path + ".name", why, q(c.name()), "use a short DNS-style name such as train");
        } else if (c.name() != null && !names.add(c.name())) {
            add(key, path + ".name", "duplicate cluster name", q(c.name()), "give every cluster its own name");
        }
        if (!supported(key, path, c.target())) {
            return;
        }
        if (c.region() != null) {
            checkRegion(key, path + ".region", c.target(), c.region());
        }
        if (!K8S_VERSION.matcher(c.kubernetesVersion()).matches()) {
            add(key, path + ".kubernetesVersion", "must be a Kubernetes minor version like \"1.34\"", q(c.kubernetesVersion()),
                    "quote it in YAML so 1.30 does not become 1.3");
        }
        if (c.subnetIds().isEmpty() && c.zones().isEmpty() && !problems.reported(path + ".zones")) {
            add(key, path + ".zones", "required value is missing", null, "list the zones to spread subnets over, e.g. zones: [" + c.region() + "a, " + c.region() + "b]");
        }
        var zoneSet = new HashSet<String>();
        for (int z = 0; z < c.zones().size(); z++) {
            String zone = c.zones().get(z);
            checkZone(key, path + ".zones[" + z + "]", c.region(), zone);
            if (!zoneSet.add(zone)) {
                add(key, path + ".zones[" + z + "]", "duplicate zone", q(zone), "list each zone once");
            }
        }
        if (c.subnetIds().isEmpty()) {
            Cidr cidr = Cidr.parse(c.vpcCidr());
            if (cidr == null) {
                add(key, path + ".vpcCidr", "not a valid IPv4 CIDR block", q(c.vpcCidr()), "use a network address and prefix, e.g. 10.0.0.0/16");
            } else if (cidr.prefix() < 16 || cidr.prefix() > 24) {
                add(key, path + ".vpcCidr", "prefix must be between /16 and /24 (AWS VPC limits are /16 to /28; Derrick needs room for subnets)",
                        q(c.vpcCidr()), "use e.g. 10.0.0.0/16");
            } else if (!c.zones().isEmpty()) {
                int subnets = 2 * c.zones().size();
                int bits = 32 - Integer.numberOfLeadingZeros(subnets - 1);
                if (cidr.prefix() + bits > 28) {
                    add(key, path + ".vpcCidr", "too small for " + subnets + " subnets (one private and one public per zone)",
                            q(c.vpcCidr()), "use a larger block such as /16");
                }
            }
        }
        var poolNames = new HashSet<String>();
        for (int p = 0; p < c.nodePools().size(); p++) {
            pool(c, c.nodePools().get(p), path + ".nodePools[" + p + "]", poolNames, zoneSet);
        }
    }

    private void checkZone(String key, String path, String region, String zone) {
        if (region != null && !(zone.length() == region.length() + 1 && zone.startsWith(region) && Character.isLowerCase(zone.charAt(zone.length() - 1)))) {
            add(key, path, "not a zone of region " + region, q(zone), "use " + region + " plus a letter, e.g. " + region + "a");
        }
    }

    private void pool(ClusterSpec c, NodePoolSpec p, String path, Set<String> names, Set<String> clusterZones) {
        String key = "clusters";
        String why = p.name() == null ? null : Names.dnsLabel(p.name(), 40);
        if (why != null) {
            add(key, path + ".name", why, q(p.name()), "use a short DNS-style name such as gpu");
        } else if (p.name() != null && !names.add(p.name())) {
            add(key, path + ".name", "duplicate pool name in cluster " + c.name(), q(p.name()), "give every pool in a cluster its own name");
        }
        if (p.min() != null && p.min() < 0) {
            add(key, path + ".min", "must not be negative", p.min(), "use 0 to let the pool scale to zero");
        }
        if (p.max() != null && p.max() < 1) {
            add(key, path + ".max", "must be at least 1", p.max(), "set max to the most nodes the pool may grow to");
        }
        if (p.min() != null && p.max() != null && p.min() >= 0 && p.max() >= 1 && p.min() > p.max()) {
            add(key, path + ".max", "must be >= min (min=" + p.min() + ", max=" + p.max() + ")", p.max(), "raise max or lower min");
        }
        if (p.desired() != null && p.min() != null && p.max() != null && p.min() <= p.max()
                && (p.desired() < p.min() || p.desired() > p.max())) {
            add(key, path + ".desired", "must be between min and max (" + p.min() + ".." + p.max() + ")", p.desired(), "leave it out to start at min");
        }
        if (p.gpusPerNode() != null && p.gpusPerNode() < 1) {
            add(key, path + ".gpusPerNode", "must be at least 1", p.gpusPerNode(), "leave it out for the smallest size");
        }
        if (p.diskSizeGb() < 20 || p.diskSizeGb() > 16384) {
            add(key, path + ".diskSizeGb", "must be between 20 and 16384", p.diskSizeGb(), "200 suits most GPU images");
        }
        List<String> zones = p.zones() == null ? List.of() : p.zones();
        for (int z = 0; z < zones.size(); z++) {
            checkZone(key, path + ".zones[" + z + "]", c.region(), zones.get(z));
            if (!clusterZones.isEmpty() && !clusterZones.contains(zones.get(z))) {
                add(key, path + ".zones[" + z + "]", "is not one of the cluster's zones " + new TreeSet<>(clusterZones), q(zones.get(z)),
                        "add it to the cluster's zones or pick one of them");
            }
        }
        for (int t = 0; t < p.taints().size(); t++) {
            Taint taint = p.taints().get(t);
            if (!TAINT_EFFECTS.contains(taint.effect())) {
                add(key, path + ".taints[" + t + "].effect", "unknown taint effect", q(taint.effect()), "use NoSchedule, PreferNoSchedule or NoExecute");
            }
        }
        machine(c, p, path);
    }

    private void machine(ClusterSpec c, NodePoolSpec p, String path) {
        String key = "clusters";
        Optional<CloudCatalog> maybeCloud = cloud(c.target());
        if (maybeCloud.isEmpty()) {
            return;
        }
        CloudCatalog cloud = maybeCloud.get();
        if (p.accelerator() == null && p.machineType() == null) {
            add(key, path, "names neither an accelerator nor a machineType", null,
                    "set accelerator (a GPU pool, e.g. accelerator: l4) or machineType (a CPU pool, e.g. machineType: m6i.xlarge)");
            return;
        }
        if (p.accelerator() != null) {
            if (catalog.accelerator(p.accelerator()).isEmpty()) {
                String guess = Suggest.closest(p.accelerator(), catalog.acceleratorKeys());
                add(key, path + ".accelerator", "unknown accelerator", q(p.accelerator()),
                        (guess != null ? "did you mean " + guess + "? " : "") + "known: " + String.join(", ", catalog.acceleratorKeys()));
                return;
            }
            List<InstanceType> offered = cloud.offering(p.accelerator());
            if (offered.isEmpty()) {
                var available = new TreeSet<String>();
                cloud.instanceTypes().forEach(t -> available.add(t.accelerator()));
                add(key, path + ".accelerator", "not offered on " + cloud.cloud(), q(p.accelerator()),
                        cloud.cloud() + " offers: " + String.join(", ", available));
                return;
            }
            if (p.machineType() != null) {
                Optional<InstanceType> t = cloud.find(p.machineType());
                if (t.isEmpty() || !p.accelerator().equals(t.get().accelerator())) {
                    add(key, path + ".machineType", "is not a " + cloud.cloud() + " instance type with " + p.accelerator() + " GPUs",
                            q(p.machineType()), "use one of " + String.join(", ", offered.stream().map(InstanceType::name).toList()) + ", or leave machineType out");
                } else if (p.gpusPerNode() != null && t.get().gpus() != p.gpusPerNode()) {
                    add(key, path + ".gpusPerNode", p.machineType() + " has " + t.get().gpus() + " GPUs", p.gpusPerNode(),
                            "set gpusPerNode: " + t.get().gpus() + " or leave it out");
                }
                return;
            }
            if (p.gpusPerNode() != null && p.gpusPerNode() >= 1
                    && offered.stream().noneMatch(t -> t.gpus() == p.gpusPerNode())) {
                var counts = new TreeSet<Integer>();
                offered.forEach(t -> counts.add(t.gpus()));
                add(key, path + ".gpusPerNode", cloud.cloud() + " has no " + p.accelerator() + " instance with this many GPUs", p.gpusPerNode(),
                        "use one of " + counts);
            }
            return;
        }
        // A CPU pool: a known type, or at least a well-formed one that is not an accelerated family.
        Optional<InstanceType> t = cloud.find(p.machineType());
        if (t.isPresent()) {
            if (t.get().isGpu()) {
                add(key, path + ".accelerator", "required value is missing: " + p.machineType() + " carries " + t.get().accelerator() + " GPUs",
                        null, "add accelerator: " + t.get().accelerator() + " so the pool gets GPU labels, taint and AMI");
            }
            return;
        }
        if (!AWS_INSTANCE.matcher(p.machineType()).matches()) {
            add(key, path + ".machineType", "not an AWS instance type", q(p.machineType()), "use a type such as m6i.xlarge");
        } else if (AWS_ACCELERATED_FAMILY.matcher(p.machineType()).matches()) {
            add(key, path + ".machineType", "an accelerated instance type that is not in Derrick's catalog", q(p.machineType()),
                    "use accelerator: <key> (see ./derrick catalog) or add the type to the catalog with its source");
        }
    }

    private void store(ObjectStoreSpec s, String path, Set<String> names) {
        String key = "objectStores";
        if (s.name() == null) {
            return;
        }
        if (!names.add(s.name())) {
            add(key, path + ".name", "duplicate object store name", q(s.name()), "give every store its own name");
        }
        if (!supported(key, path, s.target())) {
            return;
        }
        if (s.bucketName() != null) {
            String why = Names.s3Bucket(s.bucketName());
            if (why != null) {
                add(key, path + ".bucketName", "invalid S3 bucket name: " + why, q(s.bucketName()), "see the S3 bucket naming rules");
            }
        } else {
            // Pulumi auto-naming appends "-" and 7 random characters to the name.
            String why = Names.s3Bucket(s.name() + "-abcdefg");
            if (why != null || s.name().length() + Names.AUTONAME_SUFFIX > 63) {
                add(key, path + ".name", "invalid S3 bucket name once Pulumi adds its 8-character suffix: "
                                + (why != null ? why : "longer than 63 characters"),
                        q(s.name()), "use lowercase letters, digits and '-', at most 55 characters, or set bucketName");
            }
        }
        if (s.region() == null) {
            // With clusters, a missing region is the first cluster's problem and is reported there.
            if (config.clusters().isEmpty()) {
                add(key, path + ".region", "required value is missing", null, "set region on the store, or derrick:region, or define a cluster first");
            }
        } else if (s.target() != null) {
            checkRegion(key, path + ".region", s.target(), s.region());
        }
        if (s.expireNoncurrentDays() < 0) {
            add(key, path + ".expireNoncurrentDays", "must not be negative", s.expireNoncurrentDays(), "use 0 to keep noncurrent versions");
        }
        if (!s.encryption().equals("s3-managed") && !s.encryption().equals("kms")) {
            add(key, path + ".encryption", "unknown value", q(s.encryption()), "use one of s3-managed, kms");
        }
        if (s.kmsKeyId() != null && !s.encryption().equals("kms")) {
            add(key, path + ".kmsKeyId", "only applies with encryption: kms", q(s.kmsKeyId()), "set encryption: kms or drop kmsKeyId");
        }
    }

    private void registry(RegistrySpec r, String path, Set<String> names) {
        String key = "registries";
        if (r.name() == null) {
            return;
        }
        String why = Names.ecrRepository(r.name());
        if (why != null) {
            add(key, path + ".name", "invalid ECR repository name: " + why, q(r.name()), "use e.g. ml/models");
        } else if (!names.add(r.name())) {
            add(key, path + ".name", "duplicate registry name", q(r.name()), "give every registry its own name");
        }
        if (!supported(key, path, r.target())) {
            return;
        }
        if (r.region() == null) {
            if (config.clusters().isEmpty()) {
                add(key, path + ".region", "required value is missing", null, "set region on the registry, or derrick:region, or define a cluster first");
            }
        } else if (r.target() != null) {
            checkRegion(key, path + ".region", r.target(), r.region());
        }
        if (r.untaggedExpireDays() < 1) {
            add(key, path + ".untaggedExpireDays", "must be at least 1", r.untaggedExpireDays(), "14 is a common choice");
        }
        if (r.keepLastImages() < 1) {
            add(key, path + ".keepLastImages", "must be at least 1", r.keepLastImages(), "200 is the default");
        }
    }
}
