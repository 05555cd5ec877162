package dev.derrick.tracking;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.Provider;
import com.pulumi.kubernetes.ProviderArgs;
import com.pulumi.kubernetes.core.v1.ConfigMap;
import com.pulumi.kubernetes.core.v1.ConfigMapArgs;
import com.pulumi.kubernetes.core.v1.Namespace;
import com.pulumi.kubernetes.core.v1.NamespaceArgs;
import com.pulumi.kubernetes.core.v1.Secret;
import com.pulumi.kubernetes.core.v1.SecretArgs;
import com.pulumi.kubernetes.core.v1.Service;
import com.pulumi.kubernetes.core.v1.ServiceAccount;
import com.pulumi.kubernetes.core.v1.ServiceArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServicePortArgs;
import com.pulumi.kubernetes.core.v1.inputs.ServiceSpecArgs;
import com.pulumi.kubernetes.core.v1.ServiceAccountArgs;
import com.pulumi.kubernetes.helm.v3.Release;
import com.pulumi.kubernetes.helm.v3.ReleaseArgs;
import com.pulumi.kubernetes.meta.v1.inputs.ObjectMetaArgs;
import com.pulumi.resources.ComponentResource;
import com.pulumi.resources.ComponentResourceOptions;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;
import dev.derrick.charts.Charts;
import dev.derrick.identity.StoreAccess;
import dev.derrick.identity.WorkloadIdentity;
import dev.derrick.identity.WorkloadIdentityArgs;
import dev.derrick.kubernetes.StoredSecret;
import dev.derrick.kubernetes.internal.KubernetesObject;
import dev.derrick.kubernetes.internal.RandomSecret;
import dev.derrick.platform.ClusterTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An MLflow tracking server and model registry on one cluster: artifacts in an object store of the stack, reached with
 * the cluster's workload identity (read and write on that store only); runs and the registry in PostgreSQL (by default
 * a CloudNativePG cluster whose owner password the operator generates in the cluster, so it never passes through
 * Pulumi); a ClusterIP service unless an internal load balancer or an ingress (with MLflow's basic auth) is asked for.
 * Installed after the cluster's pools and monitoring; the operator's CRDs and webhooks before its objects.
 *
 * <p>Children ({@code <name>-<role>}): {@code provider}, {@code namespace} ({@value TrackingManifests#NAMESPACE}),
 * {@code identity}, {@code service-account}, {@code store-config}, {@code cnpg-namespace}, {@code cnpg} (the operator
 * release), {@code database} (CloudNativePG Cluster), {@code auth-database}, {@code database-monitor} (with monitoring),
 * {@code auth} (basic auth), {@code deployment}, {@code service}, {@code ingress}, {@code service-monitor} (with monitoring).
 */
public final class TrackingServer extends ComponentResource {
    public static final String TYPE = "derrick:tracking:TrackingServer";
    public static final String CNPG_NAMESPACE = "cnpg-system";
    static final String CNPG_API = "postgresql.cnpg.io/v1";
    private static final int GENERATED_PASSWORD_LENGTH = 32;

    /** The basic-auth admin password ({@value TrackingManifests#ADMIN_USER}) as stored in the cluster; secret; null without auth. */
    public final Output<String> adminPassword;

    public TrackingServer(String name, TrackingArgs args, ComponentResourceOptions options) {
        super(TYPE, name, options);
        ClusterTarget cluster = args.cluster();
        TrackingSpec t = cluster.spec().tracking();
        var provider = new Provider(name + "-provider", ProviderArgs.builder().kubeconfig(cluster.kubeconfig().asSecret()).build(),
                CustomResourceOptions.builder().parent(this).build());
        var ns = new Namespace(name + "-namespace", NamespaceArgs.builder().metadata(ObjectMetaArgs.builder().name(TrackingManifests.NAMESPACE)
                .labels(Map.of("app.kubernetes.io/managed-by", "derrick", "pod-security.kubernetes.io/enforce", "baseline")).build()).build(),
                on(provider, cluster.after()));
        var identity = new WorkloadIdentity(name + "-identity", new WorkloadIdentityArgs(cluster, TrackingManifests.NAMESPACE,
                TrackingManifests.SERVICE_ACCOUNT, args.store(), StoreAccess.READ_WRITE, List.of(ns)),
                ComponentResourceOptions.builder().parent(this).build());
        var afterNs = List.<Resource>of(ns);
        var podDeps = new ArrayList<Resource>(identity.ready);
        podDeps.add(new ServiceAccount(name + "-service-account", ServiceAccountArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(TrackingManifests.SERVICE_ACCOUNT).namespace(TrackingManifests.NAMESPACE)
                        .labels(TrackingManifests.labels()).annotations(identity.serviceAccountAnnotations).build())
                .build(), on(provider, afterNs)));
        podDeps.add(new ConfigMap(name + "-store-config", ConfigMapArgs.builder()
                .metadata(meta(TrackingManifests.STORE_CONFIG))
                .data(Output.tuple(args.store().uri(), identity.environment)
                        .applyValue(v -> TrackingManifests.storeConfig(v.t1, v.t2, args.store().s3Endpoint())))
                .build(), on(provider, afterNs)));
        if (t.inClusterDatabase()) {
            podDeps.addAll(database(name, args, t, provider, ns));
        }
        if (t.auth() == TrackingSpec.Auth.BASIC) {
            // Generated once: ignoreChanges keeps the first value, and the output reads the cluster's copy back.
            Output<String> generated = Output.ofSecret(RandomSecret.of(GENERATED_PASSWORD_LENGTH));
            var auth = new Secret(name + "-auth", SecretArgs.builder()
                    .metadata(meta(TrackingManifests.AUTH_SECRET))
                    .type("Opaque")
                    .stringData(generated.applyValue(p -> Map.of("basic_auth.ini", TrackingManifests.authIni(p),
                            "admin-username", TrackingManifests.ADMIN_USER, "admin-password", p)))
                    .build(), CustomResourceOptions.merge(on(provider, afterNs),
                    CustomResourceOptions.builder().ignoreChanges("stringData", "data").build()));
            podDeps.add(auth);
            this.adminPassword = StoredSecret.value(auth, "admin-password");
        } else {
            this.adminPassword = null;
        }
        var deployment = new KubernetesObject(name + "-deployment", "apps/v1", "Deployment", meta(TrackingManifests.APP),
                TrackingManifests.deploymentSpec(t, identity.credentialsSecret, identity.podLabels), on(provider, podDeps));
        // A core-group kind needs the typed class: its type token is kubernetes:core/v1:Service, not apiVersion v1's.
        var service = new Service(name + "-service", ServiceArgs.builder()
                .metadata(ObjectMetaArgs.builder().name(TrackingManifests.APP).namespace(TrackingManifests.NAMESPACE).labels(TrackingManifests.labels())
                        .annotations(TrackingManifests.serviceAnnotations(t, cluster.spec().target())).build())
                .spec(ServiceSpecArgs.builder()
                        .type(TrackingManifests.serviceType(t))
                        .selector(Map.of(TrackingManifests.APP_LABEL, TrackingManifests.APP))
                        .ports(ServicePortArgs.builder().name("http").port(TrackingManifests.PORT).targetPort("http").build())
                        .build())
                .build(), on(provider, afterNs));
        if (t.exposure() == TrackingSpec.Exposure.INGRESS) {
            new KubernetesObject(name + "-ingress", "networking.k8s.io/v1", "Ingress", meta(TrackingManifests.APP),
                    TrackingManifests.ingressSpec(t), on(provider, List.of(service, deployment)));
        }
        if (cluster.monitoring()) {
            // cluster.after() holds the monitoring stack, which installs the ServiceMonitor CRD.
            new KubernetesObject(name + "-service-monitor", "monitoring.coreos.com/v1", "ServiceMonitor", meta(TrackingManifests.APP),
                    TrackingManifests.serviceMonitorSpec(t), on(provider, afterNs));
        }
        registerOutputs(adminPassword == null ? Map.of() : Map.of("adminPassword", adminPassword));
    }

    /** The CloudNativePG operator (its own release, after the cluster's add-on prerequisites) and the database it runs. */
    private List<Resource> database(String name, TrackingArgs args, TrackingSpec t, Provider provider, Namespace ns) {
        ClusterTarget cluster = args.cluster();
        var cnpgNs = new Namespace(name + "-cnpg-namespace", NamespaceArgs.builder().metadata(meta(CNPG_NAMESPACE, null)).build(),
                on(provider, cluster.after()));
        var operator = new Release(name + "-cnpg", args.charts().release(Charts.CLOUDNATIVE_PG, ReleaseArgs.builder()
                .name("cnpg")
                .namespace(CNPG_NAMESPACE)
                .timeout(600)
                .values(cnpgValues(cluster.monitoring()))).build(), on(provider, List.of(cnpgNs)));
        // The Cluster after the operator: its CRDs and its webhooks (which fail closed) come with the release.
        var db = new KubernetesObject(name + "-database", CNPG_API, "Cluster", meta(TrackingManifests.DB_CLUSTER),
                TrackingManifests.databaseSpec(t, cluster.spec().storageClass()), on(provider, List.of(operator, ns)));
        var out = new ArrayList<Resource>(List.of(db));
        if (t.auth() == TrackingSpec.Auth.BASIC) {
            out.add(new KubernetesObject(name + "-auth-database", CNPG_API, "Database", meta("mlflow-auth"),
                    TrackingManifests.authDatabaseSpec(), on(provider, List.of(db))));
        }
        if (cluster.monitoring()) {
            new KubernetesObject(name + "-database-monitor", "monitoring.coreos.com/v1", "PodMonitor", meta(TrackingManifests.DB_CLUSTER),
                    TrackingManifests.databasePodMonitorSpec(), on(provider, List.of(ns)));
        }
        return out;
    }

    /** The operator chart's values: its PodMonitor where Derrick's Prometheus runs; the chart's own image (appVersion). */
    static Map<String, Object> cnpgValues(boolean monitoring) {
        var values = new TreeMap<String, Object>();
        values.put("monitoring", Map.of("podMonitorEnabled", monitoring));
        return values;
    }

    private CustomResourceOptions on(Provider provider, List<? extends Resource> after) {
        return CustomResourceOptions.builder().parent(this).provider(provider).dependsOn(List.copyOf(after)).build();
    }

    private static ObjectMetaArgs meta(String objectName) {
        return meta(objectName, TrackingManifests.NAMESPACE);
    }

    private static ObjectMetaArgs meta(String objectName, String namespace) {
        var b = ObjectMetaArgs.builder().name(objectName).labels(TrackingManifests.labels());
        if (namespace != null) {
            b.namespace(namespace);
        }
        return b.build();
    }
}
