package dev.derrick.tracking;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.config.Target;
import dev.derrick.config.internal.Names;
import dev.derrick.config.internal.NodeReader;
import dev.derrick.config.internal.Quantities;
import dev.derrick.config.internal.RuleSink;
import dev.derrick.identity.IdentityRules;

import java.util.List;

/**
 * The rules of a cluster's {@code tracking:} block. The artifact store must be a store of the stack that the cluster's
 * workload identity can be granted ({@link IdentityRules}: on the cluster's own cloud; on-prem, the in-cluster store of
 * the same cluster). The server is never published without authentication.
 */
public final class TrackingRules {
    private TrackingRules() {
    }

    public static void check(ClusterSpec c, String clusterPath, List<ObjectStoreSpec> stores, RuleSink out) {
        TrackingSpec t = c.tracking();
        if (!t.enabled()) {
            return;
        }
        String path = clusterPath + ".tracking";
        artifactStore(c, t, path, stores, out);
        database(t, path, out);
        exposure(c, t, path, out);
        image(c, t, path, out);
    }

    /** An image reference: [registry/]path[:tag][@digest], no spaces or quotes. */
    private static final java.util.regex.Pattern IMAGE = java.util.regex.Pattern.compile(
            "[a-z0-9]([a-z0-9._-]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9]([a-z0-9._-]*[a-z0-9])?)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?");

    private static void image(ClusterSpec c, TrackingSpec t, String path, RuleSink out) {
        if (t.image() != null && !IMAGE.matcher(t.image()).matches()) {
            out.add(path + ".image", "not a container image reference", q(t.image()), "use registry/repository:tag, e.g. myregistry.azurecr.io/mlflow:3.15.1-azure");
        } else if (t.image() == null && c.target() == Target.AZURE) {
            out.add(path + ".image", "required on azure: the default image " + TrackingManifests.IMAGE + " has no azure-identity, which MLflow"
                    + " needs to reach Blob storage with workload identity (its uploads would fail)", null,
                    "build docs/tracking/Dockerfile.azure, push it to your registry and set image: <registry>/mlflow:3.15.1-azure");
        }
    }

    private static void artifactStore(ClusterSpec c, TrackingSpec t, String path, List<ObjectStoreSpec> stores, RuleSink out) {
        List<String> sameCloud = stores.stream().filter(s -> reachable(c, s)).map(ObjectStoreSpec::name).toList();
        String offer = sameCloud.isEmpty()
                ? "add an object store on " + NodeReader.token(c.target()) + " under derrick:objectStores, e.g. {name: models"
                + (c.target() == Target.ONPREM ? ", target: onprem, cluster: " + c.name() + ", versioning: false" : ", target: "
                + NodeReader.token(c.target())) + "}, and name it here"
                : "use one of: " + String.join(", ", sameCloud);
        if (t.artifactStore() == null) {
            out.add(path + ".artifactStore", "required value is missing: MLflow keeps artifacts and registered models in an object store", null,
                    "artifactStore: " + (sameCloud.isEmpty() ? "<store>; " + offer : sameCloud.get(0)));
            return;
        }
        ObjectStoreSpec store = stores.stream().filter(s -> t.artifactStore().equals(s.name())).findFirst().orElse(null);
        if (store == null) {
            out.add(path + ".artifactStore", "no object store of this name in derrick:objectStores", q(t.artifactStore()), offer);
        } else {
            IdentityRules.problem(c, store).ifPresent(problem -> out.add(path + ".artifactStore", "store " + store.name() + " " + problem,
                    q(t.artifactStore()), offer));
        }
    }

    /** Whether cluster {@code c}'s pods can be given access to store {@code s} (the identity package's rule). */
    static boolean reachable(ClusterSpec c, ObjectStoreSpec s) {
        return IdentityRules.problem(c, s).isEmpty();
    }

    private static void database(TrackingSpec t, String path, RuleSink out) {
        if (t.database() == TrackingSpec.Database.EXTERNAL) {
            if (t.databaseSecret() == null) {
                out.add(path + ".databaseSecret", "required value is missing: an external database is reached through a Secret", null,
                        "create a Secret in namespace " + TrackingManifests.NAMESPACE + " with keys host, port, dbname, username, password and name it, "
                                + "e.g. databaseSecret: mlflow-postgres");
            } else if (Names.dnsSubdomain(t.databaseSecret()) != null) {
                out.add(path + ".databaseSecret", "not a Secret name: " + Names.dnsSubdomain(t.databaseSecret()), q(t.databaseSecret()),
                        "use lowercase letters, digits, '-' and '.', e.g. mlflow-postgres");
            }
            if (t.databaseSize() != null) {
                out.add(path + ".databaseSize", "only applies to database: in-cluster", q(t.databaseSize()), "remove databaseSize");
            }
            if (t.databaseInstances() != null) {
                out.add(path + ".databaseInstances", "only applies to database: in-cluster", String.valueOf(t.databaseInstances()),
                        "remove databaseInstances");
            }
            return;
        }
        if (t.databaseSecret() != null) {
            out.add(path + ".databaseSecret", "only applies to database: external (the in-cluster database's operator makes its own Secret)",
                    q(t.databaseSecret()), "remove databaseSecret, or set database: external");
        }
        if (!Quantities.positiveMemory(t.databaseSize())) {
            out.add(path + ".databaseSize", "not a positive Kubernetes storage quantity with a unit", q(t.databaseSize()), "use e.g. 20Gi");
        }
        if (t.databaseInstances() < 1) {
            out.add(path + ".databaseInstances", "must be at least 1", String.valueOf(t.databaseInstances()),
                    "use 2 (a primary and a standby that takes over when the primary's node goes)");
        }
    }

    private static void exposure(ClusterSpec c, TrackingSpec t, String path, RuleSink out) {
        boolean ingress = t.exposure() == TrackingSpec.Exposure.INGRESS;
        if (ingress && t.auth() == TrackingSpec.Auth.NONE) {
            out.add(path + ".auth", "an ingress without authentication lets anyone who reaches it read and change every experiment and model",
                    "\"none\"", "remove auth (basic is the default with an ingress), or use exposure: cluster-ip and kubectl port-forward");
        }
        if (ingress && t.ingressHost() == null) {
            out.add(path + ".ingressHost", "required value is missing: the Ingress needs the host name it serves", null,
                    "e.g. ingressHost: mlflow.ml.example.internal");
        } else if (t.ingressHost() != null && !ingress) {
            out.add(path + ".ingressHost", "only applies to exposure: ingress", q(t.ingressHost()), "remove ingressHost, or set exposure: ingress");
        } else if (t.ingressHost() != null && Names.dnsSubdomain(t.ingressHost()) != null) {
            out.add(path + ".ingressHost", "not a host name: " + Names.dnsSubdomain(t.ingressHost()), q(t.ingressHost()),
                    "use a DNS name such as mlflow.ml.example.internal");
        }
        if (t.ingressClass() != null && !ingress) {
            out.add(path + ".ingressClass", "only applies to exposure: ingress", q(t.ingressClass()), "remove ingressClass");
        } else if (t.ingressClass() != null && Names.dnsSubdomain(t.ingressClass()) != null) {
            out.add(path + ".ingressClass", "not an IngressClass name: " + Names.dnsSubdomain(t.ingressClass()), q(t.ingressClass()),
                    "use the name `kubectl get ingressclass` shows");
        }
        if (t.exposure() == TrackingSpec.Exposure.INTERNAL_LOAD_BALANCER && c.target() == Target.ONPREM) {
            out.add(path + ".exposure", "an on-prem cluster has no cloud internal load balancer Derrick can ask for", "\"internal-load-balancer\"",
                    "use cluster-ip (kubectl port-forward) or ingress (with auth)");
        }
    }

    private static String q(String s) {
        return s == null ? null : "\"" + s + "\"";
    }
}
