package dev.derrick.identity;

import com.pulumi.resources.Resource;
import dev.derrick.platform.ClusterTarget;
import dev.derrick.platform.StoreTarget;

import java.util.List;

/**
 * @param cluster        the cluster the workload runs in
 * @param namespace      the workload's namespace
 * @param serviceAccount the Kubernetes ServiceAccount its pods run as (the caller creates it with the annotations)
 * @param store          the object store it reaches
 * @param access         what it may do there
 * @param after          what in-cluster objects of the identity wait for (e.g. the caller's Namespace)
 */
public record WorkloadIdentityArgs(ClusterTarget cluster, String namespace, String serviceAccount, StoreTarget store,
                                   StoreAccess access, List<Resource> after) {
    public WorkloadIdentityArgs {
        after = List.copyOf(after);
    }
}
