package dev.derrick.karpenter;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import dev.derrick.catalog.InstanceType;
import dev.derrick.charts.ChartSource;
import dev.derrick.config.NodePoolSpec;

import java.util.List;
import java.util.Map;

/**
 * What {@link Karpenter} needs from its EKS cluster.
 *
 * @param physicalName      the EKS cluster's name; also the interruption queue's name and the discovery tag's value
 * @param region            the cluster's region
 * @param clusterName       the cluster's name as an output (waits for the cluster)
 * @param clusterArn        the cluster's ARN (account and partition of the controller's policies)
 * @param clusterSecurityGroupId the security group EKS made for the cluster; tagged for Karpenter's discovery
 * @param kubeconfig        the cluster's kubeconfig; secret
 * @param pools             the Karpenter pools, each with its allowed instance types and zones
 * @param subnetIds         the cluster's subnets when they are not Derrick's (selected by id); empty: by discovery tag
 * @param hostPool          the managed node group pool the controller runs on
 * @param hostReplicas      controller replicas: 2 (the chart's default) when the host pool keeps two nodes, else 1
 * @param hostReady         the node groups the controller waits for
 * @param tags              the stack's tags
 * @param charts            where the charts come from
 */
public record KarpenterArgs(String physicalName, String region, Output<String> clusterName, Output<String> clusterArn,
                            Output<String> clusterSecurityGroupId, Output<String> kubeconfig, List<Pool> pools, List<String> subnetIds,
                            String hostPool, int hostReplicas, List<? extends Resource> hostReady, Map<String, String> tags, ChartSource charts) {

    /** One Karpenter pool: its spec, the instance types it allows (cheapest first) and its zones (empty: any). */
    public record Pool(NodePoolSpec spec, List<InstanceType> types, List<String> zones) {
    }
}
