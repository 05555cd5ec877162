package dev.derrick.preflight.aws;

import dev.derrick.config.ClusterSpec;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.StackOutputs;
import software.amazon.awssdk.services.eks.model.Cluster;
import software.amazon.awssdk.services.eks.model.ClusterStatus;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

import java.util.ArrayList;

/** A deployed cluster is ACTIVE at the configured Kubernetes version and endpoint access: EKS DescribeCluster. */
final class EksClusterCheck extends AwsCheck {
    private final ClusterSpec spec;
    private final String output;
    private final String clusterName;

    EksClusterCheck(AwsClients aws, ClusterSpec spec, String output, String clusterName) {
        super(aws, spec.region());
        this.spec = spec;
        this.output = output;
        this.clusterName = clusterName;
    }

    @Override
    public String id() {
        return "aws.eks-cluster";
    }

    @Override
    public String subject() {
        return spec.name() + (clusterName == null ? "" : " eks " + clusterName);
    }

    @Override
    String permission() {
        return "eks:DescribeCluster";
    }

    @Override
    public CheckResult run() {
        if (clusterName == null) {
            return CheckResult.fail(this, "no cluster name in the stack outputs", StackOutputs.missingFix(output));
        }
        Cluster c;
        try {
            c = UnreadableResponse.require(aws.eks(region).describeCluster(b -> b.name(clusterName)).cluster(), "cluster");
        } catch (ResourceNotFoundException e) {
            return CheckResult.fail(this, "cluster does not exist in " + region, "run pulumi up for this stack (or check --outputs is this stack's)");
        }
        var problems = new ArrayList<String>();
        if (c.status() != ClusterStatus.ACTIVE) {
            problems.add("status " + c.statusAsString() + ", expected ACTIVE");
        }
        if (c.version() != null && !c.version().equals(spec.kubernetesVersion())) {
            problems.add("Kubernetes " + c.version() + ", expected " + spec.kubernetesVersion());
        }
        if (c.resourcesVpcConfig() != null) {
            boolean priv = Boolean.TRUE.equals(c.resourcesVpcConfig().endpointPrivateAccess());
            boolean pub = Boolean.TRUE.equals(c.resourcesVpcConfig().endpointPublicAccess());
            if (priv != spec.endpointAccess().privateAccess() || pub != spec.endpointAccess().publicAccess()) {
                problems.add("API endpoint private=" + priv + " public=" + pub + ", expected " + spec.endpointAccess().name().toLowerCase().replace('_', '-'));
            }
        }
        if (!problems.isEmpty()) {
            return CheckResult.fail(this, String.join("; ", problems),
                    c.status() == ClusterStatus.ACTIVE ? "run pulumi up (an upgrade or a change outside Pulumi is pending)" : "wait for the cluster to settle, then verify again");
        }
        return CheckResult.pass(this, "ACTIVE, Kubernetes " + c.version());
    }
}
