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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The onprem stack deployed for real: the real Pulumi CLI and Kubernetes provider, a real kube-apiserver with
 * controller-manager, scheduler and KWOK nodes (realengine/), Helm releases from the vendored charts through a chart
 * mirror on 127.0.0.1 ({@code derrick:charts.repository}). The Java language host is Derrick's STAND-IN
 * (realengine/modules/pulumi/cmd/pulumi-language-java): the official one cannot be obtained here.
 *
 * <p>Left out of the stack, because no AWS provider can run here: {@code derrick:objectStores} (an S3-compatible
 * endpoint through the AWS provider). Everything else of stacks/Pulumi.onprem.yaml is deployed as it is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealEngineOnpremTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STACK = "onprem";
    private static final Duration UP = Duration.ofMinutes(14);
    private static final String CANARY = "canary-grafana-" + UUID.randomUUID();

    private Path work;
    private RealEngine.ChartMirror mirror;
    private RealEngine.Pulumi pulumi;
    private String kubeconfigText;
    private final Map<String, String> times = new LinkedHashMap<>();

    @BeforeAll
    void setUp() throws IOException {
        RealEngine.requireEngine();
        Path kubeconfig = RealEngine.kubeconfig();
        kubeconfigText = Files.readString(kubeconfig);
        work = Files.createTempDirectory(Files.createDirectories(Project.root().resolve("tests/target/real-engine")), "onprem-");
        mirror = new RealEngine.ChartMirror(work);
        assertThat(Project.root().resolve("cli/target/derrick-cli.jar")).as("the CLI jar the Pulumi.yaml binary names (built by the cli module)")
                .isRegularFile();
        Path project = RealEngine.project(work, RealEngine.appCopy(work).resolve("derrick-cli.jar"), STACK, mirror.url, config -> {
            config.remove("derrick:objectStores");
            config.remove("derrick:kubeconfigs");
        });
        pulumi = new RealEngine.Pulumi(work, project);
        pulumi.env.put("DERRICK_PROGRAM_TIMINGS", work.resolve("program-times.tsv").toString());
        pulumi.run(Duration.ofMinutes(1), "login", "file://" + pulumi.state).ok("pulumi login");
        pulumi.run(Duration.ofMinutes(1), "stack", "init", STACK).ok("pulumi stack init");
        pulumi.run(Duration.ofMinutes(1), "config", "set", "--secret", "--path", "derrick:kubeconfigs.lab", kubeconfigText)
                .ok("pulumi config set kubeconfig");
        pulumi.run(Duration.ofMinutes(1), "config", "set", "--secret", "derrick:grafanaAdminPassword", CANARY).ok("pulumi config set password");
    }

    @AfterAll
    void tearDown() throws IOException {
        if (pulumi != null) {
            // Leave the shared cluster clean for other tests even when a step failed.
            pulumi.run(Duration.ofMinutes(2), "state", "unprotect", "--all", "--yes");
            pulumi.run(UP, "destroy", "--yes", "--skip-preview");
        }
        if (mirror != null) {
            mirror.close();
        }
        if (work != null && Files.isRegularFile(work.resolve("program-times.tsv"))) {
            times.put("program runs (kind, s)", Files.readString(work.resolve("program-times.tsv")).strip().replace('\n', ' ').replace('\t', '='));
        }
        var report = new StringBuilder();
        times.forEach((k, v) -> report.append(k).append('\t').append(v).append('\n'));
        Path out = Project.root().resolve("tests/target/real-engine-times.tsv");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
    }

    private static String seconds(Duration d) {
        return String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private JsonNode node(String name) throws IOException {
        return JSON.readTree(RealEngine.kubectl("get", "node", name, "-o", "json").ok("kubectl get node").output());
    }

    private static List<String> taints(JsonNode node) {
        var out = new ArrayList<String>();
        node.path("spec").path("taints").forEach(t -> out.add(t.path("key").asText() + "=" + t.path("value").asText("") + ":" + t.path("effect").asText()));
        return out;
    }

    private void waitFor(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(500);
        }
    }

    @Test
    @Order(1)
    void up_deploysTheOnpremStack() {
        var up = pulumi.run(UP, "up", "--yes", "--skip-preview").ok("pulumi up");
        times.put("pulumi up (first, onprem)", seconds(up.took()));
        assertThat(up.output()).doesNotContain(CANARY);
    }

    @Test
    @Order(2)
    void nodes_carryThePoolsLabelsAndTheGpuTaint() throws IOException {
        JsonNode dgx = node("lab-dgx-01");
        assertThat(dgx.path("metadata").path("labels").path("derrick.dev/pool").asText()).isEqualTo("h100");
        assertThat(dgx.path("metadata").path("labels").path("derrick.dev/accelerator").asText()).isEqualTo("h100-80gb");
        assertThat(taints(dgx)).contains("nvidia.com/gpu=true:NoSchedule");
        JsonNode a100 = node("lab-a100-01");
        assertThat(a100.path("metadata").path("labels").path("nvidia.com/mig.config").asText()).isEqualTo("all-1g.10gb");
        assertThat(taints(node("lab-cpu-01"))).as("a CPU pool adds no taint").isEmpty();
    }

    @Test
    @Order(3)
    void preview_afterUp_expectsNoChanges() {
        var preview = pulumi.run(UP, "preview", "--expect-no-changes", "--diff");
        times.put("pulumi preview --expect-no-changes", seconds(preview.took()));
        preview.ok("pulumi preview --expect-no-changes");
    }

    @Test
    @Order(4)
    void cordonAndUncordon_survivesUpAndLeavesNoChanges() throws Exception {
        RealEngine.kubectl("cordon", "lab-dgx-01").ok("kubectl cordon");
        waitFor("the node controller's unschedulable taint", () -> {
            try {
                return taints(node("lab-dgx-01")).stream().anyMatch(t -> t.startsWith("node.kubernetes.io/unschedulable="));
            } catch (IOException e) {
                return false;
            }
        });
        pulumi.run(UP, "up", "--yes", "--skip-preview").ok("pulumi up while cordoned");
        assertThat(taints(node("lab-dgx-01"))).as("the cordon's taint is written back, the GPU taint stays")
                .contains("nvidia.com/gpu=true:NoSchedule").anyMatch(t -> t.startsWith("node.kubernetes.io/unschedulable="));
        assertThat(node("lab-dgx-01").path("spec").path("unschedulable").asBoolean()).isTrue();

        RealEngine.kubectl("uncordon", "lab-dgx-01").ok("kubectl uncordon");
        waitFor("the unschedulable taint to go", () -> {
            try {
                return taints(node("lab-dgx-01")).stream().noneMatch(t -> t.startsWith("node.kubernetes.io/unschedulable="));
            } catch (IOException e) {
                return false;
            }
        });
        var again = pulumi.run(UP, "up", "--yes", "--skip-preview").ok("pulumi up after uncordon");
        times.put("pulumi up after cordon+uncordon (onprem)", seconds(again.took()));
        assertThat(taints(node("lab-dgx-01"))).containsExactly("nvidia.com/gpu=true:NoSchedule");
        pulumi.run(UP, "preview", "--expect-no-changes", "--diff").ok("pulumi preview --expect-no-changes after cordon/uncordon");
    }

    private String pod(String name, boolean tolerates) {
        String toleration = tolerates ? "  tolerations: [{key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}]\n" : "";
        // Only the onprem cluster's nodes (the test cluster also holds EKS-like nodes of another stack's h100 pool).
        return "apiVersion: v1\nkind: Pod\nmetadata: {name: " + name + ", namespace: default}\nspec:\n"
                + "  nodeSelector: {derrick.dev/pool: h100}\n" + toleration
                + "  affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: [{matchExpressions: "
                + "[{key: kubernetes.io/hostname, operator: In, values: [lab-dgx-01, lab-dgx-02, lab-a100-01, lab-cpu-01]}]}]}}}\n"
                + "  containers: [{name: train, image: registry.example/train:1, resources: {limits: {nvidia.com/gpu: 1}}}]\n";
    }

    @Test
    @Order(5)
    void scheduler_placesAGpuPodThatToleratesTheTaintOnTheGpuPoolAndNoOther() throws Exception {
        Path manifests = work.resolve("pods.yaml");
        Files.writeString(manifests, pod("gpu-tolerates", true) + "---\n" + pod("gpu-no-toleration", false));
        RealEngine.kubectl("apply", "-f", manifests.toString()).ok("kubectl apply pods");
        try {
            waitFor("gpu-tolerates to be scheduled", () -> !podField("gpu-tolerates", "{.spec.nodeName}").isBlank());
            assertThat(podField("gpu-tolerates", "{.spec.nodeName}")).isIn("lab-dgx-01", "lab-dgx-02");
            waitFor("the scheduler to give up on gpu-no-toleration", () ->
                    podField("gpu-no-toleration", "{.status.conditions[?(@.type==\"PodScheduled\")].reason}").equals("Unschedulable"));
            assertThat(podField("gpu-no-toleration", "{.spec.nodeName}")).isBlank();
            assertThat(podField("gpu-no-toleration", "{.status.conditions[?(@.type==\"PodScheduled\")].message}"))
                    .as("the GPU taint keeps it off the GPU pool's nodes").contains("had untolerated taint");
        } finally {
            RealEngine.kubectl("delete", "-f", manifests.toString(), "--wait=false");
        }
    }

    private static String podField(String pod, String jsonpath) {
        var r = RealEngine.kubectl("-n", "default", "get", "pod", pod, "-o", "jsonpath=" + jsonpath);
        return r.exit() == 0 ? r.output().strip() : "";
    }

    @Test
    @Order(6)
    void state_keepsTheSecretsSecret() {
        String state = pulumi.allState();
        assertThat(state).as("state files").isNotEmpty();
        assertThat(state).doesNotContain(CANARY);
        String token = kubeconfigText.replaceAll("(?s).*token: (\\S+).*", "$1");
        assertThat(token).hasSizeGreaterThan(20);
        assertThat(state).doesNotContain(token);
    }

    @Test
    @Order(7)
    void urns_theRealEngineRecorded_areTheGoldenPlanUrns() throws IOException {
        JsonNode export = JSON.readTree(pulumi.run(Duration.ofMinutes(2), "stack", "export").ok("pulumi stack export").output());
        var real = new TreeSet<String>();
        export.path("deployment").path("resources").forEach(r -> {
            if (!r.path("external").asBoolean()) { // reads (Node.get) are not registrations
                real.add(r.path("urn").asText());
            }
        });
        var golden = new TreeSet<String>();
        for (String urn : Files.readAllLines(Project.resource("golden/onprem.urns.txt"))) {
            // the S3-compatible store (AWS provider) is left out of the real run
            if (!urn.isBlank() && !urn.contains("derrick:onprem:S3CompatibleStore") && !urn.contains("pulumi:providers:aws::")) {
                golden.add(urn);
            }
        }
        assertThat(real).isEqualTo(golden);
    }

    @Test
    @Order(8)
    void destroy_refusesProtectedResourcesThenRemovesEverythingAfterUnprotect() throws IOException {
        // Aimed at the protected registry alone (a whole-stack destroy would first delete everything else, then refuse).
        String registry = "urn:pulumi:" + STACK + "::derrick::derrick:onprem:ExistingCluster$derrick:onprem:OciRegistry::lab-registry";
        var refused = pulumi.run(UP, "destroy", "--yes", "--skip-preview", "--target", registry, "--target-dependents");
        assertThat(refused.exit()).as("the protected registry blocks a destroy").isNotZero();
        assertThat(refused.output()).containsIgnoringCase("protect");
        assertThat(RealEngine.kubectl("get", "namespace", "registry").exit()).as("nothing of it deleted").isZero();
        pulumi.run(Duration.ofMinutes(2), "state", "unprotect", "--all", "--yes").ok("pulumi state unprotect --all");
        var destroy = pulumi.run(UP, "destroy", "--yes", "--skip-preview").ok("pulumi destroy");
        times.put("pulumi destroy", seconds(destroy.took()));
        for (String ns : List.of("monitoring", "gpu-operator", "registry")) {
            var get = RealEngine.kubectl("get", "namespace", ns, "-o", "jsonpath={.status.phase}");
            assertThat(get.exit() != 0 || get.output().contains("Terminating")).as("namespace %s gone or going", ns).isTrue();
        }
        assertThat(RealEngine.kubectl("-n", "kube-system", "get", "daemonset", "derrick-labeller-l40s").exit()).isNotZero();
        assertThat(RealEngine.kubectl("get", "clusterrole", "derrick-labeller").exit()).isNotZero();
        JsonNode dgx = node("lab-dgx-01");
        assertThat(dgx.path("metadata").path("labels").has("derrick.dev/pool")).as("the NodePatch's labels are released").isFalse();
    }
}
