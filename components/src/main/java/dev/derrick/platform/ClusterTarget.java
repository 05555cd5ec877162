package dev.derrick.platform;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;
import dev.derrick.config.ClusterSpec;

import java.util.List;
import java.util.function.Supplier;

/**
 * One cluster as the add-ons ({@link InClusterLayer#installAddOns}) see it: after its pools, the GPU operator and
 * monitoring, with the facts each cloud's workload identity needs.
 *
 * @param spec                 the cluster's config
 * @param kubeconfig           its kubeconfig; secret
 * @param parent               the cluster's component (add-ons are its children)
 * @param after                what in-cluster add-on objects wait for: pools ready, GPU operator, monitoring
 * @param monitoring           whether the cluster runs the monitoring stack (ServiceMonitor CRD present)
 * @param eksClusterName       AWS: the EKS cluster's name (Pod Identity associations); else null
 * @param podIdentityAgent     AWS: the {@code eks-pod-identity-agent} add-on, made on first use; else null
 * @param gcpProject           GCP: the project whose workload pool ({@code <project>.svc.id.goog}) the cluster uses; else null
 * @param aksOidcIssuerUrl     Azure: the cluster's OIDC issuer (federated credentials); else null
 * @param aksResourceGroup     Azure: the cluster's resource group (its workload identities live there); else null
 */
public record ClusterTarget(ClusterSpec spec, Output<String> kubeconfig, Resource parent, List<Resource> after, boolean monitoring,
                            Output<String> eksClusterName, Supplier<Resource> podIdentityAgent, String gcpProject,
                            Output<String> aksOidcIssuerUrl, Output<String> aksResourceGroup) {
    public ClusterTarget {
        after = List.copyOf(after);
    }

    /** The cluster's name in the stack config. */
    public String name() {
        return spec.name();
    }
}
