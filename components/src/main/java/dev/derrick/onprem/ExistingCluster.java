package dev.derrick.onprem;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.kubernetes.rbac.v1.ClusterRole;
import com.pulumi.kubernetes.rbac.v1.ClusterRoleArgs;
import com.pulumi.kubernetes.rbac.v1.ClusterRoleBinding;
import com.pulumi.kubernetes.rbac.v1.ClusterRoleBindingArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.PolicyRuleArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.RoleRefArgs;
import com.pulumi.kubernetes.rbac.v1.inputs.SubjectArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.NodePoolSpec;
import dev.derrick.kubernetes.GpuPool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An existing Kubernetes cluster Derrick adopts: a Kubernetes provider bound to its kubeconfig (a
 * secret Output from {@code derrick:kubeconfigs}, never read as plain text) and one {@link NodeSet} per
 * pool, which labels and taints the pool's existing nodes. Nothing of the cluster itself is created or
 * deleted.
 *
 * <p>Children: {@code <name>-provider} ({@code pulumi:providers:kubernetes}), {@code <name>-<pool>}
 * (NodeSets) and, when a pool selects its nodes by label, the labeller's service account, cluster role
 * and binding ({@code <name>-labeller-*}, in {@value #SYSTEM_NAMESPACE}).
 */
public final class ExistingCluster extends ComponentResource {
    public static final String TYPE = "derrick:onprem:ExistingCluster";
    /** Where the node labeller runs: cluster-wide node tooling belongs with the system components. */
    public static final String SYSTEM_NAMESPACE = "kube-system";
    static final String LABELLER_ACCOUNT = "derrick-labeller";

    /** The cluster's kubeconfig; secret. */
    public final Output<String> kubeconfig;
    /** The provider every Derrick resource inside this cluster uses. */
    public final Provider provider;
    public final List<NodeSet> nodeSets;
    /** The GPU pools with their declared GPUs per node, for monitoring. */
    public final List<GpuPool> gpuPools;
    /** What carries the pools' labels and taints: GPU software waits for it. */
    public final List<Resource> nodesReady;

    public ExistingCluster(String name, ClusterSpec spec, Output<String> kubeconfig, ComponentResourceOptions options) {
        super(TYPE, name, options);
        this.kubeconfig = kubeconfig.asSecret();
        this.provider = new Provider(name + "-provider", ProviderArgs.builder().kubeconfig(this.kubeconfig).build(),
                CustomResourceOptions.builder().parent(this).build());
        var inCluster = ComponentResourceOptions.builder().parent(this).providers(provider).build();

        List<Resource> rbac = List.of();
        if (spec.nodePools().stream().anyMatch(p -> p.nodeSelector() != null)) {
            rbac = labellerRbac(name);
        }
        var sets = new ArrayList<NodeSet>();
        var gpuPools = new ArrayList<GpuPool>();
        var ready = new ArrayList<Resource>();
        for (NodePoolSpec pool : spec.nodePools()) {
            var set = new NodeSet(name + "-" + pool.name(), pool, pool.gpusPerNode(), LABELLER_ACCOUNT,
                    ComponentResourceOptions.merge(inCluster, ComponentResourceOptions.builder().dependsOn(rbac).build()));
            sets.add(set);
            ready.addAll(set.applied);
            if (pool.isGpu() && pool.gpusPerNode() != null) {
                gpuPools.add(new GpuPool(pool.name(), pool.gpusPerNode()));
            }
        }
        this.nodeSets = List.copyOf(sets);
        this.gpuPools = List.copyOf(gpuPools);
        this.nodesReady = List.copyOf(ready);
        registerOutputs(Map.of());
    }

    /** A service account that may read and patch nodes, for the label-selected pools' labeller. */
    private List<Resource> labellerRbac(String name) {
        var child = CustomResourceOptions.builder().parent(this).provider(provider).build();
        var account = new ServiceAccount(name + "-labeller-account", ServiceAccountArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(LABELLER_ACCOUNT).namespace(SYSTEM_NAMESPACE).build())
                .build(), child);
        var role = new ClusterRole(name + "-labeller-role", ClusterRoleArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(LABELLER_ACCOUNT).build())
                .rules(PolicyRuleArgs.builder().apiGroups("").resources("nodes").verbs("get", "patch").build())
                .build(), child);
        var binding = new ClusterRoleBinding(name + "-labeller-binding", ClusterRoleBindingArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(LABELLER_ACCOUNT).build())
                .roleRef(RoleRefArgs.builder().apiGroup("rbac.authorization.k8s.io").kind("ClusterRole").name(LABELLER_ACCOUNT).build())
                .subjects(SubjectArgs.builder().kind("ServiceAccount").name(LABELLER_ACCOUNT).namespace(SYSTEM_NAMESPACE).build())
                .build(), child);
        return List.of(account, role, binding);
    }
}
