package dev.derrick.kueue;

import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.charts.ChartSource;
import dev.derrick.charts.Charts;
import dev.derrick.charts.PinnedChart;
import dev.derrick.config.ClusterSpec;
import dev.derrick.kubernetes.GpuDashboards;
import dev.derrick.kubernetes.MonitoringStack;
import dev.derrick.kubernetes.internal.KubernetesObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kueue on one cluster and the teams that share its GPU pools: the Kueue release (after the pools, the GPU operator
 * and monitoring), a ResourceFlavor per GPU pool plus {@value KueueFlavors#DEFAULT_FLAVOR} for CPU and memory, a
 * ClusterQueue per team in one cohort, the team namespaces with a LocalQueue each, and, when asked for, JobSet, Kubeflow
 * Trainer and the KubeRay operator after Kueue, so their jobs are queued from the first one.
 *
 * <p>Children ({@code <name>-<role>}): {@code provider}, {@code namespace} ({@value #NAMESPACE}), {@code release},
 * {@code flavor-default}, {@code flavor-<pool>}, {@code queue-<team>}, {@code team-<namespace>},
 * {@code localqueue-<namespace>}, {@code dashboard} (with monitoring), {@code jobset-namespace}, {@code jobset},
 * {@code trainer-namespace}, {@code trainer}, {@code runtime-torch-distributed}, {@code kuberay-namespace}, {@code kuberay}.
 */
public final class Kueue extends ComponentResource {
    public static final String TYPE = "derrick:kueue:Kueue";
    public static final String NAMESPACE = "kueue-system";
    /**
     * The controller image the release packaging of v0.19.2 stamps into the chart (hack/helm-chart-package.sh at the
     * tag: promoted registry, tag = the git tag, IfNotPresent); the vendored source tree names a staging build instead.
     */
    static final Map<String, String> IMAGE = Map.of("repository", "registry.k8s.io/kueue/kueue", "tag", "v" + Charts.KUEUE.version(),
            "pullPolicy", "IfNotPresent");
    static final String API = "kueue.x-k8s.io/v1beta2";

    public Kueue(String name, KueueArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        ClusterSpec c = args.cluster();
        KueueSpec spec = c.kueue();
        var provider = new Provider(name + "-provider", ProviderArgs.builder().kubeconfig(args.kubeconfig().asSecret()).build(),
                CustomResourceOptions.builder().parent(this).build());
        var ns = new Namespace(name + "-namespace", NamespaceArgs.builder().metadata(meta(NAMESPACE, null)).build(), on(provider, args.after()));
        var release = new Release(name + "-release", releaseArgs(args.charts(), Charts.KUEUE, "kueue", NAMESPACE, values(args.monitoring())),
                on(provider, List.of(ns)));
        // Every Kueue object after the release: its CRDs and its webhooks (which must be serving) come with it.
        var afterRelease = List.<Resource>of(release);
        var queued = new ArrayList<Resource>();
        queued.add(new KubernetesObject(name + "-flavor-default", API, "ResourceFlavor", meta(KueueFlavors.DEFAULT_FLAVOR, null), Map.of(),
                on(provider, afterRelease)));
        for (GpuFlavor f : args.flavors()) {
            queued.add(new KubernetesObject(name + "-flavor-" + f.name(), API, "ResourceFlavor", meta(f.name(), null), f.spec(),
                    on(provider, afterRelease)));
        }
        var queues = new ArrayList<Resource>();
        for (TeamSpec team : spec.teams()) {
            queues.add(new KubernetesObject(name + "-queue-" + team.name(), API, "ClusterQueue", meta(team.name(), null),
                    TeamQueues.clusterQueueSpec(c, team, args.flavors()), on(provider, queued)));
        }
        for (TeamSpec team : spec.teams()) {
            for (String teamNs : team.namespaces()) {
                var nsObject = new Namespace(name + "-team-" + teamNs, NamespaceArgs.builder()
                        .metadata(ObjectMetaArgs.builder().name(teamNs)
                                .labels(Map.of("app.kubernetes.io/managed-by", "derrick", TeamQueues.TEAM_LABEL, team.name())).build())
                        .build(), on(provider, args.after()));
                var after = new ArrayList<Resource>(queues);
                after.add(nsObject);
                new KubernetesObject(name + "-localqueue-" + teamNs, API, "LocalQueue", meta(team.name(), teamNs), TeamQueues.localQueueSpec(team),
                        on(provider, after));
            }
        }
        if (args.monitoring()) {
            // The monitoring stack's namespace and Grafana sidecar: args.after includes the monitoring stack.
            new ConfigMap(name + "-dashboard", ConfigMapArgs.builder()
                    .metadata(ObjectMetaArgs.builder().name("derrick-kueue-teams").namespace(MonitoringStack.NAMESPACE)
                            .labels(Map.of(GpuDashboards.SIDECAR_LABEL, GpuDashboards.SIDECAR_LABEL_VALUE, "app.kubernetes.io/managed-by", "derrick"))
                            .build())
                    .data(Map.of(KueueDashboard.ID + ".json", KueueDashboard.json()))
                    .build(), on(provider, args.after()));
        }
        KueueAddOns.install(name, spec, args.charts(), provider, this, afterRelease);
        registerOutputs(Map.of());
    }

    static ReleaseArgs releaseArgs(ChartSource charts, PinnedChart chart, String releaseName, String namespace, Map<String, Object> values) {
        return charts.release(chart, ReleaseArgs.builder()
                .name(releaseName)
                .namespace(namespace)
                .timeout(600)
                .values(values)).build();
    }

    /**
     * The chart's values: the released controller image, its ServiceMonitor where Derrick's Prometheus runs, and the
     * chart's default manager configuration with {@code managedJobsNamespaceSelector} limited to team namespaces
     * (bundled {@code controller_manager_config.yaml}). Without it the pod, deployment and statefulset webhooks, which
     * fail closed, cover every namespace but kube-system and kueue-system: with Kueue's controller down, no pod of the
     * GPU operator or monitoring could be created.
     */
    static Map<String, Object> values(boolean monitoring) {
        var values = new TreeMap<String, Object>();
        values.put("controllerManager", Map.of("manager", Map.of("image", IMAGE)));
        values.put("enablePrometheus", monitoring);
        values.put("managerConfig", Map.of("controllerManagerConfigYaml", managerConfig()));
        return values;
    }

    static String managerConfig() {
        return KueueDashboard.resource("controller_manager_config.yaml");
    }

    CustomResourceOptions on(Provider provider, List<? extends Resource> after) {
        return CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(List.copyOf(after)).build();
    }

    static ObjectMetaArgs meta(String objectName, String namespace) {
        var b = ObjectMetaArgs.builder().name(objectName).labels(Map.of("app.kubernetes.io/managed-by", "derrick"));
        if (namespace != null) {
            b.namespace(namespace);
        }
        return b.build();
    }
}
