package dev.derrick.preflight.aws;

import dev.derrick.config.CapacityType;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.StackOutputs;
import software.amazon.awssdk.services.eks.model.Nodegroup;
import software.amazon.awssdk.services.eks.model.NodegroupScalingConfig;
import software.amazon.awssdk.services.eks.model.NodegroupStatus;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

import java.util.ArrayList;

/**
 * A deployed pool's node group is ACTIVE with the configured min and max, a desired size within
 * them (autoscalers own it), the instance type and the capacity type: EKS DescribeNodegroup.
 */
final class NodeGroupCheck extends AwsCheck {
    private final String pool;
    private final NodePoolSpec spec;
    private final String instanceType;
    private final String output;
    private final String clusterName;
    private final String nodeGroupName;

    NodeGroupCheck(AwsClients aws, String region, String pool, NodePoolSpec spec, String instanceType, String output,
                   String clusterName, String nodeGroupName) {
        super(aws, region);
        this.pool = pool;
        this.spec = spec;
        this.instanceType = instanceType;
        this.output = output;
        this.clusterName = clusterName;
        this.nodeGroupName = nodeGroupName;
    }

    @Override
    public String id() {
        return "aws.eks-nodegroup";
    }

    @Override
    public String subject() {
        return pool + (nodeGroupName == null ? "" : " nodegroup " + nodeGroupName);
    }

    @Override
    String permission() {
        return "eks:DescribeNodegroup";
    }

    @Override
    public CheckResult run() {
        if (clusterName == null || nodeGroupName == null) {
            return CheckResult.fail(this, "no cluster or node group name in the stack outputs", StackOutputs.missingFix(output));
        }
        Nodegroup ng;
        try {
            ng = UnreadableResponse.require(aws.eks(region).describeNodegroup(b -> b.clusterName(clusterName).nodegroupName(nodeGroupName)).nodegroup(), "nodegroup");
        } catch (ResourceNotFoundException e) {
            return CheckResult.fail(this, "node group does not exist in cluster " + clusterName, "run pulumi up for this stack");
        }
        var problems = new ArrayList<String>();
        if (ng.status() != NodegroupStatus.ACTIVE) {
            problems.add("status " + ng.statusAsString() + ", expected ACTIVE");
        }
        NodegroupScalingConfig s = ng.scalingConfig();
        int min = s == null || s.minSize() == null ? -1 : s.minSize();
        int max = s == null || s.maxSize() == null ? -1 : s.maxSize();
        int desired = s == null || s.desiredSize() == null ? -1 : s.desiredSize();
        if (min != spec.min() || max != spec.max()) {
            problems.add("size " + min + ".." + max + ", expected " + spec.min() + ".." + spec.max());
        }
        if (desired < min || desired > max) {
            problems.add("desired " + desired + " outside " + min + ".." + max);
        }
        if (instanceType != null && ng.hasInstanceTypes() && !ng.instanceTypes().contains(instanceType)) {
            problems.add("instance types " + ng.instanceTypes() + ", expected " + instanceType);
        }
        String capacity = spec.capacity() == CapacityType.SPOT ? "SPOT" : "ON_DEMAND";
        if (ng.capacityType() != null && !capacity.equals(ng.capacityTypeAsString())) {
            problems.add("capacity " + ng.capacityTypeAsString() + ", expected " + capacity);
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(this, String.join("; ", problems), "run pulumi up (or wait for a pending update), then verify again");
        }
        return CheckResult.pass(this, "ACTIVE, " + desired + " node(s) in " + min + ".." + max
                + (ng.hasInstanceTypes() ? ", " + String.join(",", ng.instanceTypes()) : "") + (ng.capacityType() != null ? " " + ng.capacityTypeAsString() : ""));
    }
}
