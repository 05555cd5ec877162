package dev.derrick.kueue;

import dev.derrick.config.RawConfig;
import dev.derrick.config.TestStacks;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlanEngine;
import dev.derrick.plan.PlannedResource;
import dev.derrick.platform.DerrickProgram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kueue.trainer}: Kubeflow Trainer after JobSet (which it implies), its runtime after its release. */
class KubeflowTrainerPlanTest {
    @TempDir
    Path dir;

    private Plan plan(String kueueFlags) {
        RawConfig raw = TestStacks.load(dir, """
                config:
                  derrick:environment: prod
                  derrick:region: us-east-1
                  derrick:clusters:
                    - name: train
                      target: aws
                      zones: ["us-east-1a"]
                      nodePools:
                        - {name: system, machineType: m6i.xlarge, min: 1, max: 2}
                        - {name: gpu, accelerator: h100-80gb, gpusPerNode: 8, min: 0, max: 2}
                      kueue:
                        %s
                        teams:
                          - {name: research, gpus: {gpu: 8}, cpu: "8", memory: 64Gi}
                """.formatted(kueueFlags));
        return PlanEngine.run("derrick", raw.stack(), raw.asPulumiConfig(), raw.secretKeys(), DerrickProgram::stack);
    }

    private static PlannedResource named(Plan plan, String type, String name) {
        return plan.named(type, name).orElseThrow(() -> new AssertionError("no " + type + " " + name));
    }

    @Test
    void trainer_withoutJobsetFlag_installsJobsetThenTrainerThenItsRuntime() {
        Plan plan = plan("trainer: true");

        var jobset = named(plan, "kubernetes:helm.sh/v3:Release", "train-kueue-jobset");
        var ns = named(plan, "kubernetes:core/v1:Namespace", "train-kueue-trainer-namespace");
        var trainer = named(plan, "kubernetes:helm.sh/v3:Release", "train-kueue-trainer");
        var runtime = named(plan, "kubernetes:trainer.kubeflow.org/v1alpha1:ClusterTrainingRuntime", "train-kueue-runtime-torch-distributed");
        assertThat(ns.dependencies()).contains(jobset.urn());
        assertThat(trainer.dependencies()).contains(ns.urn());
        assertThat(runtime.dependencies()).contains(trainer.urn());
        assertThat(trainer.inputs()).containsEntry("chart", "oci://ghcr.io/kubeflow/charts/kubeflow-trainer").containsEntry("version", "2.3.0")
                .containsEntry("namespace", "kubeflow-system");
        assertThat(Plan.get(trainer.inputs(), "values.jobset.install")).as("Derrick's JobSet release, not the chart's copy").isEqualTo(false);
        assertThat(Plan.get(trainer.inputs(), "values.dataCache.enabled")).as("no LeaderWorkerSet").isEqualTo(false);
        assertThat(Plan.get(runtime.inputs(), "metadata.name")).isEqualTo("torch-distributed");
        assertThat(Plan.get(runtime.inputs(), "metadata.labels")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("trainer.kubeflow.org/framework", "torch");
    }

    @Test
    void jobsetOnly_installsNoTrainer() {
        Plan plan = plan("jobset: true");

        assertThat(plan.resources()).extracting(PlannedResource::name).contains("train-kueue-jobset")
                .doesNotContain("train-kueue-trainer", "train-kueue-trainer-namespace", "train-kueue-runtime-torch-distributed");
    }
}
