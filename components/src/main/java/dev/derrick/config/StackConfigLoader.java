package dev.derrick.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.internal.NodeReader;
import dev.derrick.config.internal.Problems;
import dev.derrick.config.internal.Suggest;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns raw Pulumi config (namespace {@code derrick:}) into a validated {@link StackConfig}:
 * binds every key (unknown keys, wrong types, missing values), then checks the whole
 * ({@link StackValidator}), and throws one {@link ConfigException} naming every problem.
 */
public final class StackConfigLoader {
    public static final String NAMESPACE = "derrick";
    /** The keys Derrick reads; any other {@code derrick:} key is a mistake. */
    public static final List<String> KEYS = List.of("environment", "region", "gcpProject", "tags", "clusters", "objectStores", "registries",
            "policy", "monitoring", "grafanaAdminPassword", "kubeconfigs", "charts", "alerting");

    /**
     * Keys that may hold {@code secure:} values because Derrick keeps them secret end to end.
     * Any other secret is refused: it would reach resource inputs in plain text.
     */
    public static final List<String> SECRET_KEYS = List.of("grafanaAdminPassword", "kubeconfigs", "alerting");

    /**
     * {@code derrick:grafanaAdminPassword}: the Grafana admin password, read by the program with
     * {@code getSecret} only, so it stays a secret Output; it must be given as {@code secure:}.
     */
    public static final String GRAFANA_ADMIN_PASSWORD = "grafanaAdminPassword";

    /**
     * {@code derrick:kubeconfigs}: the kubeconfig of every onprem cluster, a map from cluster name to kubeconfig text.
     * Pulumi keeps secrecy per top-level key, so all kubeconfigs live in this one key, apart from
     * {@code derrick:clusters} (which Derrick passes into resource inputs and must stay plain). Each entry is
     * written with {@code pulumi config set --secret --path 'derrick:kubeconfigs.<cluster>' "$(cat kubeconfig)"},
     * which makes the whole key secret; the program reads it with {@code requireSecret} only.
     */
    public static final String KUBECONFIGS = "kubeconfigs";

    private static final ObjectMapper YAML = new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());

    private static final ObjectMapper JSON = new ObjectMapper();

    private StackConfigLoader() {
    }

    public static StackConfig load(RawConfig raw) {
        return load(raw, Catalog.bundled());
    }

    public static StackConfig load(RawConfig given, Catalog catalog) {
        var problems = new Problems();
        RawConfig raw = refuseUnkeptSecrets(given, problems);
        for (var e : raw.values().entrySet()) {
            String key = e.getKey();
            if (key.startsWith(NAMESPACE + ":") && !KEYS.contains(key.substring(NAMESPACE.length() + 1))) {
                String bare = key.substring(NAMESPACE.length() + 1);
                String guess = Suggest.closest(bare, KEYS);
                problems.add(e.getValue().file(), key, "unknown key", null,
                        guess != null ? "did you mean '" + NAMESPACE + ":" + guess + "'?" : "Derrick reads " + String.join(", ", KEYS.stream().map(k -> NAMESPACE + ":" + k).toList()));
            }
        }

        String environment = scalar(raw, "environment", problems, true,
                "set it in the stack file, e.g. derrick:environment: dev");
        String region = scalar(raw, "region", problems, false, null);
        String gcpProject = scalar(raw, "gcpProject", problems, false, null);
        Map<String, String> tags = null;
        JsonNode tagsNode = structured(raw, "tags", problems);
        if (tagsNode != null) {
            tags = NodeReader.stringMapOf(tagsNode, fileOf(raw, "tags"), fullKey("tags"), "tags", isSecret(raw, "tags"), problems);
        }
        // The clouds whose clusters, stores or registries take derrick:region: only there must it be a valid region.
        Set<Target> regionUsers = java.util.EnumSet.noneOf(Target.class);
        List<ClusterSpec> clusters = list(raw, "clusters", problems, r -> readCluster(r, region, regionUsers));
        List<ObjectStoreSpec> stores = list(raw, "objectStores", problems, StackConfigLoader::readStore);
        List<RegistrySpec> registries = list(raw, "registries", problems, StackConfigLoader::readRegistry);
        PolicySpec policy = object(raw, "policy", problems, StackConfigLoader::readPolicy);
        MonitoringSpec monitoring = object(raw, "monitoring", problems, StackConfigLoader::readMonitoring);
        ChartsSpec charts = object(raw, "charts", problems, r -> new ChartsSpec(r.string("repository", false, null)));
        requireSecret(raw, GRAFANA_ADMIN_PASSWORD, problems);
        Set<String> kubeconfigClusters = kubeconfigClusters(raw, problems);
        alerting(raw, problems);

        // Stores and registries live with the first cluster unless they say otherwise.
        Target placeTarget = clusters != null && !clusters.isEmpty() && clusters.get(0).target() != null ? clusters.get(0).target() : Target.AWS;
        String placeRegion = clusters != null && !clusters.isEmpty() && clusters.get(0).region() != null ? clusters.get(0).region() : region;
        String placeCluster = clusters == null ? null : clusters.stream().filter(c -> c.target() == Target.ONPREM).map(ClusterSpec::name)
                .findFirst().orElse(null);
        if (stores != null) {
            stores = stores.stream().map(s -> s.placedIn(placeTarget, placeRegion, placeCluster)).toList();
        }
        if (registries != null) {
            registries = registries.stream().map(r -> r.placedIn(placeTarget, placeRegion, placeCluster)).toList();
        }
        boolean placedInStackRegion = region != null && region.equals(placeRegion)
                && (clusters == null || clusters.isEmpty() || regionUsers.contains(clusters.get(0).target()));
        if (placedInStackRegion) {
            (stores == null ? List.<ObjectStoreSpec>of() : stores).stream().filter(s -> region.equals(s.region()) && s.target() != null)
                    .forEach(s -> regionUsers.add(s.target()));
            (registries == null ? List.<RegistrySpec>of() : registries).stream().filter(r -> region.equals(r.region()) && r.target() != null)
                    .forEach(r -> regionUsers.add(r.target()));
        }
        var config = new StackConfig(raw.stack(), environment, region, gcpProject, tags, clusters, stores, registries, policy, monitoring, charts);
        // Fields that failed to bind read as null; the validator checks everything else, so one pass shows all.
        new StackValidator(config, catalog, key -> fileOf(raw, key), problems, kubeconfigClusters, regionUsers).validate();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.list());
        }
        return config;
    }

    private static RawConfig refuseUnkeptSecrets(RawConfig raw, Problems problems) {
        var kept = new java.util.LinkedHashMap<String, RawValue>();
        raw.values().forEach((key, v) -> {
            String bare = key.startsWith(NAMESPACE + ":") ? key.substring(NAMESPACE.length() + 1) : null;
            if (v.secret() && bare != null && KEYS.contains(bare) && !SECRET_KEYS.contains(bare)) {
                problems.add(v.file(), key, "must not be secret: Derrick passes it into resource inputs in plain text", "[secret]",
                        "store it as a plain value (remove secure:)");
            } else {
                kept.put(key, v);
            }
        });
        return new RawConfig(kept, raw.stack(), raw.origin());
    }

    private static String fullKey(String key) {
        return NAMESPACE + ":" + key;
    }

    static String fileOf(RawConfig raw, String key) {
        RawValue v = raw.values().get(fullKey(key));
        return v != null ? v.file() : raw.origin();
    }

    private static boolean isSecret(RawConfig raw, String key) {
        RawValue v = raw.values().get(fullKey(key));
        return v != null && v.secret();
    }

    private static String scalar(RawConfig raw, String key, Problems problems, boolean required, String hint) {
        RawValue v = raw.values().get(fullKey(key));
        if (v == null || v.text() == null || v.text().isBlank()) {
            boolean reported = problems.list().stream().anyMatch(p -> p.path().equals(fullKey(key)));
            if (required && !reported) {
                problems.add(raw.origin(), fullKey(key), "required value is missing", null, hint);
            }
            return null;
        }
        String t = v.text();
        if (t.startsWith("{") || t.startsWith("[")) {
            problems.add(v.file(), fullKey(key), "must be a plain value, not a map or list", v.secret() ? "[secret]" : t,
                    "write it as " + fullKey(key) + ": value");
            return null;
        }
        return t;
    }

    private static JsonNode structured(RawConfig raw, String key, Problems problems) {
        RawValue v = raw.values().get(fullKey(key));
        if (v == null || v.text() == null) {
            return null;
        }
        try {
            return JSON.readTree(v.text());
        } catch (JsonProcessingException e) {
            // A plain string where a map or list belongs: Pulumi hands non-JSON values through as text.
            return JSON.getNodeFactory().textNode(v.text());
        }
    }

    private static <T> List<T> list(RawConfig raw, String key, Problems problems, java.util.function.Function<NodeReader, T> item) {
        JsonNode node = structured(raw, key, problems);
        if (node == null) {
            return null;
        }
        return NodeReader.listOf(node, fileOf(raw, key), fullKey(key), isSecret(raw, key), problems, item);
    }

    /** A top-level map read by {@code item}; null when absent or not a map (reported). */
    private static <T> T object(RawConfig raw, String key, Problems problems, java.util.function.Function<NodeReader, T> item) {
        JsonNode node = structured(raw, key, problems);
        if (node == null) {
            return null;
        }
        var wrapper = JSON.createObjectNode().set(key, node);
        var top = new NodeReader(wrapper, fileOf(raw, key), NAMESPACE + ":", isSecret(raw, key), problems);
        NodeReader r = top.object(key);
        if (r == null) {
            return null;
        }
        T t = item.apply(r);
        r.finish();
        return t;
    }

    /** A key that may only hold a {@code secure:} value: a password in plain text in a stack file is refused. */
    private static void requireSecret(RawConfig raw, String key, Problems problems) {
        RawValue v = raw.values().get(fullKey(key));
        if (v == null) {
            return;
        }
        if (!v.secret()) {
            // Never echo it: it is a password even when the user forgot to encrypt it.
            problems.add(v.file(), fullKey(key), "must be a secret", "[not shown]",
                    "encrypt it: pulumi config set --secret " + fullKey(key) + " (leave it out and Derrick generates one)");
        } else if (v.text() == null || v.text().isBlank()) {
            problems.add(v.file(), fullKey(key), "must not be empty", "[secret]",
                    "pulumi config set --secret " + fullKey(key) + ", or remove the key to have one generated");
        }
    }

    /**
     * The cluster names {@code derrick:kubeconfigs} gives a kubeconfig for; null when the key is absent or its names
     * cannot be read. Only the map's keys are read; no value is ever shown or kept (problems print {@code [secret]}).
     */
    private static Set<String> kubeconfigClusters(RawConfig raw, Problems problems) {
        String key = fullKey(KUBECONFIGS);
        RawValue v = raw.values().get(key);
        if (v == null) {
            return null;
        }
        String setHint = "pulumi config set --secret --path '" + key + ".<cluster>' \"$(cat kubeconfig)\"";
        if (!v.secret()) {
            problems.add(v.file(), key, "must be a secret: kubeconfigs carry cluster credentials", "[not shown]",
                    "remove it from the file and set each one encrypted: " + setHint);
            return null;
        }
        JsonNode node;
        try {
            node = v.text() == null ? null : YAML.readTree(v.text());
        } catch (JsonProcessingException e) {
            node = null;
        }
        if (node == null || !node.isObject()) {
            problems.add(v.file(), key, "must be a map of onprem cluster name to kubeconfig", "[secret]",
                    "set one secure value per cluster: " + setHint);
            return null;
        }
        var names = new java.util.LinkedHashSet<String>();
        node.fields().forEachRemaining(e -> {
            names.add(e.getKey());
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                problems.add(v.file(), key + "." + e.getKey(), "must be the kubeconfig as text", "[secret]", setHint.replace("<cluster>", e.getKey()));
            }
        });
        return names;
    }

    /** {@code derrick:alerting}: a secret map of receivers ({@link dev.derrick.alerting.AlertReceivers}); values never echoed. */
    private static void alerting(RawConfig raw, Problems problems) {
        String key = fullKey(dev.derrick.alerting.AlertReceivers.KEY);
        RawValue v = raw.values().get(key);
        if (v == null) {
            return;
        }
        if (!v.secret()) {
            problems.add(v.file(), key, "must be a secret: receiver URLs and keys are credentials", "[not shown]",
                    "remove it from the file and set each value encrypted: pulumi config set --secret --path '" + key + ".slack.webhookUrl' URL");
            return;
        }
        for (var p : dev.derrick.alerting.AlertReceivers.check(v.text())) {
            problems.add(v.file(), key + p.path(), p.problem(), "[secret]", p.fix());
        }
    }

    private static MonitoringSpec readMonitoring(NodeReader r) {
        Boolean enabled = r.bool("enabled");
        String retention = r.string("retention", false, null);
        MonitoringStorage storage = null;
        NodeReader st = r.object("storage");
        if (st != null) {
            storage = new MonitoringStorage(st.bool("enabled"), st.string("size", false, null));
            st.finish();
        }
        MonitoringResources resources = null;
        NodeReader res = r.object("resources");
        if (res != null) {
            resources = new MonitoringResources(readSize(res.object("prometheus")), readSize(res.object("grafana")));
            res.finish();
        }
        return new MonitoringSpec(enabled, retention, resources,
                r.integer("gpuIdleMinutes", false, null),
                r.integer("gpuTemperatureThresholdCelsius", false, null),
                r.integer("gpuMemoryUsedThresholdPercent", false, null),
                r.integer("gpuIdleUtilizationThresholdPercent", false, null),
                storage);
    }

    private static ContainerSize readSize(NodeReader r) {
        if (r == null) {
            return null;
        }
        var size = new ContainerSize(r.string("cpu", false, null), r.string("memory", false, null));
        r.finish();
        return size;
    }

    private static ClusterSpec readCluster(NodeReader r, String stackRegion, Set<Target> regionUsers) {
        String name = r.string("name", true, "give the cluster a name, e.g. name: train");
        Target target = r.enumValue("target", Target.class, true, "set target: aws, gcp, azure or onprem");
        boolean onprem = target == Target.ONPREM;
        String region = r.string("region", false, null);
        if (onprem) {
            if (region != null) {
                r.problem("region", "does not apply to onprem: the cluster exists where it is", "\"" + region + "\"", "remove region");
            }
            region = null;
        } else {
            if (region == null) {
                region = stackRegion;
                if (stackRegion != null && target != null) {
                    regionUsers.add(target);
                }
            }
            if (region == null) {
                r.problem("region", "required value is missing", null, "set region on the cluster or derrick:region for the stack");
            }
        }
        String version = r.string("kubernetesVersion", false, null);
        List<String> zones = r.strings("zones");
        String vpcCidr = r.string("vpcCidr", false, null);
        List<String> subnetIds = r.strings("subnetIds");
        EndpointAccess access = r.enumValue("endpointAccess", EndpointAccess.class, false, null);
        String podCidr = r.string("podCidr", false, null);
        String serviceCidr = r.string("serviceCidr", false, null);
        GpuDriver gpuDriver = r.enumValue("gpuDriver", GpuDriver.class, false, null);
        String storageClass = r.string("storageClass", false, null);
        List<String> authorizedNetworks = r.strings("authorizedNetworks");
        NodeReader defaultsReader = r.object("nodePoolDefaults");
        PoolSettings defaults = PoolSettings.NONE;
        if (defaultsReader != null) {
            defaults = new PoolSettings(readPool(defaultsReader, PoolSettings.NONE, false, false), defaultsReader::has);
            defaultsReader.finish();
        }
        PoolSettings poolDefaults = defaults;
        // On-prem pools are existing machines: their size comes from the node list, so min and max are optional.
        List<NodePoolSpec> pools = r.list("nodePools", true, "add at least one pool under nodePools",
                p -> mergeDefaults(new PoolSettings(readPool(p, poolDefaults, true, !onprem), p::has), poolDefaults));
        NodeReader kueueReader = r.object("kueue");
        dev.derrick.kueue.KueueSpec kueue = null;
        if (kueueReader != null) {
            kueue = dev.derrick.kueue.KueueConfigReader.read(kueueReader);
            kueueReader.finish();
        }
        NodeReader trackingReader = r.object("tracking");
        dev.derrick.tracking.TrackingSpec tracking = null;
        if (trackingReader != null) {
            tracking = dev.derrick.tracking.TrackingConfigReader.read(trackingReader);
            trackingReader.finish();
        }
        NodeReader servingReader = r.object("serving");
        dev.derrick.serving.ServingSpec serving = null;
        if (servingReader != null) {
            serving = dev.derrick.serving.ServingConfigReader.read(servingReader);
            servingReader.finish();
        }
        return new ClusterSpec(name, target, region, version, zones, vpcCidr, subnetIds, access, podCidr, serviceCidr, pools, gpuDriver, storageClass,
                kueue, authorizedNetworks, dev.derrick.upgrades.UpgradeReader.read(r), tracking, serving);
    }

    /** A pool's settings as read, and which keys the user actually wrote (the record fills in defaults). */
    private record PoolSettings(NodePoolSpec spec, java.util.function.Predicate<String> given) {
        static final PoolSettings NONE = new PoolSettings(null, key -> false);

        <T> T pick(String key, java.util.function.Function<NodePoolSpec, T> field, PoolSettings fallback) {
            if (given.test(key)) {
                return field.apply(spec);
            }
            return fallback.given.test(key) ? field.apply(fallback.spec) : null;
        }
    }

    /**
     * The one place a cluster's {@code nodePoolDefaults} reach its pools: every setting the pool
     * writes wins; a setting only the defaults write is taken from them; labels merge key by key
     * (the pool's value wins). What neither writes is left to the record's own defaults.
     */
    private static NodePoolSpec mergeDefaults(PoolSettings pool, PoolSettings defaults) {
        NodePoolSpec p = pool.spec();
        Map<String, String> labels = null;
        if (pool.given().test("labels") || defaults.given().test("labels")) {
            var merged = new java.util.LinkedHashMap<String, String>();
            if (defaults.given().test("labels")) {
                merged.putAll(defaults.spec().labels());
            }
            if (pool.given().test("labels")) {
                merged.putAll(p.labels());
            }
            labels = merged;
        }
        return new NodePoolSpec(p.name(),
                pool.pick("accelerator", NodePoolSpec::accelerator, defaults),
                pool.pick("gpusPerNode", NodePoolSpec::gpusPerNode, defaults),
                pool.pick("machineType", NodePoolSpec::machineType, defaults),
                pool.pick("min", NodePoolSpec::min, defaults),
                pool.pick("max", NodePoolSpec::max, defaults),
                pool.pick("desired", NodePoolSpec::desired, defaults),
                pool.pick("capacity", NodePoolSpec::capacity, defaults),
                pool.pick("zones", NodePoolSpec::zones, defaults),
                pool.pick("diskSizeGb", NodePoolSpec::diskSizeGb, defaults),
                labels,
                pool.pick("taints", NodePoolSpec::taints, defaults),
                pool.pick("gpuTaint", NodePoolSpec::gpuTaint, defaults),
                pool.pick("reservation", NodePoolSpec::reservation, defaults),
                pool.pick("nodes", NodePoolSpec::nodes, defaults),
                pool.pick("nodeSelector", NodePoolSpec::nodeSelector, defaults),
                pool.pick("sharing", NodePoolSpec::sharing, defaults),
                pool.pick("provisioner", NodePoolSpec::provisioner, defaults),
                pool.pick("karpenter", NodePoolSpec::karpenter, defaults),
                pool.pick("autoscaling", NodePoolSpec::autoscaling, defaults),
                pool.pick("network", NodePoolSpec::network, defaults));
    }

    /**
     * Reads a pool ({@code named}) or a cluster's {@code nodePoolDefaults} (not named; nothing
     * required). A pool's min and max may come from the defaults instead.
     */
    private static NodePoolSpec readPool(NodeReader r, PoolSettings defaults, boolean named, boolean sized) {
        String name = named ? r.string("name", true, "give the pool a name, e.g. name: gpu") : null;
        String accelerator = r.string("accelerator", false, null);
        Integer gpus = r.integer("gpusPerNode", false, null);
        String machineType = r.string("machineType", false, null);
        Integer min = r.integer("min", sized && named && !defaults.given().test("min"), "set min (0 lets the pool scale to zero)");
        Integer max = r.integer("max", sized && named && !defaults.given().test("max"), "set max, the most nodes the pool may grow to");
        Integer desired = r.integer("desired", false, null);
        CapacityType capacity = r.enumValue("capacity", CapacityType.class, false, null);
        List<String> zones = r.strings("zones");
        Integer disk = r.integer("diskSizeGb", false, null);
        Map<String, String> labels = r.stringMap("labels");
        List<Taint> taints = r.list("taints", false, null, t -> new Taint(
                t.string("key", true, "give the taint a key"), t.string("value", false, null), t.string("effect", false, null)));
        Boolean gpuTaint = r.bool("gpuTaint");
        String reservation = r.string("reservation", false, null);
        List<String> nodes = r.strings("nodes");
        Map<String, String> nodeSelector = r.stringMap("nodeSelector");
        GpuSharing sharing = null;
        NodeReader sr = r.object("sharing");
        if (sr != null) {
            sharing = new GpuSharing(sr.enumValue("mode", SharingMode.class, true, "set mode: mig or time-slicing"),
                    sr.string("profile", false, null), sr.integer("replicas", false, null));
            sr.finish();
        }
        var provisioner = r.enumValue("provisioner", dev.derrick.karpenter.Provisioner.class, false, null);
        var karpenter = dev.derrick.karpenter.KarpenterReader.read(r);
        NativeAutoscaling autoscaling = null;
        NodeReader ar = r.object("autoscaling");
        if (ar != null) {
            autoscaling = new NativeAutoscaling(ar.string("locationPolicy", false, null), ar.string("scaleDownMode", false, null));
            ar.finish();
        }
        return new NodePoolSpec(name, accelerator, gpus, machineType, min, max, desired, capacity, zones, disk, labels, taints, gpuTaint,
                reservation, nodes, nodeSelector, sharing, provisioner, karpenter, autoscaling, dev.derrick.network.PoolNetworkReader.read(r));
    }

    private static PolicySpec readPolicy(NodeReader r) {
        Integer maxGpus = null;
        Double maxHourly = null;
        NodeReader budget = r.object("budget");
        if (budget != null) {
            maxGpus = budget.integer("maxGpus", false, null);
            maxHourly = budget.number("maxHourlyUsd");
            budget.finish();
        }
        return new PolicySpec(maxGpus, maxHourly, r.strings("allowedRegions"), r.strings("requiredTags"), r.stringMap("overrides"));
    }

    private static ObjectStoreSpec readStore(NodeReader r) {
        return new ObjectStoreSpec(
                r.string("name", true, "give the store a name, e.g. name: datasets"),
                r.string("bucketName", false, null),
                r.enumValue("target", Target.class, false, null),
                r.string("region", false, null),
                r.bool("versioning"),
                r.integer("expireNoncurrentDays", false, null),
                r.string("encryption", false, null),
                r.string("kmsKeyId", false, null),
                r.bool("protect"),
                r.string("endpoint", false, null),
                r.string("cluster", false, null),
                r.string("size", false, null));
    }

    private static RegistrySpec readRegistry(NodeReader r) {
        return new RegistrySpec(
                r.string("name", true, "give the registry a name, e.g. name: models"),
                r.enumValue("target", Target.class, false, null),
                r.string("region", false, null),
                r.bool("scanOnPush"),
                r.bool("immutableTags"),
                r.integer("untaggedExpireDays", false, null),
                r.integer("keepLastImages", false, null),
                r.bool("protect"),
                r.string("url", false, null),
                r.string("cluster", false, null),
                r.string("size", false, null));
    }

    /** Keys that are secret in {@code raw}, for callers that must mask them. */
    public static Set<String> secretKeys(RawConfig raw) {
        return raw.secretKeys();
    }
}
