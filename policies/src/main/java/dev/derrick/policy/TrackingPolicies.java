package dev.derrick.policy;

import dev.derrick.config.ClusterSpec;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import dev.derrick.tracking.TrackingServer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Policies of clusters with an MLflow tracking server ({@code tracking:}). */
final class TrackingPolicies {
    static final String SERVICE = "kubernetes:core/v1:Service";
    static final String INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
    static final String DEPLOYMENT = "kubernetes:apps/v1:Deployment";
    /** The annotations that keep a LoadBalancer Service on the private network (aws, gcp, azure). */
    static final Map<String, String> INTERNAL = Map.of("service.beta.kubernetes.io/aws-load-balancer-internal", "true",
            "networking.gke.io/load-balancer-type", "Internal", "service.beta.kubernetes.io/azure-load-balancer-internal", "true");

    private TrackingPolicies() {
    }

    static List<Policy> all() {
        return List.of(
                new Policy("tracking-server-not-public", "An MLflow tracking server is reached through a ClusterIP service or a private load "
                        + "balancer; an Ingress only in front of a server that asks for credentials", Enforcement.MANDATORY, true,
                        TrackingPolicies::notPublic),
                new Policy("model-buckets-versioned-in-prod", "In prod the object store an MLflow tracking server keeps artifacts and registered "
                        + "models in is versioned", Enforcement.MANDATORY, false, TrackingPolicies::modelBucketsVersioned));
    }

    /**
     * Over the plan, for every tracking server: no NodePort or public LoadBalancer Service, and an Ingress only when its
     * Deployment runs MLflow's basic-auth app. A public tracking server lets anyone read and overwrite models.
     */
    static List<Violation> notPublic(PolicyContext ctx) {
        var out = new ArrayList<Violation>();
        Plan plan = ctx.plan();
        for (PlannedResource server : plan.ofType(TrackingServer.TYPE)) {
            List<PlannedResource> children = plan.childrenOf(server.urn());
            boolean authenticated = children.stream().filter(r -> r.type().equals(DEPLOYMENT))
                    .anyMatch(d -> Plan.get(d.inputs(), "spec.template.spec.containers.0.args") instanceof List<?> args
                            && args.contains("--app-name=basic-auth"));
            for (PlannedResource r : children) {
                if (r.type().equals(SERVICE)) {
                    Object type = Plan.get(r.inputs(), "spec.type");
                    boolean internal = Plan.get(r.inputs(), "metadata.annotations") instanceof Map<?, ?> a
                            && INTERNAL.entrySet().stream().anyMatch(e -> e.getValue().equals(a.get(e.getKey())));
                    if ("NodePort".equals(type) || ("LoadBalancer".equals(type) && !internal)) {
                        out.add(new Violation(r.urn(), "tracking server service of type " + type + " is reachable from outside the cluster's network",
                                "use tracking.exposure: cluster-ip (kubectl port-forward) or internal-load-balancer"));
                    }
                } else if (r.type().equals(INGRESS) && !authenticated) {
                    out.add(new Violation(r.urn(), "tracking server published by an Ingress without authentication",
                            "set tracking.auth: basic (the default with an ingress)"));
                }
            }
        }
        return out;
    }

    /** A registered model is a pointer into the artifact store: without versioning one overwrite or delete loses it. */
    static List<Violation> modelBucketsVersioned(PolicyContext ctx) {
        var out = new ArrayList<Violation>();
        if (!ctx.isProd()) {
            return out;
        }
        var clusters = ctx.config().clusters();
        var stores = ctx.config().objectStores();
        for (int i = 0; i < clusters.size(); i++) {
            ClusterSpec c = clusters.get(i);
            if (!c.tracking().enabled()) {
                continue;
            }
            for (int s = 0; s < stores.size(); s++) {
                ObjectStoreSpec store = stores.get(s);
                if (store.name().equals(c.tracking().artifactStore()) && !store.versioning()) {
                    out.add(new Violation("derrick:objectStores[" + s + "] (" + store.name() + ")",
                            "the artifact store of cluster " + c.name() + "'s tracking server keeps no object versions",
                            "set versioning: true on the store (on-prem in-cluster stores cannot version: use an S3-compatible endpoint that does)"));
                }
            }
        }
        return out;
    }
}
