package dev.derrick.kueue;

import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.Resource;
import dev.derrick.charts.ChartSource;
import dev.derrick.charts.Charts;
import dev.derrick.kubernetes.internal.KubernetesObject;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Kubeflow Trainer v2 ({@code trainer.kubeflow.org}): a TrainJob names a (Cluster)TrainingRuntime and runs as a JobSet.
 * Chosen over the v1 training operator (PyTorchJob, MPIJob ...), which upstream keeps only on its release-1.9 branch
 * (kubeflow/trainer README at v2.3.0, "Kubeflow Training Operator V1"); Trainer v2 is where its releases continue.
 *
 * <p>Installed after JobSet, whose CRD its controller watches: the chart's own JobSet dependency is off
 * ({@code jobset.install: false}; it is the same JobSet 0.12.0 Derrick installs), and so is its data cache, the only
 * part that needs LeaderWorkerSet ({@code dataCache.enabled}, default false). The chart's built-in runtimes would be
 * applied by a post-install hook Job that downloads kubectl at run time; Derrick creates the one runtime it ships,
 * {@value #TORCH_RUNTIME}, itself, after the release (its webhook validates it). Kueue's default configuration manages
 * {@code trainer.kubeflow.org/trainjob}, so a TrainJob labelled {@code kueue.x-k8s.io/queue-name: <team>} waits for
 * its team's queue.
 */
final class KubeflowTrainer {
    static final String NAMESPACE = "kubeflow-system";
    static final String API = "trainer.kubeflow.org/v1alpha1";
    static final String TORCH_RUNTIME = "torch-distributed";
    /**
     * The image of the chart's own {@code files/runtimes/torch-distributed.yaml} at Trainer v2.3.0 (the vendored chart);
     * ChartRenderTest checks the whole runtime against it.
     */
    static final String TORCH_IMAGE = "pytorch/pytorch:2.13.0-cuda13.0-cudnn9-runtime";

    private KubeflowTrainer() {
    }

    static void install(String name, ChartSource charts, Provider provider, Kueue parent, List<Resource> afterJobSet) {
        var ns = new Namespace(name + "-trainer-namespace", NamespaceArgs.builder().metadata(Kueue.meta(NAMESPACE, null)).build(),
                parent.on(provider, afterJobSet));
        var release = new Release(name + "-trainer", Kueue.releaseArgs(charts, Charts.KUBEFLOW_TRAINER, "kubeflow-trainer", NAMESPACE, values()),
                parent.on(provider, List.of(ns)));
        new KubernetesObject(name + "-runtime-" + TORCH_RUNTIME, API, "ClusterTrainingRuntime",
                ObjectMetaArgs.builder().name(TORCH_RUNTIME)
                        .labels(Map.of("app.kubernetes.io/managed-by", "derrick", "trainer.kubeflow.org/framework", "torch")).build(),
                torchRuntimeSpec(), parent.on(provider, List.of(release)));
    }

    static Map<String, Object> values() {
        var values = new TreeMap<String, Object>();
        values.put("jobset", Map.of("install", false));
        values.put("dataCache", Map.of("enabled", false));
        return values;
    }

    /** The {@value #TORCH_RUNTIME} ClusterTrainingRuntime's spec: one node, torch's launcher, the PyTorch CUDA image. */
    static Map<String, Object> torchRuntimeSpec() {
        Map<String, Object> container = Map.of("name", "node", "image", TORCH_IMAGE);
        Map<String, Object> job = Map.of(
                "name", "node",
                "template", Map.of(
                        "metadata", Map.of("labels", Map.of("trainer.kubeflow.org/trainjob-ancestor-step", "trainer")),
                        "spec", Map.of("template", Map.of("spec", Map.of("containers", List.of(container))))));
        return Map.of(
                "mlPolicy", Map.of("numNodes", 1, "torch", Map.of()),
                "template", Map.of("spec", Map.of("replicatedJobs", List.of(job))));
    }
}
