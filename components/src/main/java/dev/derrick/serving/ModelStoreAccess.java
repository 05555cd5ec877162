package dev.derrick.serving;

import com.pulumi.core.Output;
import com.pulumi.resources.Resource;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How one serving namespace's ServiceAccount reaches the model store. {@code InClusterLayer} answers it with the
 * cluster's workload identity ({@code dev.derrick.identity.WorkloadIdentity}, read access); Serving only puts the
 * answer where KServe and the clouds' webhooks read it.
 */
@FunctionalInterface
public interface ModelStoreAccess {
    /**
     * @param after what the binding waits for (the namespace)
     */
    Binding bind(String componentName, String namespace, String serviceAccount, List<Resource> after);

    /**
     * @param serviceAccountAnnotations on the ServiceAccount (the cloud's identity webhook reads them)
     * @param podLabels                 on every pod of the runtime (AKS's webhook only mutates labelled pods)
     * @param environment               plain variables the storage client needs (region, endpoint, account)
     * @param credentialsSecret         S3-compatible stores: the Secret with AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
     * @param ready                     what pods must wait for (roles, associations, federated credentials)
     */
    record Binding(Output<Map<String, String>> serviceAccountAnnotations, Map<String, String> podLabels, Output<Map<String, String>> environment,
                   Optional<String> credentialsSecret, List<Resource> ready) {
        public Binding {
            podLabels = Map.copyOf(podLabels);
            ready = List.copyOf(ready);
        }
    }
}
