package dev.derrick.identity;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.ObjectStoreSpec;

import java.util.Optional;

/**
 * Whether a workload in a cluster can reach a store with {@link WorkloadIdentity}: the store must be on the cluster's
 * cloud (S3 for EKS, GCS for GKE, Blob for AKS), and an on-prem cluster's store must run in that same cluster (an
 * existing S3-compatible endpoint's keys are not Derrick's to hand out). Add-on validation reports the problem with
 * its config path and fix.
 */
public final class IdentityRules {
    private IdentityRules() {
    }

    /** The problem, phrased to follow "store X: ", or empty when the cluster's workloads can reach the store. */
    public static Optional<String> problem(ClusterSpec cluster, ObjectStoreSpec store) {
        if (store.target() != cluster.target()) {
            return Optional.of("is on " + token(store.target()) + ", cluster " + cluster.name() + " on " + token(cluster.target())
                    + "; workload identity reaches stores of the cluster's own cloud");
        }
        if (cluster.target() == dev.derrick.config.Target.ONPREM && !cluster.name().equals(store.cluster())) {
            return Optional.of(store.endpoint() != null
                    ? "is on an existing S3-compatible endpoint, whose keys Derrick does not manage; use an in-cluster store (cluster: " + cluster.name() + ")"
                    : "runs in cluster " + store.cluster() + ", not " + cluster.name());
        }
        return Optional.empty();
    }

    private static String token(dev.derrick.config.Target t) {
        return dev.derrick.config.internal.NodeReader.token(t);
    }
}
