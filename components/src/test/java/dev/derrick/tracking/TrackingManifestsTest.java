package dev.derrick.tracking;

import dev.derrick.config.Target;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The tracking server's objects, read as maps. */
class TrackingManifestsTest {
    private static final TrackingSpec PORT_FORWARD = new TrackingSpec(true, "models", null, null, null, null, null, null, null, null);
    private static final TrackingSpec INGRESS = new TrackingSpec(true, "models", null, null, null, null, TrackingSpec.Exposure.INGRESS,
            "mlflow.ml.example.internal", "internal", null);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> deployment) {
        var template = (Map<String, Object>) deployment.get("template");
        var pod = (Map<String, Object>) template.get("spec");
        return ((List<Map<String, Object>>) pod.get("containers")).get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> env(Map<String, Object> container) {
        var out = new java.util.LinkedHashMap<String, Object>();
        for (Map<String, Object> e : (List<Map<String, Object>>) container.get("env")) {
            out.put((String) e.get("name"), e.containsKey("value") ? e.get("value") : e.get("valueFrom"));
        }
        return out;
    }

    @Test
    void deployment_proxiesArtifactsToTheStoreAndReadsTheOperatorsGeneratedPassword() {
        var c = container(TrackingManifests.deploymentSpec(PORT_FORWARD, Optional.empty(), Map.of()));
        assertThat(c.get("image")).isEqualTo("burakince/mlflow:3.15.1");
        assertThat((List<String>) c.get("args")).contains("--backend-store-uri=postgresql://", "--artifacts-destination=$(MLFLOW_ARTIFACTS_DESTINATION)",
                "--serve-artifacts").noneMatch(a -> a.startsWith("--app-name"));
        assertThat(c.get("envFrom")).isEqualTo(List.of(Map.of("configMapRef", Map.of("name", "mlflow-artifact-store"))));
        var env = env(c);
        assertThat(env).containsEntry("PGHOST", "mlflow-db-rw").containsEntry("PGDATABASE", "mlflow");
        assertThat(env.get("PGPASSWORD")).isEqualTo(Map.of("secretKeyRef", Map.of("name", "mlflow-db-app", "key", "password")));
        assertThat(TrackingManifests.storeConfig("s3://prod-models-1a2b", Map.of("AWS_REGION", "us-east-1"), Optional.empty()))
                .isEqualTo(Map.of("AWS_REGION", "us-east-1", "MLFLOW_ARTIFACTS_DESTINATION", "s3://prod-models-1a2b"));
    }

    @Test
    void deployment_withAnExternalDatabase_readsTheConnectionFromTheUsersSecret() {
        var external = new TrackingSpec(true, "models", TrackingSpec.Database.EXTERNAL, "mlflow-postgres", null, null, null, null, null, null);
        var env = env(container(TrackingManifests.deploymentSpec(external, Optional.empty(), Map.of())));
        for (String v : List.of("PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD")) {
            assertThat(env.get(v)).as(v).isInstanceOf(Map.class).asString().contains("mlflow-postgres");
        }
    }

    @Test
    void deployment_withAnS3CompatibleStore_takesTheKeysFromTheIdentitysSecretAndThePodLabels() {
        var d = TrackingManifests.deploymentSpec(PORT_FORWARD, Optional.of("mlflow-store-keys"), Map.of("azure.workload.identity/use", "true"));
        assertThat(container(d).get("envFrom")).isEqualTo(List.of(Map.of("configMapRef", Map.of("name", "mlflow-artifact-store")),
                Map.of("secretRef", Map.of("name", "mlflow-store-keys"))));
        assertThat(TrackingManifests.storeConfig("s3://models", Map.of(), Optional.of("http://seaweedfs-s3.object-store:8333")))
                .containsEntry("MLFLOW_S3_ENDPOINT_URL", "http://seaweedfs-s3.object-store:8333");
        assertThat(d.toString()).contains("azure.workload.identity/use=true");
        assertThat(((Map<?, ?>) d.get("selector")).toString()).doesNotContain("azure");
    }

    @Test
    void deployment_withBasicAuth_runsTheBasicAuthAppWithItsConfigFromASecret() {
        var c = container(TrackingManifests.deploymentSpec(INGRESS, Optional.empty(), Map.of()));
        assertThat((List<String>) c.get("args")).contains("--app-name=basic-auth");
        assertThat(env(c)).containsEntry("MLFLOW_AUTH_CONFIG_PATH", "/etc/mlflow/auth/basic_auth.ini");
        assertThat(String.valueOf(env(c).get("MLFLOW_SERVER_ALLOWED_HOSTS"))).contains("mlflow.ml.example.internal");
        assertThat(TrackingManifests.authIni("s3cr3t")).contains("admin_password = s3cr3t").contains("database_uri = postgresql:///mlflow_auth");
    }

    @Test
    void service_isClusterIpByDefaultAndAPrivateLoadBalancerOnRequest() {
        assertThat(TrackingManifests.serviceType(PORT_FORWARD)).isEqualTo("ClusterIP");
        assertThat(TrackingManifests.serviceAnnotations(PORT_FORWARD, Target.AWS)).isEmpty();
        var lb = new TrackingSpec(true, "m", null, null, null, null, TrackingSpec.Exposure.INTERNAL_LOAD_BALANCER, null, null, null);
        assertThat(TrackingManifests.serviceType(lb)).isEqualTo("LoadBalancer");
        assertThat(TrackingManifests.serviceAnnotations(lb, Target.AWS)).containsEntry("service.beta.kubernetes.io/aws-load-balancer-internal", "true");
        assertThat(TrackingManifests.serviceAnnotations(lb, Target.GCP)).containsEntry("networking.gke.io/load-balancer-type", "Internal");
        assertThat(TrackingManifests.serviceAnnotations(lb, Target.AZURE)).containsEntry("service.beta.kubernetes.io/azure-load-balancer-internal", "true");
    }

    @Test
    void serviceMonitor_logsInWhereBasicAuthGuardsMetrics() {
        assertThat(TrackingManifests.serviceMonitorSpec(PORT_FORWARD).toString()).contains("path=/metrics").doesNotContain("basicAuth");
        var endpoint = (Map<?, ?>) ((List<?>) TrackingManifests.serviceMonitorSpec(INGRESS).get("endpoints")).get(0);
        assertThat(endpoint.get("basicAuth")).isEqualTo(Map.of("username", Map.of("name", "mlflow-auth-config", "key", "admin-username"),
                "password", Map.of("name", "mlflow-auth-config", "key", "admin-password")));
    }

    @Test
    void ingress_routesItsHostToTheService() {
        var spec = TrackingManifests.ingressSpec(INGRESS);
        assertThat(spec.get("ingressClassName")).isEqualTo("internal");
        assertThat(spec.toString()).contains("host=mlflow.ml.example.internal").contains("name=mlflow").contains("number=5000");
    }

    @Test
    void database_isTheOperatorsClusterWithTheRequestedSizeAndStorageClass() {
        var spec = TrackingManifests.databaseSpec(PORT_FORWARD, "fast-ssd");
        assertThat(spec.get("instances")).isEqualTo(2);
        assertThat(spec.get("storage")).isEqualTo(Map.of("size", "20Gi", "storageClass", "fast-ssd"));
        assertThat(spec.toString()).contains("database=mlflow").contains("owner=mlflow").doesNotContain("password");
    }
}
