package dev.derrick.kubernetes;

import dev.derrick.charts.ChartSource;
import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import dev.derrick.config.MonitoringSpec;

import java.util.List;

/**
 * What a {@link MonitoringStack} needs from the cluster it watches. Cloud-neutral: an EKS, GKE or
 * AKS cluster component supplies its own kubeconfig and the GPU pools it created.
 *
 * @param kubeconfig            kubeconfig (YAML or JSON) of the cluster, typically with an exec credential
 *                              plugin; kept secret
 * @param spec                  {@code derrick:monitoring}
 * @param gpuPools              the cluster's GPU pools; none: no dcgm-exporter, GPU dashboards or GPU rules
 * @param grafanaAdminPassword  a secret Output from {@code derrick:grafanaAdminPassword}; null: one is generated
 * @param clusterReady          resources the in-cluster objects wait for (the node pools: Helm releases
 *                              wait for their pods, which need nodes); may be empty
 * @param gpuRuntime            how the GPU nodes give containers their GPUs (dcgm-exporter's volumes, runtime class
 *                              and node selector follow it)
 * @param charts                where the charts come from (upstream or a mirror)
 * @param storageClass          the StorageClass of Prometheus's volume claim; null: the cluster's default
 * @param selfManagedControlPlane whether the cluster's scheduler, controller-manager and etcd are the owner's to watch
 *                              (on-prem); managed control planes (EKS, GKE, AKS) expose none of them
 * @param alerting              secret {@code derrick:alerting} (JSON: slack, pagerduty, webhook receivers); null:
 *                              Alertmanager keeps the chart's configuration (no receiver)
 */
public record MonitoringStackArgs(
        Output<String> kubeconfig,
        MonitoringSpec spec,
        List<GpuPool> gpuPools,
        Output<String> grafanaAdminPassword,
        List<? extends Resource> clusterReady,
        GpuRuntime gpuRuntime,
        ChartSource charts,
        String storageClass,
        boolean selfManagedControlPlane,
        Output<String> alerting) {

    /** Upstream charts, GPU nodes whose image carries driver and runtime. */
    public MonitoringStackArgs(Output<String> kubeconfig, MonitoringSpec spec, List<GpuPool> gpuPools,
                               Output<String> grafanaAdminPassword, List<? extends Resource> clusterReady) {
        this(kubeconfig, spec, gpuPools, grafanaAdminPassword, clusterReady, GpuRuntime.NODE_IMAGE, ChartSource.UPSTREAM, null, false, null);
    }

    public MonitoringStackArgs {
        if (kubeconfig == null || spec == null) {
            throw new IllegalArgumentException("a monitoring stack needs the cluster's kubeconfig and the monitoring spec");
        }
        gpuPools = gpuPools == null ? List.of() : List.copyOf(gpuPools);
        clusterReady = clusterReady == null ? List.of() : List.copyOf(clusterReady);
        gpuRuntime = gpuRuntime == null ? GpuRuntime.NODE_IMAGE : gpuRuntime;
        charts = charts == null ? ChartSource.UPSTREAM : charts;
    }
}
