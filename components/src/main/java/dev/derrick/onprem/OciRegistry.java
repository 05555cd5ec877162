package dev.derrick.onprem;

import dev.derrick.charts.ChartSource;
import dev.derrick.charts.Charts;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.config.RegistrySpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The in-cluster OCI registry of one on-prem cluster: zot (Apache-2.0, a CNCF sandbox project, OCI
 * image and distribution specs natively, one binary) by its Helm chart, on a volume claim. Each
 * registry of the cluster is a repository in it, with zot's retention policy: untagged manifests are
 * deleted after {@code untaggedExpireDays}, at most {@code keepLastImages} tags are kept. With
 * {@code scanOnPush}, zot's search extension scans images for CVEs with its built-in Trivy database.
 * zot has no tag immutability (the policy {@code registry-immutable-tags-in-prod} says so).
 *
 * <p>Nodes pull through the NodePort on each node ({@code localhost:}{@value #NODE_PORT}; containerd
 * speaks plain HTTP to localhost); pods push to {@code zot.registry.svc.cluster.local:5000}.
 *
 * <p>Children: {@code <name>-namespace}, {@code <name>-release}.
 */
public final class OciRegistry extends ComponentResource {
    public static final String TYPE = "derrick:onprem:OciRegistry";
    public static final String NAMESPACE = "registry";
    /**
     * zot chart 0.1.122 (zot v2.1.18), from zot's chart repository: the newest chart on 2026-08-11 (a third-party
     * vendoring note that renders it, read 2026-11-23); values used ({@code mountConfig}, {@code configFiles},
     * {@code persistence}, {@code pvc}, {@code service}) are unchanged since chart 0.1.75.
     */
    public static final String CHART = Charts.ZOT.name();
    public static final String CHART_VERSION = Charts.ZOT.version();
    public static final int PORT = 5000;
    public static final int NODE_PORT = 30500;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public OciRegistry(String name, List<RegistrySpec> registries, List<? extends Resource> clusterReady, ComponentResourceOptions options) {
        this(name, registries, clusterReady, ChartSource.UPSTREAM, null, options);
    }

    /** @param storageClass the cluster's {@code storageClass}; null: the cluster's default */
    public OciRegistry(String name, List<RegistrySpec> registries, List<? extends Resource> clusterReady, ChartSource charts,
                       String storageClass, ComponentResourceOptions options) {
        super(TYPE, name, options);
        var ns = new Namespace(name + "-namespace", NamespaceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(NAMESPACE).labels(Map.of("app.kubernetes.io/managed-by", "derrick")).build())
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(List.copyOf(clusterReady)).build());
        new Release(name + "-release", ReleaseArgs.builder()
                .name("zot")
                .namespace(NAMESPACE)
                .chart(CHART)
                .version(CHART_VERSION)
                .repositoryOpts(charts.repositoryOpts(Charts.ZOT))
                .values(values(registries, storageClass))
                .build(), CustomResourceOptions.builder().parent(this).dependsOn(ns).build());
        registerOutputs(Map.of());
    }

    /** How a node's container runtime names an image of {@code repository}. */
    public static String repositoryUrl(String repository) {
        return "localhost:" + NODE_PORT + "/" + repository;
    }

    static Map<String, Object> values(List<RegistrySpec> registries) {
        return values(registries, null);
    }

    /** @param storageClass the cluster's {@code storageClass} for the registry's claim; null: the cluster's default */
    static Map<String, Object> values(List<RegistrySpec> registries, String storageClass) {
        String size = registries.stream().map(RegistrySpec::size).max(java.util.Comparator.comparingLong(InClusterObjectStore::bytes))
                .orElse(RegistrySpec.DEFAULT_SIZE);
        var values = new TreeMap<String, Object>();
        values.put("service", Map.of("type", "NodePort", "port", PORT, "nodePort", NODE_PORT));
        values.put("persistence", true);
        var pvc = new TreeMap<String, Object>(Map.of("create", true, "storage", size, "accessModes", List.of("ReadWriteOnce")));
        if (storageClass != null) {
            pvc.put("storageClassName", storageClass);
        }
        values.put("pvc", pvc);
        values.put("mountConfig", true);
        values.put("configFiles", Map.of("config.json", config(registries)));
        return values;
    }

    /** zot's config.json: storage with garbage collection and the registries' retention, HTTP on 5000, CVE scanning when asked. */
    static String config(List<RegistrySpec> registries) {
        var policies = new ArrayList<Map<String, Object>>();
        for (RegistrySpec r : registries) {
            var policy = new LinkedHashMap<String, Object>();
            policy.put("repositories", List.of(r.name()));
            policy.put("deleteReferrers", false);
            policy.put("deleteUntagged", true);
            policy.put("keepTags", List.of(Map.of("mostRecentlyPushedCount", r.keepLastImages())));
            policies.add(policy);
        }
        int untaggedDays = registries.stream().mapToInt(RegistrySpec::untaggedExpireDays).min().orElse(14);
        var storage = new LinkedHashMap<String, Object>();
        storage.put("rootDirectory", "/var/lib/registry");
        storage.put("dedupe", true);
        storage.put("gc", true);
        storage.put("retention", Map.of("dryRun", false, "delay", (untaggedDays * 24) + "h", "policies", policies));
        var root = new LinkedHashMap<String, Object>();
        root.put("storage", storage);
        root.put("http", Map.of("address", "0.0.0.0", "port", Integer.toString(PORT)));
        root.put("log", Map.of("level", "info"));
        if (registries.stream().anyMatch(RegistrySpec::scanOnPush)) {
            root.put("extensions", Map.of("search", Map.of("enable", true, "cve", Map.of("updateInterval", "24h"))));
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
