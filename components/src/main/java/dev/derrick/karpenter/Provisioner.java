package dev.derrick.karpenter;

/**
 * What creates an EKS pool's nodes. Written as {@code karpenter} or {@code node-group}.
 * <ul>
 *   <li>{@code karpenter}: a Karpenter {@code NodePool} + {@code EC2NodeClass}; nodes appear for pending pods and go
 *   when consolidation removes them. The default for EKS GPU pools.</li>
 *   <li>{@code node-group}: an EKS managed node group with min/desired/max. The default for EKS CPU pools (the system
 *   pool runs the Karpenter controller itself), and what a GPU pool needs to keep warm nodes ({@code min > 0}).</li>
 * </ul>
 */
public enum Provisioner {
    KARPENTER, NODE_GROUP
}
