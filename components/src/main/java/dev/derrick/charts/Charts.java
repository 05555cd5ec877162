package dev.derrick.charts;

import java.util.List;

/**
 * Every chart Derrick installs, pinned. One place, so a test can check that each pinned version has a vendored
 * copy (and renders with the values the shipped stacks pass), and so a chart mirror serves exactly these.
 * Bump a version by vendoring the new release first (charts/vendor/README.md), then changing it here.
 */
public final class Charts {
    /**
     * kube-prometheus-stack 81.5.0 (2026-02-03, tag kube-prometheus-stack-81.5.0, commit ff26310): Prometheus Operator
     * v0.88.1 (appVersion), Grafana chart 10.5.15, kube-state-metrics chart 7.1.0, node-exporter chart 4.51.1,
     * Kubernetes >= 1.25. The release after 81.4.3 (81.4.4 and 81.4.5 were never tagged). Majors change CRDs, which
     * Helm does not upgrade: bump deliberately.
     */
    public static final PinnedChart KUBE_PROMETHEUS_STACK = new PinnedChart("kube-prometheus-stack", "81.5.0",
            "https://prometheus-community.github.io/helm-charts");
    /**
     * dcgm-exporter chart 4.8.2 (image 4.5.3-4.8.2; tag 4.5.3-4.8.2, 2026-05-06): the newest 4.8 release seen; the
     * DCGM field names the rules and dashboards read are checked against its counter lists.
     */
    public static final PinnedChart DCGM_EXPORTER = new PinnedChart("dcgm-exporter", "4.8.2",
            "https://nvidia.github.io/dcgm-exporter/helm-charts");
    /** NVIDIA GPU operator v25.10.1 (tag v25.10.1), with node-feature-discovery chart v0.18.2; see {@code GpuOperator}. */
    public static final PinnedChart GPU_OPERATOR = new PinnedChart("gpu-operator", "v25.10.1",
            "https://helm.ngc.nvidia.com/nvidia");
    /**
     * SeaweedFS chart 4.44.0 (app 4.44), the package published in seaweedfs/seaweedfs's chart repository (gh-pages
     * helm/index.yaml, created 2026-08-22).
     */
    public static final PinnedChart SEAWEEDFS = new PinnedChart("seaweedfs", "4.44.0",
            "https://seaweedfs.github.io/seaweedfs/helm");
    /** zot chart 0.1.122 (project-zot/helm-charts tag zot-0.1.122). */
    public static final PinnedChart ZOT = new PinnedChart("zot", "0.1.122", "https://zotregistry.dev/helm-charts");

    /**
     * Karpenter 1.14.1 (aws/karpenter-provider-aws tag v1.14.1, commit bde0065, 2026-08-20; controller image 1.14.1 at
     * the digest the release commit 1d92708 records), published to an OCI registry only. Installed with
     * {@code skipCrds}: its CRDs come from {@link #KARPENTER_CRD} so that Helm upgrades them.
     */
    public static final PinnedChart KARPENTER = new PinnedChart("karpenter", "1.14.1", "oci://public.ecr.aws/karpenter");
    /** Karpenter's CRDs (NodePool, NodeClaim, EC2NodeClass, NodeOverlay, CapacityBuffer) as templates, same tag as {@link #KARPENTER}. */
    public static final PinnedChart KARPENTER_CRD = new PinnedChart("karpenter-crd", "1.14.1", "oci://public.ecr.aws/karpenter");
    /**
     * Kueue chart 0.19.2 (kubernetes-sigs/kueue tag v0.19.2, 2026-08-20; the newest release tag seen), pushed by the
     * release to the OCI registry its README names; controller image v0.19.2 (what the release packaging stamps).
     * See {@code dev.derrick.kueue.Kueue}.
     */
    public static final PinnedChart KUEUE = new PinnedChart("kueue", "0.19.2", "oci://registry.k8s.io/kueue/charts");
    /** JobSet chart 0.12.0 (kubernetes-sigs/jobset tag v0.12.0, 2026-05-08), the JobSet version Kubeflow Trainer v2.3.0's chart depends on. */
    public static final PinnedChart JOBSET = new PinnedChart("jobset", "0.12.0", "oci://registry.k8s.io/jobset/charts");
    /**
     * Kubeflow Trainer chart 2.3.0 (kubeflow/trainer tag v2.3.0, commit 658725b, 2026-08-06; controller image v2.3.0, the
     * chart's default), pushed by the release to the OCI registry its publish workflow names. Its dependencies JobSet 0.12.0
     * and LeaderWorkerSet 0.8.0 are vendored inside it; Derrick turns both off (see {@code dev.derrick.kueue.KubeflowTrainer}).
     */
    public static final PinnedChart KUBEFLOW_TRAINER = new PinnedChart("kubeflow-trainer", "2.3.0", "oci://ghcr.io/kubeflow/charts");
    /** KubeRay operator chart 1.7.0 (ray-project/kuberay tag v1.7.0, 2026-08-19), operator image v1.7.0. */
    public static final PinnedChart KUBERAY_OPERATOR = new PinnedChart("kuberay-operator", "1.7.0", "https://ray-project.github.io/kuberay-helm/");

    /**
     * AWS EFA Kubernetes device plugin chart v0.5.30 (image v0.5.20; aws/eks-charts tag v0.0.241, commit 97cf2c1,
     * 2026-07-28): advertises {@code vpc.amazonaws.com/efa} on EFA nodes; see {@code dev.derrick.network.EksGpuNetwork}.
     */
    public static final PinnedChart EFA_DEVICE_PLUGIN = new PinnedChart("aws-efa-k8s-device-plugin", "v0.5.30", "https://aws.github.io/eks-charts");

    /**
     * CloudNativePG operator chart 0.29.0 (cloudnative-pg/charts tag cloudnative-pg-v0.29.0, commit d1b5ad6, 2026-06-29;
     * operator 1.30.0, its CRDs in the chart's templates), the in-cluster PostgreSQL of {@code dev.derrick.tracking}.
     */
    public static final PinnedChart CLOUDNATIVE_PG = new PinnedChart("cloudnative-pg", "0.29.0", "https://cloudnative-pg.github.io/charts");
    /**
     * cert-manager v1.21.1 (cert-manager/cert-manager tag v1.21.1, commit 24e3319, 2026-07-29; the newest release tag
     * seen), from the repository KServe's own install script names. KServe's webhook certificate is a cert-manager
     * Certificate; see {@code dev.derrick.serving.Serving}.
     */
    public static final PinnedChart CERT_MANAGER = new PinnedChart("cert-manager", "v1.21.1", "https://charts.jetstack.io");
    /** KServe's CRDs (kserve/kserve tag v0.20.0, commit 1fb7810, 2026-08-06; the newest release tag seen), published to an OCI registry. */
    public static final PinnedChart KSERVE_CRD = new PinnedChart("kserve-crd", "v0.20.0", "oci://ghcr.io/kserve/charts");
    /** KServe's controller and configuration, same tag as {@link #KSERVE_CRD}; images at v0.20.0. */
    public static final PinnedChart KSERVE = new PinnedChart("kserve-resources", "v0.20.0", "oci://ghcr.io/kserve/charts");

    private Charts() {
    }

    public static List<PinnedChart> all() {
        return List.of(KUBE_PROMETHEUS_STACK, DCGM_EXPORTER, GPU_OPERATOR, SEAWEEDFS, ZOT, KARPENTER, KARPENTER_CRD, EFA_DEVICE_PLUGIN, KUEUE, JOBSET,
                KUBEFLOW_TRAINER, KUBERAY_OPERATOR, CLOUDNATIVE_PG, CERT_MANAGER, KSERVE_CRD, KSERVE);
    }
}
