package dev.derrick.kubernetes;

/**
 * How a cluster's GPU nodes hand GPUs to containers. dcgm-exporter requests no GPU (it watches all of them), so it
 * must reach driver and devices the way the node offers them; the GPU operator must name the containerd runtime
 * handler the node image really has.
 */
public enum GpuRuntime {
    /**
     * The node image carries driver and container toolkit, with {@code nvidia} as containerd's default runtime: the
     * EKS AL2023 NVIDIA AMI, and on-prem nodes with {@code gpuDriver: preinstalled}.
     */
    NODE_IMAGE("nvidia"),
    /**
     * AKS GPU node images: driver installed by AKS, containerd runtime handler {@code nvidia-container-runtime} (not
     * {@code nvidia}), which is what the GPU operator's RuntimeClass must name (NVIDIA's GPU operator guide for AKS,
     * {@code operator.runtimeClass=nvidia-container-runtime}).
     */
    AKS_NODE_IMAGE("nvidia-container-runtime"),
    /**
     * GKE: GKE installs the driver on the host under {@code /home/kubernetes/bin/nvidia} and there is no nvidia
     * runtime; GKE's device plugin mounts the driver into GPU pods. Google's dcgm-exporter manifest
     * (GoogleCloudPlatform/prometheus-engine, examples/nvidia-dcgm/exporter.yaml, commit 10cccee, 2024-06-10) mounts
     * that directory at {@code /usr/local/nvidia}, sets {@code LD_LIBRARY_PATH=/usr/local/nvidia/lib64} and runs
     * privileged (for the device nodes). No GPU operator runs on GKE.
     */
    GKE(null),
    /**
     * The GPU operator installs driver and toolkit ({@code gpuDriver: operator}). Operator v25.10.1 enables CDI
     * ({@code cdi.enabled: true} in its values) and does not make {@code nvidia} the default runtime, so a container
     * sees GPUs only with {@code runtimeClassName: nvidia}, the RuntimeClass the operator creates.
     */
    OPERATOR("nvidia");

    private final String runtimeClass;

    GpuRuntime(String runtimeClass) {
        this.runtimeClass = runtimeClass;
    }

    /** The RuntimeClass name (= containerd handler) of the nvidia runtime; null where there is none (GKE). */
    public String runtimeClass() {
        return runtimeClass;
    }

    /** Whether the GPU operator runs on such a cluster (and so labels GPU nodes {@code nvidia.com/gpu.deploy.*}). */
    public boolean gpuOperator() {
        return this != GKE;
    }
}
