package dev.derrick.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-cluster layer of the prod stack (its EKS cluster {@code train}: GPU operator with the EKS node image's runtime,
 * monitoring with dcgm-exporter) deployed for real by the real Pulumi CLI and Kubernetes provider into the test
 * cluster's EKS-like KWOK nodes, through {@link CloudLayerProgram}. The Java language host is Derrick's STAND-IN.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealEngineCloudLayerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration UP = Duration.ofMinutes(14);
    private Path work;
    private RealEngine.ChartMirror mirror;
    private RealEngine.Pulumi pulumi;
    private Path kubeconfigPath;

    /** A jar whose manifest runs {@link CloudLayerProgram} on the CLI jar's classpath (the host runs jars only). */
    private static Path launcher(Path dir) throws IOException {
        Path app = RealEngine.appCopy(dir);
        var cp = new ArrayList<String>();
        cp.add(dir.relativize(app.resolve("test-classes")) + "/");
        cp.add(dir.relativize(app.resolve("derrick-cli.jar")).toString());
        try (var libs = Files.list(app.resolve("lib"))) {
            libs.sorted().forEach(l -> cp.add(dir.relativize(l).toString()));
        }
        var manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, CloudLayerProgram.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", cp));
        Path jar = dir.resolve("cloud-layer.jar");
        try (var out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return jar;
    }

    @BeforeAll
    void setUp() throws IOException {
        RealEngine.requireEngine();
        kubeconfigPath = RealEngine.kubeconfig("CLOUD");
        String kubeconfig = Files.readString(kubeconfigPath);
        Path target = Files.createDirectories(Project.root().resolve("tests/target/real-engine"));
        work = Files.createTempDirectory(target, "cloud-layer-");
        mirror = new RealEngine.ChartMirror(work);
        Path project = RealEngine.project(work, launcher(work), "prod", mirror.url, config -> { });
        pulumi = new RealEngine.Pulumi(work, project);
        pulumi.run(Duration.ofMinutes(1), "login", "file://" + pulumi.state).ok("pulumi login");
        pulumi.run(Duration.ofMinutes(1), "stack", "init", "prod").ok("pulumi stack init");
        pulumi.run(Duration.ofMinutes(1), "config", "set", "--secret", "realengine:kubeconfig", kubeconfig).ok("pulumi config set");
    }

    @AfterAll
    void tearDown() {
        if (pulumi != null) {
            pulumi.run(UP, "destroy", "--yes", "--skip-preview");
        }
        if (mirror != null) {
            mirror.close();
        }
    }

    @Test
    @Order(1)
    void up_thenPreview_deploysTheEksLayerWithNoPerpetualDiff() {
        var up = pulumi.run(UP, "up", "--yes", "--skip-preview").ok("pulumi up (prod in-cluster layer)");
        assertThat(up.output()).contains("train-gpu-operator-release").contains("train-monitoring-dcgm-exporter");
        pulumi.run(UP, "preview", "--expect-no-changes", "--diff").ok("pulumi preview --expect-no-changes");
    }

    @Test
    @Order(2)
    void gpuOperatorAndExporter_landOnTheEksGpuNodesOnly() throws IOException {
        JsonNode policy = JSON.readTree(RealEngine.kubectlOn(kubeconfigPath, "get", "clusterpolicies.nvidia.com", "cluster-policy", "-o", "json")
                .ok("kubectl get clusterpolicy").output());
        assertThat(policy.path("spec").path("operator").path("runtimeClass").asText()).isEqualTo("nvidia");
        assertThat(policy.path("spec").path("driver").path("enabled").asBoolean()).as("the AL2023 NVIDIA AMI carries the driver").isFalse();
        JsonNode pods = JSON.readTree(RealEngine.kubectlOn(kubeconfigPath, "-n", "monitoring", "get", "pods", "-l", "app.kubernetes.io/name=dcgm-exporter", "-o", "json")
                .ok("kubectl get pods").output());
        var nodes = new ArrayList<String>();
        pods.path("items").forEach(p -> nodes.add(p.path("spec").path("nodeName").asText()));
        // GPU nodes carrying the operator's deploy label: the EKS-like ones and the on-prem lab's GPU nodes (all in the test cluster)
        assertThat(nodes).contains("eks-train-h100-1", "eks-train-l4-1").doesNotContain("eks-train-system-1", "lab-cpu-01");
    }

    @Test
    @Order(3)
    void destroy_removesTheLayer() {
        pulumi.run(UP, "destroy", "--yes", "--skip-preview").ok("pulumi destroy");
        var ns = RealEngine.kubectlOn(kubeconfigPath, "get", "namespace", "gpu-operator", "-o", "jsonpath={.status.phase}");
        assertThat(ns.exit() != 0 || ns.output().contains("Terminating")).isTrue();
        assertThat(RealEngine.kubectlOn(kubeconfigPath, "get", "clusterpolicies.nvidia.com", "cluster-policy").exit()).isNotZero();
    }
}
