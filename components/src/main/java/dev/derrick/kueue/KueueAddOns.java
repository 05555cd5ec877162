package dev.derrick.kueue;

import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.charts.ChartSource;
import dev.derrick.charts.Charts;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training operators that queue through Kueue: JobSet (Kueue integration {@code jobset.x-k8s.io/jobset}), Kubeflow
 * Trainer ({@code trainer.kubeflow.org/trainjob}, after JobSet: see {@link KubeflowTrainer}) and the KubeRay operator
 * ({@code ray.io/rayjob}, {@code ray.io/raycluster}). All these integrations are in the frameworks list of the Kueue
 * chart's default configuration, so a JobSet, TrainJob or RayJob labelled {@code kueue.x-k8s.io/queue-name: <team>}
 * is suspended until its team's queue admits it. They install after Kueue: a job created before Kueue's webhooks serve
 * would start unqueued.
 */
final class KueueAddOns {
    static final String JOBSET_NAMESPACE = "jobset-system";
    static final String KUBERAY_NAMESPACE = "kuberay-system";
    /**
     * The JobSet image the release packaging of v0.12.0 stamps (hack/helm-chart-package.sh at the tag); the vendored
     * tree names a staging build at tag {@code main}.
     */
    static final Map<String, String> JOBSET_IMAGE = Map.of("repository", "registry.k8s.io/jobset/jobset", "tag", "v" + Charts.JOBSET.version(),
            "pullPolicy", "IfNotPresent");

    private KueueAddOns() {
    }

    static void install(String name, KueueSpec spec, ChartSource charts, Provider provider, Kueue parent, List<Resource> afterKueue) {
        if (spec.runsJobSet()) {
            var ns = new Namespace(name + "-jobset-namespace", NamespaceArgs.builder().metadata(Kueue.meta(JOBSET_NAMESPACE, null)).build(),
                    parent.on(provider, afterKueue));
            var jobset = new Release(name + "-jobset", Kueue.releaseArgs(charts, Charts.JOBSET, "jobset", JOBSET_NAMESPACE, jobsetValues()),
                    parent.on(provider, List.of(ns)));
            if (spec.trainer()) {
                KubeflowTrainer.install(name, charts, provider, parent, List.of(jobset));
            }
        }
        if (spec.kuberay()) {
            var ns = new Namespace(name + "-kuberay-namespace", NamespaceArgs.builder().metadata(Kueue.meta(KUBERAY_NAMESPACE, null)).build(),
                    parent.on(provider, afterKueue));
            new Release(name + "-kuberay", Kueue.releaseArgs(charts, Charts.KUBERAY_OPERATOR, "kuberay-operator", KUBERAY_NAMESPACE, Map.of()),
                    parent.on(provider, List.of(ns)));
        }
    }

    static Map<String, Object> jobsetValues() {
        var values = new TreeMap<String, Object>();
        values.put("image", JOBSET_IMAGE);
        return values;
    }
}
