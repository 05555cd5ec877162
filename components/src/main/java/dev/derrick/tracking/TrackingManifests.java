package dev.derrick.tracking;

import dev.derrick.config.Target;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Kubernetes objects of the tracking server, as plain maps: what {@link TrackingServer} registers, kept free of
 * Pulumi so that tests read them directly.
 */
public final class TrackingManifests {
    /**
     * MLflow 3.15.1 in the image burakince/mlflow builds from its tag 3.15.1 (github.com/burakince/mlflow, commit
     * 9820281d, 2026-08-07), the image the community-charts mlflow chart 1.11.5 runs (its Chart.yaml
     * artifacthub.io/images). Its poetry.lock at that tag pins mlflow 3.15.1, psycopg2-binary 2.9.12 (PostgreSQL),
     * boto3 1.43.66 (S3), google-cloud-storage 3.13.1 (GCS), azure-storage-blob 12.30.0 (Blob) and
     * prometheus-flask-exporter 0.23.2 ({@code --expose-prometheus}); it has no azure-identity (see docs/TRACKING.md).
     * It runs as the non-root user 1001.
     */
    public static final String IMAGE = "burakince/mlflow:3.15.1";
    public static final int PORT = 5000;
    /** The namespace of the tracking server and its in-cluster database. */
    public static final String NAMESPACE = "mlflow";
    /** The server's Kubernetes service account, the one the workload identity is bound to. */
    public static final String SERVICE_ACCOUNT = "mlflow";
    public static final String APP_LABEL = "app.kubernetes.io/name";
    public static final String APP = "mlflow";
    /** The CloudNativePG cluster of the in-cluster database; the operator names its services and Secret after it. */
    public static final String DB_CLUSTER = "mlflow-db";
    /** The read-write service CloudNativePG creates for the primary ({@code <cluster>-rw}). */
    static final String DB_HOST = DB_CLUSTER + "-rw";
    /** The Secret CloudNativePG generates for the application owner ({@code <cluster>-app}, type basic-auth). */
    static final String DB_APP_SECRET = DB_CLUSTER + "-app";
    static final String DB_NAME = "mlflow";
    /** Basic-auth's users and permissions live in their own database: its migrations use Alembic's default version table too. */
    static final String AUTH_DB_NAME = "mlflow_auth";
    static final String AUTH_SECRET = "mlflow-auth-config";
    /**
     * The ConfigMap with the artifact store's URI and the variables its client needs. The bucket's name is known only
     * once the bucket exists; keeping it out of the Deployment keeps the Deployment known at plan time.
     */
    public static final String STORE_CONFIG = "mlflow-artifact-store";
    /** The ConfigMap key of the artifact store's URI, expanded into the server's command line by the kubelet. */
    public static final String DESTINATION_VAR = "MLFLOW_ARTIFACTS_DESTINATION";
    static final String AUTH_CONFIG_PATH = "/etc/mlflow/auth/basic_auth.ini";
    public static final String ADMIN_USER = "admin";
    /** prometheus-flask-exporter's multiprocess directory: under /tmp, the one writable path (read-only root filesystem). */
    static final String METRICS_DIR = "/tmp/metrics";
    /** The Service annotations that make a LoadBalancer Service private on each cloud. */
    static final Map<Target, Map<String, String>> INTERNAL_LB = Map.of(
            // cloud-provider-aws (the EKS default) reads -internal; the AWS Load Balancer Controller reads -scheme.
            Target.AWS, Map.of("service.beta.kubernetes.io/aws-load-balancer-internal", "true",
                    "service.beta.kubernetes.io/aws-load-balancer-scheme", "internal"),
            Target.GCP, Map.of("networking.gke.io/load-balancer-type", "Internal"),
            Target.AZURE, Map.of("service.beta.kubernetes.io/azure-load-balancer-internal", "true"));

    private TrackingManifests() {
    }

    /** Labels on every tracking object. */
    static Map<String, String> labels() {
        return Map.of(APP_LABEL, APP, "app.kubernetes.io/managed-by", "derrick");
    }

    /**
     * The server's command line: PostgreSQL through libpq's PG* variables ({@code postgresql://} with no host or
     * user), artifacts proxied to the store (clients never need bucket credentials), Prometheus metrics.
     */
    static List<String> args(TrackingSpec t) {
        var args = new ArrayList<>(List.of("server", "--host=0.0.0.0", "--port=" + PORT, "--backend-store-uri=postgresql://",
                "--artifacts-destination=$(" + DESTINATION_VAR + ")", "--serve-artifacts", "--expose-prometheus=" + METRICS_DIR));
        if (t.auth() == TrackingSpec.Auth.BASIC) {
            args.add("--app-name=basic-auth");
        }
        return args;
    }

    /**
     * Host names MLflow's host-header check accepts (fnmatch patterns): port-forward, the service names, private
     * addresses (Prometheus scrapes the pod IP; an internal load balancer's address), and the ingress host.
     */
    static String allowedHosts(TrackingSpec t) {
        var hosts = new ArrayList<>(List.of("localhost:*", "127.0.0.1:*", APP + ":*", APP + "." + NAMESPACE + ":*",
                APP + "." + NAMESPACE + ".svc:*", APP + "." + NAMESPACE + ".svc.cluster.local:*",
                "10.*", "172.*", "192.168.*"));
        if (t.ingressHost() != null) {
            hosts.add(t.ingressHost());
            hosts.add(t.ingressHost() + ":*");
        }
        return String.join(",", hosts);
    }

    /** The data of {@value #STORE_CONFIG}: the client's variables from the workload identity, and the store's URI. */
    static Map<String, String> storeConfig(String artifactUri, Map<String, String> identityEnv, Optional<String> s3Endpoint) {
        var data = new TreeMap<String, String>(identityEnv);
        // MLflow's S3 client reads its own variable for an S3-compatible endpoint.
        s3Endpoint.ifPresent(e -> data.putIfAbsent("MLFLOW_S3_ENDPOINT_URL", e));
        data.put(DESTINATION_VAR, artifactUri);
        return data;
    }

    /**
     * The Deployment's spec; the store's URI and client variables come from {@value #STORE_CONFIG}.
     *
     * @param credentialsSecret S3-compatible stores only: the Secret with the access keys, read with envFrom
     * @param podLabels         labels the workload identity needs on the pods (AKS)
     */
    static Map<String, Object> deploymentSpec(TrackingSpec t, Optional<String> credentialsSecret, Map<String, String> podLabels) {
        var env = new ArrayList<Map<String, Object>>();
        if (t.inClusterDatabase()) {
            env.add(Map.of("name", "PGHOST", "value", DB_HOST));
            env.add(Map.of("name", "PGPORT", "value", "5432"));
            env.add(Map.of("name", "PGDATABASE", "value", DB_NAME));
            env.add(fromSecret("PGUSER", DB_APP_SECRET, "username"));
            env.add(fromSecret("PGPASSWORD", DB_APP_SECRET, "password"));
        } else {
            env.add(fromSecret("PGHOST", t.databaseSecret(), "host"));
            env.add(fromSecret("PGPORT", t.databaseSecret(), "port"));
            env.add(fromSecret("PGDATABASE", t.databaseSecret(), "dbname"));
            env.add(fromSecret("PGUSER", t.databaseSecret(), "username"));
            env.add(fromSecret("PGPASSWORD", t.databaseSecret(), "password"));
        }
        env.add(Map.of("name", "MLFLOW_SERVER_ALLOWED_HOSTS", "value", allowedHosts(t)));
        env.add(Map.of("name", "PROMETHEUS_MULTIPROC_DIR", "value", METRICS_DIR));
        var mounts = new ArrayList<Map<String, Object>>(List.of(Map.of("name", "tmp", "mountPath", "/tmp")));
        var volumes = new ArrayList<Map<String, Object>>(List.of(Map.of("name", "tmp", "emptyDir", Map.of())));
        if (t.auth() == TrackingSpec.Auth.BASIC) {
            env.add(Map.of("name", "MLFLOW_AUTH_CONFIG_PATH", "value", AUTH_CONFIG_PATH));
            mounts.add(Map.of("name", "auth", "mountPath", "/etc/mlflow/auth", "readOnly", true));
            volumes.add(Map.of("name", "auth", "secret", Map.of("secretName", AUTH_SECRET)));
        }
        var container = new LinkedHashMap<String, Object>();
        container.put("name", "mlflow");
        container.put("image", t.serverImage());
        container.put("command", List.of("mlflow"));
        container.put("args", args(t));
        container.put("ports", List.of(Map.of("name", "http", "containerPort", PORT)));
        container.put("env", env);
        var envFrom = new ArrayList<Map<String, Object>>(List.of(Map.of("configMapRef", Map.of("name", STORE_CONFIG))));
        credentialsSecret.ifPresent(s -> envFrom.add(Map.of("secretRef", Map.of("name", s))));
        container.put("envFrom", envFrom);
        container.put("volumeMounts", mounts);
        // /health is exempt from the host check and from basic auth.
        container.put("readinessProbe", Map.of("httpGet", Map.of("path", "/health", "port", "http"), "periodSeconds", 10));
        container.put("livenessProbe", Map.of("httpGet", Map.of("path", "/health", "port", "http"), "periodSeconds", 20,
                "initialDelaySeconds", 60, "failureThreshold", 6));
        container.put("resources", Map.of("requests", Map.of("cpu", "500m", "memory", "1Gi"), "limits", Map.of("memory", "2Gi")));
        container.put("securityContext", Map.of("allowPrivilegeEscalation", false, "readOnlyRootFilesystem", true, "runAsNonRoot", true,
                "runAsUser", 1001, "runAsGroup", 1001, "capabilities", Map.of("drop", List.of("ALL")), "seccompProfile", Map.of("type", "RuntimeDefault")));
        var podLabelMap = new TreeMap<String, String>(podLabels);
        podLabelMap.putAll(labels());
        var pod = new LinkedHashMap<String, Object>();
        pod.put("serviceAccountName", SERVICE_ACCOUNT);
        pod.put("securityContext", Map.of("fsGroup", 1001));
        pod.put("containers", List.of(container));
        pod.put("volumes", volumes);
        var spec = new LinkedHashMap<String, Object>();
        spec.put("replicas", 1);
        spec.put("selector", Map.of("matchLabels", Map.of(APP_LABEL, APP)));
        spec.put("template", Map.of("metadata", Map.of("labels", podLabelMap), "spec", pod));
        return spec;
    }

    private static Map<String, Object> fromSecret(String name, String secret, String key) {
        return Map.of("name", name, "valueFrom", Map.of("secretKeyRef", Map.of("name", secret, "key", key)));
    }

    /** The Service's type: ClusterIP, or a LoadBalancer the cloud keeps on the private network ({@link #serviceAnnotations}). */
    static String serviceType(TrackingSpec t) {
        return t.exposure() == TrackingSpec.Exposure.INTERNAL_LOAD_BALANCER ? "LoadBalancer" : "ClusterIP";
    }

    /** The Service's annotations: empty unless it is an internal load balancer. */
    static Map<String, String> serviceAnnotations(TrackingSpec t, Target target) {
        return t.exposure() == TrackingSpec.Exposure.INTERNAL_LOAD_BALANCER ? INTERNAL_LB.getOrDefault(target, Map.of()) : Map.of();
    }

    /** The Ingress's spec (exposure: ingress): the host to the service; MLflow's basic auth guards it. */
    static Map<String, Object> ingressSpec(TrackingSpec t) {
        var spec = new LinkedHashMap<String, Object>();
        if (t.ingressClass() != null) {
            spec.put("ingressClassName", t.ingressClass());
        }
        spec.put("rules", List.of(Map.of("host", t.ingressHost(), "http", Map.of("paths", List.of(Map.of("path", "/", "pathType", "Prefix",
                "backend", Map.of("service", Map.of("name", APP, "port", Map.of("number", PORT)))))))));
        return spec;
    }

    /** MLflow's basic-auth configuration: users in their own database on the same server (libpq's PG* variables). */
    static String authIni(String adminPassword) {
        return "[mlflow]\n"
                + "default_permission = READ\n"
                + "database_uri = postgresql:///" + AUTH_DB_NAME + "\n"
                + "admin_username = " + ADMIN_USER + "\n"
                + "admin_password = " + adminPassword + "\n"
                + "authorization_function = mlflow.server.auth:authenticate_request_basic_auth\n";
    }

    /** The CloudNativePG Cluster's spec: the operator generates the owner's password into {@value #DB_APP_SECRET}. */
    static Map<String, Object> databaseSpec(TrackingSpec t, String storageClass) {
        var storage = new LinkedHashMap<String, Object>();
        storage.put("size", t.databaseSize());
        if (storageClass != null) {
            storage.put("storageClass", storageClass);
        }
        var spec = new LinkedHashMap<String, Object>();
        spec.put("instances", t.databaseInstances());
        spec.put("storage", storage);
        spec.put("bootstrap", Map.of("initdb", Map.of("database", DB_NAME, "owner", DB_NAME)));
        return spec;
    }

    /** The basic-auth database, declared to the operator (CloudNativePG {@code Database}). */
    static Map<String, Object> authDatabaseSpec() {
        return Map.of("cluster", Map.of("name", DB_CLUSTER), "name", AUTH_DB_NAME, "owner", DB_NAME);
    }

    /**
     * Scrapes the tracking server's {@code /metrics} (prometheus-flask-exporter). MLflow's basic-auth app leaves only
     * {@code /static}, {@code /favicon.ico} and {@code /health} open, so with auth Prometheus logs in as the admin from
     * {@value #AUTH_SECRET}.
     */
    static Map<String, Object> serviceMonitorSpec(TrackingSpec t) {
        var endpoint = new LinkedHashMap<String, Object>(Map.of("port", "http", "path", "/metrics", "interval", "30s"));
        if (t.auth() == TrackingSpec.Auth.BASIC) {
            endpoint.put("basicAuth", Map.of("username", Map.of("name", AUTH_SECRET, "key", "admin-username"),
                    "password", Map.of("name", AUTH_SECRET, "key", "admin-password")));
        }
        return Map.of("selector", Map.of("matchLabels", Map.of(APP_LABEL, APP)), "endpoints", List.of(endpoint));
    }

    /** Scrapes the database instances' exporter (port {@code metrics}, which CloudNativePG names on every instance pod). */
    static Map<String, Object> databasePodMonitorSpec() {
        return Map.of("selector", Map.of("matchLabels", Map.of("cnpg.io/cluster", DB_CLUSTER)),
                "podMetricsEndpoints", List.of(Map.of("port", "metrics")));
    }
}
