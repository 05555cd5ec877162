package dev.derrick.config;

import dev.derrick.catalog.Catalog;
import dev.derrick.catalog.CloudCatalog;
import dev.derrick.catalog.InstanceType;
import dev.derrick.config.internal.Cidr;
import dev.derrick.config.internal.CloudRules;
import dev.derrick.config.internal.DerivedNames;
import dev.derrick.config.internal.Names;
import dev.derrick.config.internal.NodeReader;
import dev.derrick.config.internal.Problems;
import dev.derrick.config.internal.Quantities;
import dev.derrick.config.internal.Suggest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Rules across fields, per cloud and against the catalog, on a config whose every field bound cleanly. */
final class StackValidator {
    private static final Pattern K8S_VERSION = Pattern.compile("1\\.\\d{2}");
    private static final Pattern GCP_KMS_KEY = Pattern.compile("projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+");
    private static final Set<String> TAINT_EFFECTS = Set.of("NoSchedule", "PreferNoSchedule", "NoExecute");
    private static final Set<Target> SUPPORTED = new LinkedHashSet<>(List.of(Target.AWS, Target.GCP, Target.AZURE, Target.ONPREM));
    /** An S3-compatible endpoint: http(s), a host, an optional port, no path. */
    private static final Pattern ENDPOINT_URL = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?/?");
    /** A chart repository: http(s), a host, an optional port and path; no user info, query or fragment. */
    private static final Pattern CHART_REPOSITORY_URL = Pattern.compile("https?://[A-Za-z0-9.-]+(:\\d{1,5})?(/[A-Za-z0-9._~%/-]*)?");
    /** An OCI repository reference without scheme or tag: host[:port]/path. */
    private static final Pattern REPOSITORY_URL = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\\d{1,5})?/" + "[a-z0-9]+([._/-][a-z0-9]+)*");
    /** GPUs one on-prem node may declare: 16 covers HGX/DGX boards (8) and dense PCIe servers. */
    private static final int MAX_GPUS_PER_NODE = 16;
    /** A Prometheus duration: one or more number+unit parts, e.g. 15d or 1d12h. */
    private static final Pattern PROMETHEUS_DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

    private final StackConfig config;
    private final Catalog catalog;
    private final Function<String, String> fileOf;
    private final Problems problems;
    /** Paths that already failed to bind: they read as null here, which must not be reported again as "missing". */
    private final List<String> unbound;
    /** Cluster names {@code derrick:kubeconfigs} has entries for; null when absent or unreadable. */
    private final Set<String> kubeconfigClusters;

    /** The clouds whose clusters, stores or registries take {@code derrick:region} (they name no region of their own). */
    private final Set<Target> regionUsers;

    StackValidator(StackConfig config, Catalog catalog, Function<String, String> fileOf, Problems problems, Set<String> kubeconfigClusters,
                   Set<Target> regionUsers) {
        this.regionUsers = Set.copyOf(regionUsers);
        this.config = config;
        this.catalog = catalog;
        this.fileOf = fileOf;
        this.problems = problems;
        this.unbound = problems.list().stream().map(ConfigError::path).toList();
        this.kubeconfigClusters = kubeconfigClusters;
    }

    private void add(String key, String path, String problem, Object value, String hint) {
        if (unbound.stream().anyMatch(u -> u.equals(path) || u.startsWith(path + "."))) {
            return;
        }
        problems.add(fileOf.apply(key), path, problem, value == null ? null : String.valueOf(value), hint);
    }

    void validate() {
        String env = config.environment();
        String why = env == null ? null : Names.dnsLabel(env, 32);
        if (why != null) {
            add("environment", "derrick:environment", why, q(env), "use e.g. dev, staging or prod");
        }
        Set<Target> targets = config.targets();
        tags(targets);
        if (config.region() != null) {
            // A default is judged only where it is used: Pulumi.yaml's us-east-1 must not fail a GCP stack whose clusters name their region.
            stackRegion(regionUsers.isEmpty() && targets.isEmpty() ? Set.of(Target.AWS) : regionUsers);
        }
        gcpProject(targets);
        var clusterNames = new HashSet<String>();
        for (int i = 0; i < config.clusters().size(); i++) {
            cluster(config.clusters().get(i), "derrick:clusters[" + i + "]", clusterNames);
        }
        kubeconfigs();
        var storeNames = new HashSet<String>();
        var bucketNames = new HashSet<String>();
        for (int i = 0; i < config.objectStores().size(); i++) {
            store(config.objectStores().get(i), "derrick:objectStores[" + i + "]", storeNames, bucketNames);
        }
        String mirror = config.charts().repository();
        if (mirror != null && !CHART_REPOSITORY_URL.matcher(mirror).matches()) {
            // Never echo a URL with user info: it may carry a password.
            add("charts", "derrick:charts.repository", "not a Helm chart repository URL",
                    mirror.contains("@") ? "[not shown: contains user info]" : q(mirror),
                    "use http(s)://host[:port][/path] without credentials, e.g. https://charts.internal.example/derrick");
        }
        config.policy().overrides().forEach((id, level) -> {
            if (!Set.of("mandatory", "advisory", "disabled").contains(level)) {
                add("policy", "derrick:policy.overrides." + id, "unknown enforcement", q(level), "use mandatory, advisory or disabled");
            }
        });
        if (config.policy().maxGpus() != null && config.policy().maxGpus() < 0) {
            add("policy", "derrick:policy.budget.maxGpus", "must not be negative", config.policy().maxGpus(), "use 0 to forbid GPUs");
        }
        if (config.policy().maxHourlyUsd() != null && config.policy().maxHourlyUsd() < 0) {
            add("policy", "derrick:policy.budget.maxHourlyUsd", "must not be negative", config.policy().maxHourlyUsd(), "set a dollar amount per hour");
        }
        var registryNames = new HashSet<String>();
        for (int i = 0; i < config.registries().size(); i++) {
            registry(config.registries().get(i), "derrick:registries[" + i + "]", registryNames);
        }
        monitoring(config.monitoring(), "derrick:monitoring");
    }

    private static String q(String s) {
        return s == null ? null : "\"" + s + "\"";
    }

    private void tags(Set<Target> targets) {
        config.tags().forEach((k, v) -> {
            String path = "derrick:tags." + k;
            if (k.isEmpty() || k.length() > 128 || k.startsWith("aws:")) {
                add("tags", path, "tag key must be 1-128 characters and not start with 'aws:'", q(k), "rename the tag");
            }
            if (v.length() > 256) {
                add("tags", path, "tag value is longer than 256 characters", v.length() + " characters", "shorten it");
            }
            String gcp = targets.contains(Target.GCP) ? Names.gcpLabel(k, v) : null;
            if (gcp != null) {
                add("tags", path, gcp + " (tags become labels on gcp)", q(k + ": " + v), "use lowercase, e.g. team: ml-platform");
            }
            String azure = targets.contains(Target.AZURE) && v.length() <= 256 ? Names.azureTag(k, v) : null;
            if (azure != null) {
                add("tags", path, azure, q(k), "rename the tag");
            }
        });
    }

    /** {@code derrick:region} is a default: it must be a region of a cloud the stack uses (aws when it uses none yet). */
    private void stackRegion(Set<Target> targets) {
        var clouds = new ArrayList<CloudCatalog>();
        for (Target t : targets) {
            cloud(t).ifPresent(clouds::add);
        }
        if (clouds.isEmpty() || clouds.stream().anyMatch(c -> c.regions().contains(config.region()))) {
            return;
        }
        var known = new ArrayList<String>();
        clouds.forEach(c -> known.addAll(c.regions()));
        String guess = Suggest.closest(config.region(), known);
        String names = String.join("/", clouds.stream().map(CloudCatalog::cloud).toList());
        add("region", "derrick:region", "unknown " + names + " region (the region of every " + names
                        + " cluster, store and registry that names none)", q(config.region()),
                guess != null ? "did you mean " + guess + "?" : "use a region code such as " + clouds.get(0).referenceRegion());
    }

    private void gcpProject(Set<Target> targets) {
        String project = config.gcpProject();
        if (project == null) {
            if (targets.contains(Target.GCP)) {
                add("gcpProject", "derrick:gcpProject", "required value is missing: the stack has gcp targets", null,
                        "set derrick:gcpProject to the Google Cloud project id, e.g. derrick:gcpProject: ml-platform-prod");
            }
            return;
        }
        String why = Names.gcpProject(project);
        if (why != null) {
            add("gcpProject", "derrick:gcpProject", "invalid Google Cloud project id: " + why, q(project),
                    "use the project id (not its name or number), e.g. ml-platform-prod");
        }
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

    /** The problems a capability package's rules report, under config key {@code key}. */
    private dev.derrick.config.internal.RuleSink sink(String key) {
        return (at, problem, value, hint) -> add(key, at, problem, value, hint);
    }

    private void cluster(ClusterSpec c, String path, Set<String> names) {
        if (c.storageClass() != null) {
            String bad = Names.dnsSubdomain(c.storageClass());
            if (bad != null) {
                add("clusters", path + ".storageClass", "not a StorageClass name: " + bad, q(c.storageClass()),
                        "use the name `kubectl get storageclass` shows, e.g. fast-ssd");
            }
        }
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
        if (why == null && c.name() != null && config.stack() != null) {
            for (var bad : DerivedNames.check(c.target(), config.stack(), c.name())) {
                add(key, path + ".name", "with stack " + q(config.stack()) + " the " + bad.what() + " would be " + q(bad.name())
                        + ", which the cloud refuses (" + bad.rule() + ")", q(c.name()),
                        "use a stack name of lowercase letters, digits and '-' (Derrick names clusters <stack>-<cluster>), e.g. -s "
                                + DerivedNames.suggestStack(config.stack()));
            }
        }
        dev.derrick.kueue.KueueRules.check(c, path, catalog).forEach(f -> add(key, f.path(), f.problem(), f.value(), f.hint()));
        dev.derrick.tracking.TrackingRules.check(c, path, config.objectStores(), sink(key));
        dev.derrick.serving.ServingRules.check(config, c, path, sink(key));
        if (c.target() == Target.ONPREM) {
            onpremCluster(c, path);
            dev.derrick.network.EndpointRules.cluster(c, path, sink(key));
            dev.derrick.upgrades.UpgradeRules.cluster(c, path, sink(key));
            return;
        }
        if (c.gpuDriver() == GpuDriver.OPERATOR) {
            // AKS documents skipping its driver install (node pool gpuProfile.driver: None; the older SkipGPUDriverInstall
            // tag was retired in 2025), but azure-native 2.10.0, the provider Derrick builds against, predates that field.
            add(key, path + ".gpuDriver", c.target() == Target.AZURE
                            ? "not supported on azure yet: skipping AKS's driver install needs the agent pool's gpuProfile, which the azure-native provider Derrick uses (2.10.0) does not have"
                            : "only applies to onprem: the cloud's GPU node image carries the driver", "\"operator\"",
                    "remove gpuDriver (the node image's driver is used)");
        }
        CloudRules rules = CloudRules.of(c.target());
        String cloud = NodeReader.token(c.target());
        if (c.region() != null) {
            checkRegion(key, path + ".region", c.target(), c.region());
        }
        if (!K8S_VERSION.matcher(c.kubernetesVersion()).matches()) {
            add(key, path + ".kubernetesVersion", "must be a Kubernetes minor version like \"1.34\"", q(c.kubernetesVersion()),
                    "quote it in YAML so 1.30 does not become 1.3");
        }
        if (c.target() != Target.AWS && !c.subnetIds().isEmpty()) {
            add(key, path + ".subnetIds", "only applies to aws", c.subnetIds().toString(),
                    cloud.equals("gcp") ? "Derrick creates the VPC network on gcp: set vpcCidr instead" : "AKS uses a managed virtual network: remove subnetIds");
        }
        boolean zonesRequired = c.target() == Target.GCP || c.target() == Target.AWS && c.subnetIds().isEmpty();
        if (zonesRequired && c.zones().isEmpty() && !problems.reported(path + ".zones")) {
            String example = rules.zoneHint(c.region() == null ? "<region>" : c.region());
            add(key, path + ".zones", "required value is missing", null,
                    c.target() == Target.GCP ? "list the zones the node pools may use (GPU types are zonal); " + example
                            : "list the zones to spread subnets over, e.g. zones: [" + c.region() + "a, " + c.region() + "b]");
        }
        var zoneSet = new HashSet<String>();
        for (int z = 0; z < c.zones().size(); z++) {
            String zone = c.zones().get(z);
            checkZone(key, path + ".zones[" + z + "]", rules, c.region(), zone);
            if (!zoneSet.add(zone)) {
                add(key, path + ".zones[" + z + "]", "duplicate zone", q(zone), "list each zone once");
            }
        }
        network(c, path, cloud);
        dev.derrick.network.EndpointRules.cluster(c, path, sink(key));
        dev.derrick.upgrades.UpgradeRules.cluster(c, path, sink(key));
        var poolNames = new HashSet<String>();
        for (int p = 0; p < c.nodePools().size(); p++) {
            pool(c, c.nodePools().get(p), path + ".nodePools[" + p + "]", poolNames, zoneSet);
        }
        dev.derrick.karpenter.KarpenterRules.cluster(c, path, (at, problem, value, hint) -> add(key, at, problem, value, hint));
        if (c.target() != Target.GCP) {
            migConfigs(c, path);
        }
        if (c.target() == Target.AZURE && !c.nodePools().isEmpty()) {
            NodePoolSpec system = c.systemPool();
            if (system == null) {
                add(key, path + ".nodePools", "an azure cluster needs a CPU pool for the AKS system pool", null,
                        "add a pool with machineType (e.g. Standard_D4s_v5) and min >= 1 before the GPU pools");
            } else {
                int i = c.nodePools().indexOf(system);
                if (system.min() != null && system.min() < 1) {
                    add(key, path + ".nodePools[" + i + "].min", "the AKS system pool (the first CPU pool) needs at least one node", system.min(),
                            "set min: 1 or more");
                }
                if (system.capacity() == CapacityType.SPOT) {
                    add(key, path + ".nodePools[" + i + "].capacity", "the AKS system pool (the first CPU pool) cannot run on spot VMs", "\"spot\"",
                            "use on-demand for this pool, or put an on-demand CPU pool first");
                }
            }
        }
    }

    /** vpcCidr, podCidr and serviceCidr: valid where the cloud uses them, absent where it does not, and apart. */
    private void network(ClusterSpec c, String path, String cloud) {
        String key = "clusters";
        if (c.target() == Target.AZURE && c.vpcCidr() != null) {
            add(key, path + ".vpcCidr", "does not apply to azure: AKS uses a managed virtual network", q(c.vpcCidr()),
                    "remove vpcCidr; set podCidr or serviceCidr to change the cluster's ranges");
        }
        if (c.target() == Target.AWS) {
            for (String field : List.of("podCidr", "serviceCidr")) {
                String v = field.equals("podCidr") ? c.podCidr() : c.serviceCidr();
                if (v != null) {
                    add(key, path + "." + field, "only applies to gcp and azure (pods use VPC addresses on EKS)", q(v), "remove " + field);
                }
            }
        }
        var ranges = new ArrayList<String[]>();
        if (c.vpcCidr() != null && c.target() != Target.AZURE) {
            Cidr cidr = Cidr.parse(c.vpcCidr());
            if (cidr == null) {
                add(key, path + ".vpcCidr", "not a valid IPv4 CIDR block", q(c.vpcCidr()), "use a network address and prefix, e.g. 10.0.0.0/16");
            } else if (cidr.prefix() < 16 || cidr.prefix() > 24) {
                add(key, path + ".vpcCidr", "prefix must be between /16 and /24 (AWS VPC limits are /16 to /28; Derrick needs room for subnets)",
                        q(c.vpcCidr()), "use e.g. 10.0.0.0/16");
            } else {
                ranges.add(new String[]{"vpcCidr", c.vpcCidr()});
                if (c.target() == Target.AWS && !c.zones().isEmpty()) {
                    int subnets = 2 * c.zones().size();
                    int bits = 32 - Integer.numberOfLeadingZeros(subnets - 1);
                    if (cidr.prefix() + bits > 28) {
                        add(key, path + ".vpcCidr", "too small for " + subnets + " subnets (one private and one public per zone)",
                                q(c.vpcCidr()), "use a larger block such as /16");
                    }
                }
            }
        }
        if (c.target() != Target.AWS) {
            for (String field : List.of("podCidr", "serviceCidr")) {
                String v = field.equals("podCidr") ? c.podCidr() : c.serviceCidr();
                Cidr cidr = Cidr.parse(v);
                int[] prefixes = field.equals("podCidr") ? new int[]{8, 20} : new int[]{12, 24};
                if (cidr == null) {
                    add(key, path + "." + field, "not a valid IPv4 CIDR block", q(v), "use a network address and prefix, e.g. "
                            + (field.equals("podCidr") ? ClusterSpec.DEFAULT_POD_CIDR : ClusterSpec.DEFAULT_SERVICE_CIDR));
                } else if (cidr.prefix() < prefixes[0] || cidr.prefix() > prefixes[1]) {
                    add(key, path + "." + field, "prefix must be between /" + prefixes[0] + " and /" + prefixes[1], q(v),
                            "use e.g. " + (field.equals("podCidr") ? ClusterSpec.DEFAULT_POD_CIDR : ClusterSpec.DEFAULT_SERVICE_CIDR));
                } else {
                    ranges.add(new String[]{field, v});
                }
            }
        }
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                if (Cidr.parse(ranges.get(i)[1]).overlaps(Cidr.parse(ranges.get(j)[1]))) {
                    add(key, path + "." + ranges.get(j)[0], "overlaps " + ranges.get(i)[0] + " " + ranges.get(i)[1] + " on " + cloud,
                            q(ranges.get(j)[1]), "pick a range outside " + ranges.get(i)[1]);
                }
            }
        }
    }

    private void checkZone(String key, String path, CloudRules rules, String region, String zone) {
        String why = rules.zoneProblem(region, zone);
        if (why != null) {
            add(key, path, why, q(zone), rules.zoneHint(region));
        }
    }

    private void pool(ClusterSpec c, NodePoolSpec p, String path, Set<String> names, Set<String> clusterZones) {
        String key = "clusters";
        CloudRules rules = CloudRules.of(c.target());
        String why = p.name() == null ? null : Names.dnsLabel(p.name(), 40);
        if (why == null && p.name() != null && c.target() == Target.AZURE) {
            why = Names.aksPool(p.name());
        }
        if (why != null) {
            add(key, path + ".name", why, q(p.name()), c.target() == Target.AZURE ? "use a short name such as gpu or h100" : "use a short DNS-style name such as gpu");
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
        if (rules == null && !zones.isEmpty()) {
            add(key, path + ".zones", "does not apply to onprem: the nodes exist where they are", zones.toString(), "remove zones");
            zones = List.of();
        }
        for (int z = 0; z < zones.size(); z++) {
            checkZone(key, path + ".zones[" + z + "]", rules, c.region(), zones.get(z));
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
            // Kubernetes rejects a node whose taints repeat a (key, effect) pair; the GPU taint counts as the first.
            boolean gpuDefault = p.isGpu() && p.gpuTaint() && taint.key() != null && taint.key().equals(Taint.GPU.key())
                    && taint.effect().equals(Taint.GPU.effect());
            boolean repeated = p.taints().subList(0, t).stream().anyMatch(o -> Objects.equals(o.key(), taint.key()) && o.effect().equals(taint.effect()));
            if (gpuDefault) {
                add(key, path + ".taints[" + t + "]", "repeats the GPU taint's key and effect (" + Taint.GPU.kubectlForm()
                        + " is added to every GPU pool); Kubernetes requires (key, effect) unique on a node", q(taint.kubectlForm()),
                        "set gpuTaint: false to use your own nvidia.com/gpu taint instead, or remove this one");
            } else if (repeated) {
                add(key, path + ".taints[" + t + "]", "repeats the key and effect of an earlier taint; Kubernetes requires (key, effect) unique on a node",
                        q(taint.kubectlForm()), "keep one taint per key and effect");
            }
        }
        if (p.reservation() != null) {
            if (c.target() != Target.GCP) {
                add(key, path + ".reservation", "only applies to gcp", q(p.reservation()),
                        "remove it; reserved capacity on " + NodeReader.token(c.target()) + " is billing applied to on-demand nodes");
            } else if (p.capacity() != CapacityType.RESERVED) {
                add(key, path + ".reservation", "only applies with capacity: reserved", q(p.reservation()), "set capacity: reserved or remove reservation");
            } else {
                String bad = Names.dnsLabel(p.reservation(), 63);
                if (bad != null) {
                    add(key, path + ".reservation", "not a Compute Engine reservation name: " + bad, q(p.reservation()), "use the reservation's name, e.g. h100-prod");
                }
            }
        }
        sharing(c, p, path);
        dev.derrick.network.PoolNetworkRules.pool(c, p, path, catalog, sink(key));
        cloud(Target.AWS).ifPresent(aws -> dev.derrick.karpenter.KarpenterRules.pool(c, p, path, aws,
                (at, problem, value, hint) -> add(key, at, problem, value, hint)));
        if (c.target() == Target.ONPREM) {
            onpremPool(c, p, path);
            return;
        }
        for (String field : List.of("nodes", "nodeSelector")) {
            if (field.equals("nodes") ? p.nodes() != null : p.nodeSelector() != null) {
                add(key, path + "." + field, "only applies to onprem: the cloud creates the pool's nodes", null,
                        "remove " + field + "; size the pool with min and max");
            }
        }
        machine(c, p, path, rules);
    }


    // ---------------------------------------------------------------- onprem

    /** An existing cluster: no network or zones of Derrick's, a kubeconfig in derrick:kubeconfigs, pools of existing nodes. */
    private void onpremCluster(ClusterSpec c, String path) {
        String key = "clusters";
        if (!K8S_VERSION.matcher(c.kubernetesVersion()).matches()) {
            add(key, path + ".kubernetesVersion", "must be a Kubernetes minor version like \"1.34\"", q(c.kubernetesVersion()),
                    "quote it in YAML so 1.30 does not become 1.3");
        }
        if (!c.zones().isEmpty()) {
            add(key, path + ".zones", "does not apply to onprem: the nodes exist where they are", c.zones().toString(), "remove zones");
        }
        if (!c.subnetIds().isEmpty()) {
            add(key, path + ".subnetIds", "does not apply to onprem: Derrick creates no network there", c.subnetIds().toString(), "remove subnetIds");
        }
        for (String field : List.of("vpcCidr", "podCidr", "serviceCidr")) {
            String v = switch (field) {
                case "vpcCidr" -> c.vpcCidr();
                case "podCidr" -> c.podCidr();
                default -> c.serviceCidr();
            };
            if (v != null) {
                add(key, path + "." + field, "does not apply to onprem: the cluster's network exists", q(v), "remove " + field);
            }
        }
        String kubeconfigsKey = StackConfigLoader.NAMESPACE + ":" + StackConfigLoader.KUBECONFIGS;
        boolean unreadable = problems.reported(kubeconfigsKey);
        if (c.name() != null && !unreadable && (kubeconfigClusters == null || !kubeconfigClusters.contains(c.name()))) {
            add(StackConfigLoader.KUBECONFIGS, kubeconfigsKey + "." + c.name(), "required value is missing: onprem cluster " + c.name()
                            + " is reached with its kubeconfig", null,
                    "pulumi config set --secret --path '" + kubeconfigsKey + "." + c.name() + "' \"$(cat kubeconfig)\"");
        }
        var poolNames = new HashSet<String>();
        var nodeNames = new HashSet<String>();
        for (int p = 0; p < c.nodePools().size(); p++) {
            NodePoolSpec pool = c.nodePools().get(p);
            pool(c, pool, path + ".nodePools[" + p + "]", poolNames, Set.of());
            List<String> nodes = pool.nodes() == null ? List.of() : pool.nodes();
            for (int n = 0; n < nodes.size(); n++) {
                if (!nodeNames.add(nodes.get(n))) {
                    add(key, path + ".nodePools[" + p + "].nodes[" + n + "]", "node is listed twice in cluster " + c.name(), q(nodes.get(n)),
                            "a node belongs to one pool: list it once");
                }
            }
        }
        migConfigs(c, path);
    }

    /**
     * The GPU operator's MIG manager names one configuration per profile ({@code all-1g.10gb}); two pools of one cluster
     * whose GPUs fit a different number of that profile (A100 40GB: 4 x 1g.10gb, 80GB: 7) would need two.
     */
    private void migConfigs(ClusterSpec c, String path) {
        var instances = new java.util.HashMap<String, Integer>();
        var firstPool = new java.util.HashMap<String, String>();
        for (int p = 0; p < c.nodePools().size(); p++) {
            NodePoolSpec pool = c.nodePools().get(p);
            if (pool.sharing() == null || pool.sharing().mode() != SharingMode.MIG || pool.sharing().profile() == null || pool.accelerator() == null) {
                continue;
            }
            var profile = catalog.accelerator(pool.accelerator()).flatMap(a -> a.migProfile(pool.sharing().profile()));
            if (profile.isEmpty()) {
                continue;
            }
            Integer seen = instances.putIfAbsent(profile.get().name(), profile.get().instances());
            firstPool.putIfAbsent(profile.get().name(), pool.name());
            if (seen != null && seen != profile.get().instances()) {
                add("clusters", path + ".nodePools[" + p + "].sharing.profile", "MIG profile " + profile.get().name() + " fits " + profile.get().instances()
                                + " times on " + pool.accelerator() + " but " + seen + " times on pool " + firstPool.get(profile.get().name())
                                + "'s GPUs; the GPU operator has one configuration per profile in a cluster", q(profile.get().name()),
                        "use another profile for one of the pools, or put them in separate clusters");
            }
        }
    }

    /** A pool of existing on-prem nodes, selected by name or label, with its GPUs declared. */
    private void onpremPool(ClusterSpec c, NodePoolSpec p, String path) {
        String key = "clusters";
        boolean listed = p.nodes() != null;
        boolean selected = p.nodeSelector() != null;
        if (listed == selected) {
            add(key, path + (listed ? ".nodeSelector" : ".nodes"), listed ? "give nodes or nodeSelector, not both"
                            : "required value is missing: an onprem pool names its existing nodes", null,
                    "list them (nodes: [gpu-01, gpu-02]) or select them by label (nodeSelector: {node-role.example.com/gpu: \"true\"} with max)");
        }
        if (listed) {
            if (p.nodes().isEmpty()) {
                add(key, path + ".nodes", "must list at least one node", "[]", "list the pool's node names (kubectl get nodes)");
            }
            for (int n = 0; n < p.nodes().size(); n++) {
                String why = Names.dnsSubdomain(p.nodes().get(n));
                if (why != null) {
                    add(key, path + ".nodes[" + n + "]", "not a Kubernetes node name: " + why, q(p.nodes().get(n)), "use the name kubectl get nodes shows");
                }
            }
            int count = p.nodes().size();
            if (count > 0 && p.max() != null && p.max() != count) {
                add(key, path + ".max", "must equal the number of listed nodes (" + count + ")", p.max(), "leave max out");
            }
            if (count > 0 && p.min() != null && p.max() != null && p.max() == count && p.min() != count) {
                add(key, path + ".min", "must equal the number of listed nodes (" + count + ")", p.min(), "leave min out");
            }
        }
        if (selected) {
            if (p.nodeSelector().isEmpty()) {
                add(key, path + ".nodeSelector", "must have at least one label", "{}", "select by a label the pool's nodes carry");
            }
            p.nodeSelector().forEach((k, v) -> {
                String why = Names.kubernetesLabel(k, v);
                if (why != null) {
                    add(key, path + ".nodeSelector." + k, "not a Kubernetes label: " + why, q(k + ": " + v), "use the node's label as kubectl shows it");
                }
            });
            if (p.max() == null && !problems.reported(path + ".max")) {
                add(key, path + ".max", "required value is missing: how many nodes the selector matches", null,
                        "set max to the number of nodes (capacity and cost math count them)");
            }
        }
        if (p.capacity() == CapacityType.SPOT) {
            add(key, path + ".capacity", "does not apply to onprem: the machines are owned, not rented", "\"spot\"", "remove capacity");
        }
        if (p.machineType() != null) {
            add(key, path + ".machineType", "does not apply to onprem: the nodes exist", q(p.machineType()),
                    "remove it; a GPU pool declares accelerator and gpusPerNode");
        }
        if (p.accelerator() == null) {
            return;
        }
        if (catalog.accelerator(p.accelerator()).isEmpty()) {
            String guess = Suggest.closest(p.accelerator(), catalog.acceleratorKeys());
            add(key, path + ".accelerator", "unknown accelerator", q(p.accelerator()),
                    (guess != null ? "did you mean " + guess + "? " : "") + "known: " + String.join(", ", catalog.acceleratorKeys()));
        }
        if (p.gpusPerNode() == null && !problems.reported(path + ".gpusPerNode")) {
            add(key, path + ".gpusPerNode", "required value is missing: an onprem GPU pool declares its GPUs per node", null,
                    "set gpusPerNode to the GPUs each node carries (nvidia-smi -L)");
        } else if (p.gpusPerNode() != null && p.gpusPerNode() > MAX_GPUS_PER_NODE) {
            add(key, path + ".gpusPerNode", "must be at most " + MAX_GPUS_PER_NODE, p.gpusPerNode(), "count the GPUs of one node");
        }
    }

    /** {@code sharing:} of a pool against its accelerator's MIG table and the sharing bounds. */
    private void sharing(ClusterSpec c, NodePoolSpec p, String path) {
        GpuSharing s = p.sharing();
        if (s == null || s.mode() == null) {
            return;
        }
        String key = "clusters";
        String at = path + ".sharing";
        if (!p.isGpu()) {
            add(key, at, "only applies to GPU pools", null, "remove sharing, or add accelerator");
            return;
        }
        if (s.mode() == SharingMode.MIG) {
            if (s.replicas() != null) {
                add(key, at + ".replicas", "only applies to mode: time-slicing", s.replicas(), "remove replicas; MIG partitions by profile");
            }
            if (c.target() == Target.AZURE) {
                add(key, at + ".mode", "mig is not supported on azure yet (AKS partitions GPUs with the node pool's gpuInstanceProfile)",
                        "\"mig\"", "use mode: time-slicing, or no sharing");
                return;
            }
            var acc = catalog.accelerator(p.accelerator());
            if (acc.isEmpty()) {
                return; // reported as an unknown accelerator
            }
            if (!acc.get().supportsMig()) {
                add(key, at + ".mode", p.accelerator() + " has no MIG", "\"mig\"",
                        "use mode: time-slicing; MIG GPUs in the catalog: " + String.join(", ", catalog.acceleratorKeys().stream()
                                .filter(k -> catalog.accelerator(k).orElseThrow().supportsMig()).toList()));
                return;
            }
            var profiles = acc.get().migProfiles().stream().map(dev.derrick.catalog.MigProfile::name).toList();
            if (s.profile() == null) {
                if (!problems.reported(at + ".profile")) {
                    add(key, at + ".profile", "required value is missing: the MIG profile for every GPU of the pool", null,
                            "use one of " + String.join(", ", profiles));
                }
            } else if (acc.get().migProfile(s.profile()).isEmpty()) {
                String guess = Suggest.closest(s.profile(), profiles);
                add(key, at + ".profile", "not a MIG profile of " + p.accelerator(), q(s.profile()),
                        (guess != null ? "did you mean " + guess + "? " : "") + p.accelerator() + " offers " + String.join(", ", profiles));
            }
            return;
        }
        if (s.profile() != null) {
            add(key, at + ".profile", "only applies to mode: mig", q(s.profile()), "remove profile; time-slicing shares whole GPUs by replicas");
        }
        if (s.replicas() == null) {
            if (!problems.reported(at + ".replicas")) {
                add(key, at + ".replicas", "required value is missing: how many pods share one GPU", null,
                        "set replicas between " + GpuSharing.MIN_REPLICAS + " and " + GpuSharing.MAX_REPLICAS + ", e.g. replicas: 4");
            }
        } else if (s.replicas() < GpuSharing.MIN_REPLICAS || s.replicas() > GpuSharing.MAX_REPLICAS) {
            add(key, at + ".replicas", "must be between " + GpuSharing.MIN_REPLICAS + " and " + GpuSharing.MAX_REPLICAS, s.replicas(),
                    GpuSharing.MIN_REPLICAS + " shares a GPU between two pods; beyond " + GpuSharing.MAX_REPLICAS
                            + " each pod gets too small a slice (GKE's own limit)");
        }
    }

    /** Every derrick:kubeconfigs entry belongs to an onprem cluster of the stack. */
    private void kubeconfigs() {
        if (kubeconfigClusters == null) {
            return;
        }
        String key = StackConfigLoader.NAMESPACE + ":" + StackConfigLoader.KUBECONFIGS;
        var onprem = config.clusters().stream().filter(c -> c.target() == Target.ONPREM && c.name() != null).map(ClusterSpec::name).toList();
        for (String name : kubeconfigClusters) {
            if (onprem.contains(name)) {
                continue;
            }
            boolean cloud = config.clusters().stream().anyMatch(c -> name.equals(c.name()));
            String guess = Suggest.closest(name, onprem);
            add(StackConfigLoader.KUBECONFIGS, key + "." + name, cloud ? "only onprem clusters take a kubeconfig: Derrick builds the cloud cluster's own"
                            : "no onprem cluster of this name", null,
                    cloud ? "remove this entry" : guess != null ? "did you mean " + guess + "?" : "onprem clusters: " + (onprem.isEmpty() ? "none" : String.join(", ", onprem)));
        }
    }

    /** The onprem cluster a store or registry names, or a problem. */
    private void inCluster(String key, String path, String cluster) {
        boolean onprem = config.clusters().stream().anyMatch(c -> c.target() == Target.ONPREM && cluster.equals(c.name()));
        if (!onprem) {
            var names = config.clusters().stream().filter(c -> c.target() == Target.ONPREM).map(ClusterSpec::name).toList();
            add(key, path + ".cluster", "is not an onprem cluster of this stack", q(cluster),
                    names.isEmpty() ? "define the onprem cluster under derrick:clusters, or use an existing endpoint" : "use one of " + String.join(", ", names));
        }
    }

    private void size(String key, String path, String size) {
        if (size != null && !Quantities.positiveMemory(size)) {
            add(key, path, "not a positive Kubernetes storage quantity with a unit", q(size), "use e.g. 100Gi or 2Ti");
        }
    }

    /** The on-prem settings of a store: an existing S3-compatible endpoint, or an in-cluster store. */
    private void onpremStore(ObjectStoreSpec s, String path) {
        String key = "objectStores";
        if (s.endpoint() != null && s.cluster() != null) {
            add(key, path + ".cluster", "give endpoint or cluster, not both", q(s.cluster()),
                    "endpoint: an existing S3-compatible store; cluster: a store Derrick runs in that cluster");
        } else if (s.endpoint() == null && s.cluster() == null) {
            add(key, path + ".endpoint", "required value is missing: an onprem store needs an existing endpoint or a cluster to run in", null,
                    "set endpoint: https://s3.lab.example:9000, or define an onprem cluster (the store then runs in the first)");
        }
        if (s.endpoint() != null && !ENDPOINT_URL.matcher(s.endpoint()).matches()) {
            add(key, path + ".endpoint", "not an S3 endpoint URL", q(s.endpoint()), "use http(s)://host[:port], e.g. https://s3.lab.example:9000");
        }
        if (s.cluster() != null) {
            inCluster(key, path, s.cluster());
            if (s.versioning()) {
                add(key, path + ".versioning", "an in-cluster store keeps no object versions (the SeaweedFS chart has no versioning setting)", "true",
                        "set versioning: false, or use an existing S3-compatible endpoint that versions");
            }
        }
        if (s.cluster() == null && s.size() != null) {
            add(key, path + ".size", "only applies to in-cluster stores", q(s.size()), "remove size; the endpoint owns its capacity");
        }
        size(key, path + ".size", s.size());
        if ("kms".equals(s.encryption())) {
            add(key, path + ".encryption", "kms is not supported on onprem (no cloud key service)", q(s.encryption()),
                    "leave encryption out: s3-managed asks the endpoint for SSE-S3 (AES-256)");
        }
    }

    /** The on-prem settings of a registry: an existing one by URL, or zot in a cluster. */
    private void onpremRegistry(RegistrySpec r, String path) {
        String key = "registries";
        if (r.url() != null && r.cluster() != null) {
            add(key, path + ".cluster", "give url or cluster, not both", q(r.cluster()),
                    "url: an existing registry; cluster: a registry Derrick runs in that cluster");
        } else if (r.url() == null && r.cluster() == null) {
            add(key, path + ".url", "required value is missing: an onprem registry needs an existing url or a cluster to run in", null,
                    "set url: registry.lab.example:5000/" + r.name() + ", or define an onprem cluster (the registry then runs in the first)");
        }
        if (r.url() != null && !REPOSITORY_URL.matcher(r.url()).matches()) {
            add(key, path + ".url", "not a repository reference", q(r.url()),
                    "write host[:port]/repository without scheme or tag, e.g. registry.lab.example:5000/" + r.name());
        }
        if (r.cluster() != null) {
            inCluster(key, path, r.cluster());
        }
        if (r.cluster() == null && r.size() != null) {
            add(key, path + ".size", "only applies to in-cluster registries", q(r.size()), "remove size");
        }
        size(key, path + ".size", r.size());
    }

    /** Settings that only an onprem store or registry takes. */
    private void notOnCloud(String key, String path, Target target, List<String[]> fields) {
        for (String[] f : fields) {
            if (f[1] != null) {
                add(key, path + "." + f[0], "only applies to onprem", q(f[1]), "remove " + f[0] + " (target is " + NodeReader.token(target) + ")");
            }
        }
    }

    /** The pool's accelerator, GPU count and machine type against what its cloud offers. */
    private void machine(ClusterSpec c, NodePoolSpec p, String path, CloudRules rules) {
        String key = "clusters";
        Optional<CloudCatalog> maybeCloud = cloud(c.target());
        if (maybeCloud.isEmpty() || rules == null) {
            return;
        }
        CloudCatalog cloud = maybeCloud.get();
        String noun = rules.noun();
        if (p.accelerator() == null && p.machineType() == null) {
            add(key, path, "names neither an accelerator nor a machineType", null,
                    "set accelerator (a GPU pool, e.g. accelerator: l4) or machineType (a CPU pool, e.g. machineType: " + rules.example() + ")");
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
                List<InstanceType> same = cloud.named(p.machineType()).stream().filter(t -> p.accelerator().equals(t.accelerator())).toList();
                if (same.isEmpty()) {
                    add(key, path + ".machineType", "is not a " + cloud.cloud() + " " + noun + " with " + p.accelerator() + " GPUs",
                            q(p.machineType()), "use one of " + String.join(", ", offered.stream().map(InstanceType::name).distinct().toList())
                                    + ", or leave machineType out");
                } else if (p.gpusPerNode() != null && same.stream().noneMatch(t -> t.gpus() == p.gpusPerNode())) {
                    var counts = same.stream().map(InstanceType::gpus).toList();
                    add(key, path + ".gpusPerNode", counts.size() == 1 ? p.machineType() + " has " + counts.get(0) + " GPUs"
                                    : p.machineType() + " takes " + counts + " " + p.accelerator() + " GPUs", p.gpusPerNode(),
                            counts.size() == 1 ? "set gpusPerNode: " + counts.get(0) + " or leave it out" : "set gpusPerNode to one of " + counts);
                }
                return;
            }
            if (p.gpusPerNode() != null && p.gpusPerNode() >= 1
                    && offered.stream().noneMatch(t -> t.gpus() == p.gpusPerNode())) {
                var counts = new TreeSet<Integer>();
                offered.forEach(t -> counts.add(t.gpus()));
                add(key, path + ".gpusPerNode", cloud.cloud() + " has no " + p.accelerator() + " " + noun + " with this many GPUs", p.gpusPerNode(),
                        "use one of " + counts);
            }
            return;
        }
        // A CPU pool: a well-formed type of the cloud that is not of a GPU family (those come from the catalog).
        if (!rules.isMachineType(p.machineType())) {
            add(key, path + ".machineType", "not " + rules.displayName() + " " + noun, q(p.machineType()), "use a type such as " + rules.example());
        } else if (rules.isAccelerated(p.machineType())) {
            Optional<InstanceType> gpu = cloud.named(p.machineType()).stream().filter(InstanceType::isGpu).findFirst();
            if (gpu.isPresent()) {
                add(key, path + ".accelerator", "required value is missing: " + p.machineType() + " carries " + gpu.get().accelerator() + " GPUs",
                        null, "add accelerator: " + gpu.get().accelerator() + " so the pool gets GPU labels, taint and drivers");
            } else {
                add(key, path + ".machineType", "an accelerated " + noun + " that is not in Derrick's catalog", q(p.machineType()),
                        "use accelerator: <key> (see ./derrick catalog) or add the type to the catalog with its source");
            }
        }
    }

    private void monitoring(MonitoringSpec m, String path) {
        String size = m.storage().size();
        if (!Quantities.positiveMemory(size)) {
            add("monitoring", path + ".storage.size", "not a positive Kubernetes storage quantity with a unit", q(size), "use e.g. 50Gi or 1Ti");
        }
        String key = "monitoring";
        if (!PROMETHEUS_DURATION.matcher(m.retention()).matches()) {
            add(key, path + ".retention", "not a Prometheus duration", q(m.retention()), "use a number and a unit, e.g. 15d, 72h or 1w");
        } else if (millis(m.retention()) < 2L * 3600 * 1000) {
            add(key, path + ".retention", "must be at least 2h (Prometheus writes 2-hour blocks)", q(m.retention()), "use e.g. 3d");
        }
        size(key, path + ".resources.prometheus", m.resources().prometheus());
        size(key, path + ".resources.grafana", m.resources().grafana());
        range(key, path + ".gpuIdleMinutes", m.gpuIdleMinutes(), 1, 7 * 24 * 60, "60 (an hour) is the default; at most a week (10080)");
        range(key, path + ".gpuTemperatureThresholdCelsius", m.gpuTemperatureThresholdCelsius(), 40, 110,
                "datacenter GPUs slow down around 85-90 °C; 85 is the default");
        range(key, path + ".gpuMemoryUsedThresholdPercent", m.gpuMemoryUsedThresholdPercent(), 1, 100, "95 is the default");
        range(key, path + ".gpuIdleUtilizationThresholdPercent", m.gpuIdleUtilizationThresholdPercent(), 1, 100, "5 is the default");
    }

    private void size(String key, String path, ContainerSize size) {
        if (!Quantities.positiveCpu(size.cpu())) {
            add(key, path + ".cpu", "not a positive Kubernetes CPU quantity", q(size.cpu()), "use millicores or cores, e.g. 500m or 2");
        }
        if (!Quantities.positiveMemory(size.memory())) {
            add(key, path + ".memory", "not a positive Kubernetes memory quantity with a unit", q(size.memory()), "use e.g. 512Mi or 2Gi");
        }
    }

    private void range(String key, String path, int value, int min, int max, String hint) {
        if (value < min || value > max) {
            add(key, path, "must be between " + min + " and " + max, value, hint);
        }
    }

    /** Milliseconds in a valid Prometheus duration. */
    static long millis(String duration) {
        long total = 0;
        var m = DURATION_PART.matcher(duration);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total += n * switch (m.group(2)) {
                case "ms" -> 1L;
                case "s" -> 1000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                case "w" -> 7 * 86_400_000L;
                default -> 365 * 86_400_000L;
            };
        }
        return total;
    }

    private void store(ObjectStoreSpec s, String path, Set<String> names, Set<String> bucketNames) {
        String key = "objectStores";
        if (s.name() == null) {
            return;
        }
        if (!names.add(s.name())) {
            add(key, path + ".name", "duplicate object store name", q(s.name()), "give every store its own name");
        }
        if (s.bucketName() != null && !bucketNames.add(s.bucketName())) {
            add(key, path + ".bucketName", "duplicate bucketName: physical names are global", q(s.bucketName()), "give every store its own bucketName");
        }
        if (!supported(key, path, s.target())) {
            return;
        }
        if (s.target() == Target.ONPREM) {
            onpremStore(s, path);
        } else {
            notOnCloud(key, path, s.target(), List.of(new String[]{"endpoint", s.endpoint()}, new String[]{"cluster", s.cluster()},
                    new String[]{"size", s.size()}));
        }
        switch (s.target()) {
            case ONPREM -> {
                // A bucket on an endpoint is auto-named like on S3; an in-cluster bucket is named exactly (the chart creates it).
                if (s.inCluster()) {
                    String bucket = s.bucketName() != null ? s.bucketName() : s.name();
                    String why = Names.s3Bucket(bucket);
                    if (why != null) {
                        add(key, path + (s.bucketName() != null ? ".bucketName" : ".name"), "invalid bucket name: " + why, q(bucket),
                                "use lowercase letters, digits and '-'");
                    }
                } else {
                    physicalName(key, path, s, "S3 bucket", Names::s3Bucket, 63,
                            "use lowercase letters, digits and '-', at most 55 characters, or set bucketName", "see the S3 bucket naming rules");
                }
            }
            case AWS -> physicalName(key, path, s, "S3 bucket", Names::s3Bucket, 63,
                    "use lowercase letters, digits and '-', at most 55 characters, or set bucketName", "see the S3 bucket naming rules");
            case GCP -> physicalName(key, path, s, "GCS bucket", Names::gcsBucket, 63,
                    "use lowercase letters, digits and '-', at most 55 characters, or set bucketName", "see the GCS bucket naming rules");
            case AZURE -> physicalName(key, path, s, "Azure storage account", Names::storageAccount, 24,
                    "use at most 16 lowercase letters and digits (no '-'), or set bucketName",
                    "use 3-24 lowercase letters and digits, unique across Azure");
            default -> { }
        }
        if (s.target() == Target.ONPREM) {
            // An S3-compatible endpoint accepts any region name (MinIO and Ceph default to us-east-1).
            if (s.expireNoncurrentDays() < 0) {
                add(key, path + ".expireNoncurrentDays", "must not be negative", s.expireNoncurrentDays(), "use 0 to keep noncurrent versions");
            }
            return;
        }
        if (s.region() == null) {
            // With clusters, a missing region is the first cluster's problem and is reported there.
            if (config.clusters().isEmpty()) {
                add(key, path + ".region", "required value is missing", null, "set region on the store, or derrick:region, or define a cluster first");
            }
        } else {
            checkRegion(key, path + ".region", s.target(), s.region());
        }
        if (s.expireNoncurrentDays() < 0) {
            add(key, path + ".expireNoncurrentDays", "must not be negative", s.expireNoncurrentDays(), "use 0 to keep noncurrent versions");
        }
        if (!s.encryption().equals("s3-managed") && !s.encryption().equals("kms")) {
            add(key, path + ".encryption", "unknown value", q(s.encryption()), "use one of s3-managed, kms");
            return;
        }
        boolean kms = s.encryption().equals("kms");
        if (s.kmsKeyId() != null && !kms) {
            add(key, path + ".kmsKeyId", "only applies with encryption: kms", q(s.kmsKeyId()), "set encryption: kms or drop kmsKeyId");
        }
        if (kms && s.target() == Target.AZURE) {
            add(key, path + ".encryption", "kms is not supported on azure yet (customer-managed keys need a Key Vault and an identity)",
                    q(s.encryption()), "leave encryption out: Azure Storage encrypts with Microsoft-managed keys");
        }
        if (kms && s.target() == Target.GCP) {
            if (s.kmsKeyId() == null) {
                add(key, path + ".kmsKeyId", "required value is missing: gcp has no managed default key for kms", null,
                        "set kmsKeyId: projects/<p>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>, or leave encryption out (Google-managed keys)");
            } else if (!GCP_KMS_KEY.matcher(s.kmsKeyId()).matches()) {
                add(key, path + ".kmsKeyId", "not a Cloud KMS key resource name", q(s.kmsKeyId()),
                        "use projects/<p>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>");
            }
        }
    }

    /** The store's physical name: {@code bucketName} as given, or the logical name plus Pulumi's auto-name suffix. */
    private void physicalName(String key, String path, ObjectStoreSpec s, String what, Function<String, String> rule, int max,
                              String nameHint, String bucketHint) {
        if (s.bucketName() != null) {
            String why = rule.apply(s.bucketName());
            if (why != null) {
                add(key, path + ".bucketName", "invalid " + what + " name: " + why, q(s.bucketName()), bucketHint);
            }
            return;
        }
        String suffix = s.target() == Target.AZURE ? "abcdefgh" : "-abcdefg";
        String why = rule.apply(s.name() + suffix);
        if (why != null || s.name().length() + Names.AUTONAME_SUFFIX > max) {
            add(key, path + ".name", "invalid " + what + " name once Pulumi adds its 8-character suffix: "
                    + (why != null ? why : "longer than " + max + " characters"), q(s.name()), nameHint);
        }
    }

    private void registry(RegistrySpec r, String path, Set<String> names) {
        String key = "registries";
        if (r.name() == null) {
            return;
        }
        String why = switch (r.target() == null ? Target.AWS : r.target()) {
            case GCP -> prefixed("invalid Artifact Registry repository id: ", Names.artifactRegistryRepository(r.name()));
            case AZURE -> prefixed("invalid ACR registry name once Pulumi adds its 8-character suffix: ",
                    r.name().length() + Names.AUTONAME_SUFFIX > 50 ? "longer than 42 characters" : Names.containerRegistry(r.name() + "abcdefgh"));
            // OCI distribution repository names follow the same grammar as ECR's.
            case ONPREM -> prefixed("invalid OCI repository name: ", Names.ecrRepository(r.name()));
            default -> prefixed("invalid ECR repository name: ", Names.ecrRepository(r.name()));
        };
        if (why != null) {
            String hint = switch (r.target() == null ? Target.AWS : r.target()) {
                case GCP -> "use e.g. ml-models";
                case AZURE -> "use 5-42 letters and digits, e.g. mlmodels";
                default -> "use e.g. ml/models";
            };
            add(key, path + ".name", why, q(r.name()), hint);
        } else if (!names.add(r.name())) {
            add(key, path + ".name", "duplicate registry name", q(r.name()), "give every registry its own name");
        }
        if (!supported(key, path, r.target())) {
            return;
        }
        if (r.target() == Target.ONPREM) {
            onpremRegistry(r, path);
        } else {
            notOnCloud(key, path, r.target(), List.of(new String[]{"url", r.url()}, new String[]{"cluster", r.cluster()},
                    new String[]{"size", r.size()}));
        }
        if (r.region() == null || r.target() == Target.ONPREM) {
            if (config.clusters().isEmpty() && r.target() != Target.ONPREM) {
                add(key, path + ".region", "required value is missing", null, "set region on the registry, or derrick:region, or define a cluster first");
            }
        } else {
            checkRegion(key, path + ".region", r.target(), r.region());
        }
        if (r.untaggedExpireDays() < 1) {
            add(key, path + ".untaggedExpireDays", "must be at least 1", r.untaggedExpireDays(), "14 is a common choice");
        }
        if (r.keepLastImages() < 1) {
            add(key, path + ".keepLastImages", "must be at least 1", r.keepLastImages(), "200 is the default");
        }
    }

    private static String prefixed(String prefix, String why) {
        return why == null ? null : prefix + why;
    }
}
