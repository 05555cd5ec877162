package dev.derrick.kubernetes;

import dev.derrick.charts.ChartSource;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.GpuDriver;
import dev.derrick.config.NodePoolSpec;

import java.util.List;

/**
 * What a {@link GpuOperator} needs from the cluster it runs on. Cloud-neutral: EKS, AKS and on-prem
 * clusters supply their kubeconfig, who installs the GPU driver, and their GPU pools.
 *
 * @param kubeconfig   kubeconfig of the cluster; kept secret
 * @param gpuDriver    {@code preinstalled}: the operator deploys the device plugin (and GPU feature discovery, MIG
 *                     manager) only, leaving driver and container toolkit to the node image; {@code operator}: it installs
 *                     them too
 * @param gpuPools     the cluster's GPU pools, with their {@code sharing}; at least one
 * @param catalog      the accelerator catalog (MIG instance counts)
 * @param clusterReady resources the operator waits for (the node pools, or on-prem the node patches); may be empty
 * @param gpuRuntime   the containerd runtime the GPU nodes have (the operator's RuntimeClass names its handler)
 * @param charts       where the chart comes from (upstream or a mirror)
 */
public record GpuOperatorArgs(
        Output<String> kubeconfig,
        GpuDriver gpuDriver,
        List<NodePoolSpec> gpuPools,
        Catalog catalog,
        List<? extends Resource> clusterReady,
        GpuRuntime gpuRuntime,
        ChartSource charts) {

    /** Upstream chart; the runtime follows {@code gpuDriver} (node image or operator). */
    public GpuOperatorArgs(Output<String> kubeconfig, GpuDriver gpuDriver, List<NodePoolSpec> gpuPools, Catalog catalog,
                           List<? extends Resource> clusterReady) {
        this(kubeconfig, gpuDriver, gpuPools, catalog, clusterReady, null, ChartSource.UPSTREAM);
    }

    public GpuOperatorArgs {
        if (kubeconfig == null || gpuDriver == null || catalog == null) {
            throw new IllegalArgumentException("a GPU operator needs the cluster's kubeconfig, its GPU driver setting and the catalog");
        }
        gpuPools = gpuPools == null ? List.of() : List.copyOf(gpuPools);
        if (gpuPools.isEmpty() || gpuPools.stream().anyMatch(p -> !p.isGpu())) {
            throw new IllegalArgumentException("a GPU operator runs for GPU pools only: " + gpuPools.stream().map(NodePoolSpec::name).toList());
        }
        clusterReady = clusterReady == null ? List.of() : List.copyOf(clusterReady);
        if (gpuRuntime == null) {
            gpuRuntime = gpuDriver == GpuDriver.OPERATOR ? GpuRuntime.OPERATOR : GpuRuntime.NODE_IMAGE;
        }
        if (gpuRuntime == GpuRuntime.GKE) {
            throw new IllegalArgumentException("no GPU operator on GKE: GKE installs driver and device plugin");
        }
        charts = charts == null ? ChartSource.UPSTREAM : charts;
    }
}
