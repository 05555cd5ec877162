package dev.derrick.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Kueue controller (v0.19.2, the vendored chart's version, built from the Go module proxy by realengine/build)
 * admits jobs into the queues and flavors Derrick plans for the prod stack's cluster {@code train} (teams research and
 * serving, GPU pools h100 and l4), on the real-engine cloud cluster's API server and KWOK nodes: Jobs, and a TrainJob on
 * Derrick's torch-distributed ClusterTrainingRuntime (Trainer's and JobSet's CRDs only; their controllers do not run).
 *
 * <p>The controller runs as a local process on 127.0.0.1, with the configuration Derrick's release gives it (the
 * rendered chart's ConfigMap) and what a pod would otherwise get from its Deployment and Service: the webhook server on a
 * free 127.0.0.1 port, the chart's CRDs and webhook configurations with each {@code service:} reference replaced by a
 * {@code url:} on that port (the API server's "cluster" egress, which service references use, goes nowhere here).
 * Certificates: Kueue's own cert rotator (internalCertManagement, on as in the chart) accepts a CA and serving certificate
 * it finds valid in its secret instead of making its own, and then only injects the CA into the webhook configurations
 * and the CRDs' conversion webhooks; this test puts one there whose serving certificate also names 127.0.0.1, and writes
 * it to the cert dir as the pod's secret volume would. Kueue's job webhooks only match team namespaces (Derrick's
 * managedJobsNamespaceSelector), and nothing else on this cluster creates Kueue objects, so it shares the cloud cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealEngineKueueTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String NS = "kueue-system";
    private static final String SERVICE = "kueue-webhook-service";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private Path kubeconfig;
    private Path work;
    private Process controller;
    private final Map<String, String> times = new LinkedHashMap<>();

    private static int freePort() throws IOException {
        try (var s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private RealEngine.Result kubectl(String... args) {
        return RealEngine.kubectlOn(kubeconfig, args);
    }

    private void apply(String file, List<JsonNode> items) throws IOException {
        Path f = work.resolve(file);
        Files.writeString(f, JSON.writeValueAsString(Map.of("apiVersion", "v1", "kind", "List", "items", items)));
        kubectl("apply", "--server-side", "--force-conflicts", "--field-manager", "derrick-test", "-f", f.toString()).ok("apply " + file);
    }

    /** The CA (its name must be valid for "kueue-ca", as the rotator checks) and a serving cert for the service and 127.0.0.1. */
    private Map<String, String> certificates() throws IOException {
        Path pki = Files.createDirectories(work.resolve("pki"));
        String dns = SERVICE + "." + NS + ".svc";
        Files.writeString(pki.resolve("server.ext"), "subjectAltName=DNS:" + dns + ",IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
                + "keyUsage=critical,digitalSignature,keyEncipherment\n");
        for (String[] cmd : new String[][]{
                // PKCS#1 keys: the rotator reads its CA key with x509.ParsePKCS1PrivateKey
                {"openssl", "genrsa", "-traditional", "-out", "ca.key", "2048"},
                {"openssl", "req", "-x509", "-new", "-key", "ca.key", "-days", "3650", "-subj", "/CN=kueue-ca", "-addext", "subjectAltName=DNS:kueue-ca",
                        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,digitalSignature,keyEncipherment",
                        "-out", "ca.crt"},
                {"openssl", "genrsa", "-traditional", "-out", "tls.key", "2048"},
                {"openssl", "req", "-new", "-key", "tls.key", "-subj", "/CN=" + dns, "-out", "tls.csr"},
                {"openssl", "x509", "-req", "-in", "tls.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "3650",
                        "-extfile", "server.ext", "-out", "tls.crt"}}) {
            RealEngine.run(pki, Map.of(), Duration.ofMinutes(1), cmd).ok(String.join(" ", cmd));
        }
        var out = new LinkedHashMap<String, String>();
        for (String f : List.of("ca.crt", "ca.key", "tls.crt", "tls.key")) {
            out.put(f, Files.readString(pki.resolve(f)));
        }
        return out;
    }

    /** A {@code service:} client config of the chart's, as a {@code url:} on the local webhook server. */
    private static void toUrl(JsonNode clientConfig, int port) {
        var cc = (ObjectNode) clientConfig;
        JsonNode service = cc.remove("service");
        assertThat(service.path("name").asText()).isEqualTo(SERVICE);
        cc.put("url", "https://127.0.0.1:" + port + service.path("path").asText());
    }

    @BeforeAll
    void startKueue() throws Exception {
        long t0 = System.nanoTime();
        Path kueue = RealEngine.tool("kueue");
        RealHelm.helm();
        kubeconfig = RealEngine.kubeconfig("CLOUD");
        work = Files.createTempDirectory(Files.createDirectories(Project.root().resolve("tests/target/real-engine")), "kueue-");
        RealHelm.Rendered chart = ChartRenderTest.render("prod", "train-kueue-release");
        int webhookPort = freePort();
        int healthPort = freePort();
        int metricsPort = freePort();

        Map<String, String> pem = certificates();
        Path certDir = Files.createDirectories(work.resolve("certs"));
        Files.writeString(certDir.resolve("tls.crt"), pem.get("tls.crt"));
        Files.writeString(certDir.resolve("tls.key"), pem.get("tls.key"));
        var data = new LinkedHashMap<String, String>();
        pem.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        String secretName = chart.one("Secret", "kueue-webhook-server-cert").path("metadata").path("name").asText();
        apply("kueue-system.json", List.of(
                JSON.valueToTree(Map.of("apiVersion", "v1", "kind", "Namespace", "metadata", Map.of("name", NS))),
                JSON.valueToTree(Map.of("apiVersion", "v1", "kind", "Secret", "type", "Opaque", "metadata", Map.of("name", secretName, "namespace", NS),
                        "data", data))));

        var objects = new ArrayList<JsonNode>();
        for (JsonNode crd : chart.ofKind("CustomResourceDefinition")) {
            JsonNode conversion = crd.path("spec").path("conversion");
            if (conversion.path("strategy").asText().equals("Webhook")) {
                toUrl(conversion.path("webhook").path("clientConfig"), webhookPort);
            }
            objects.add(crd);
        }
        for (String kind : List.of("MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")) {
            for (JsonNode config : chart.ofKind(kind)) {
                config.path("webhooks").forEach(w -> toUrl(w.path("clientConfig"), webhookPort));
                objects.add(config);
            }
        }
        // The TrainJob and JobSet CRDs of Derrick's Trainer and JobSet releases, so Kueue sets up its TrainJob integration
        // from the start (it owns JobSets). Their controllers do not run: Kueue alone decides whether a TrainJob may start.
        var crds = new ArrayList<>(chart.ofKind("CustomResourceDefinition"));
        crds.addAll(ChartRenderTest.render("prod", "train-kueue-trainer").ofKind("CustomResourceDefinition"));
        crds.addAll(ChartRenderTest.render("prod", "train-kueue-jobset").ofKind("CustomResourceDefinition"));
        objects.addAll(crds.subList(chart.ofKind("CustomResourceDefinition").size(), crds.size()));
        apply("crds-webhooks.json", objects);
        var wait = new ArrayList<>(List.of("wait", "--for=condition=Established", "--timeout=240s"));
        crds.forEach(c -> wait.add("crd/" + c.path("metadata").path("name").asText()));
        kubectl(wait.toArray(String[]::new)).ok("CRDs established");

        // Derrick's configuration as its release renders it; only where a pod would differ: addresses, cert dir, no leader election.
        var config = (ObjectNode) YAML.readTree(chart.one("ConfigMap", "kueue-manager-config").path("data").path("controller_manager_config.yaml").asText());
        config.set("webhook", JSON.valueToTree(Map.of("host", "127.0.0.1", "port", webhookPort, "certDir", certDir.toString())));
        config.set("health", JSON.valueToTree(Map.of("healthProbeBindAddress", "127.0.0.1:" + healthPort)));
        config.set("metrics", JSON.valueToTree(Map.of("bindAddress", "127.0.0.1:" + metricsPort)));
        config.set("leaderElection", JSON.valueToTree(Map.of("leaderElect", false)));
        Path configFile = work.resolve("controller_manager_config.yaml");
        Files.writeString(configFile, YAML.writeValueAsString(config));
        times.put("setup before the controller (s)", seconds(t0));

        long t1 = System.nanoTime();
        // VisibilityOnDemand off: its API server would listen on all interfaces; nothing here reads it.
        var pb = new ProcessBuilder(kueue.toString(), "--config=" + configFile, "--feature-gates=VisibilityOnDemand=false")
                .redirectErrorStream(true).redirectOutput(work.resolve("kueue.log").toFile());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        controller = pb.start();
        var http = HttpClient.newHttpClient();
        var readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/readyz")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            assertThat(controller.isAlive()).as("the Kueue controller exited; its log: %s", work.resolve("kueue.log")).isTrue();
            try {
                if (http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            assertThat(System.nanoTime()).as("Kueue ready within %s; its log: %s", WAIT, work.resolve("kueue.log")).isLessThan(deadline);
            Thread.sleep(250);
        }
        times.put("controller ready (s)", seconds(t1));
    }

    private static String seconds(long since) {
        return String.format("%.1f", (System.nanoTime() - since) / 1e9);
    }

    @AfterAll
    void stopKueue() throws Exception {
        if (kubeconfig != null) {
            // Nothing may be left failing closed once the controller is gone.
            kubectl("delete", "mutatingwebhookconfiguration", "kueue-mutating-webhook-configuration", "--ignore-not-found");
            kubectl("delete", "validatingwebhookconfiguration", "kueue-validating-webhook-configuration", "--ignore-not-found");
        }
        if (controller != null) {
            controller.destroy();
            if (!controller.waitFor(10, TimeUnit.SECONDS)) {
                controller.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (work != null) {
            var lines = new StringBuilder();
            times.forEach((k, v) -> lines.append("kueue\t").append(k).append('\t').append(v).append('\n'));
            Files.writeString(work.resolve("times.tsv"), lines.toString());
        }
    }

    /**
     * Derrick's planned team namespaces, then flavors, queues and the torch-distributed ClusterTrainingRuntime of cluster
     * train (a LocalQueue needs its namespace).
     */
    private List<List<JsonNode>> planned() {
        var namespaces = new ArrayList<JsonNode>();
        var kueueObjects = new ArrayList<JsonNode>();
        for (PlannedResource r : ChartRenderTest.plan("prod").resources()) {
            if (r.name().startsWith("train-kueue-team-") && r.type().equals("kubernetes:core/v1:Namespace")) {
                namespaces.add(ServerDryRunTest.ownObject(r));
            } else if (r.name().startsWith("train-kueue-") && (r.type().startsWith("kubernetes:kueue.x-k8s.io/")
                    || r.type().equals("kubernetes:trainer.kubeflow.org/v1alpha1:ClusterTrainingRuntime"))) {
                kueueObjects.add(ServerDryRunTest.ownObject(r));
            }
        }
        return List.of(namespaces, kueueObjects);
    }

    private JsonNode await(String what, String[] get, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            var r = kubectl(get);
            if (r.exit() == 0) {
                last = JSON.readTree(r.output());
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(300);
        }
        throw new AssertionError(what + " not within " + WAIT + "; last seen: " + last + "\nKueue's log: " + work.resolve("kueue.log"));
    }

    /** The Workload Kueue made for the {@code kind} (Job, TrainJob) {@code name} in {@code ns}, once {@code done} holds for it. */
    private JsonNode workloadOf(String ns, String kind, String name, Predicate<JsonNode> done) throws Exception {
        JsonNode list = await("workload of " + kind + " " + name, new String[]{"-n", ns, "get", "workloads.kueue.x-k8s.io", "-o", "json"},
                l -> find(l, kind, name) != null && done.test(find(l, kind, name)));
        return find(list, kind, name);
    }

    private static JsonNode find(JsonNode workloads, String kind, String job) {
        for (JsonNode w : workloads.path("items")) {
            for (JsonNode o : w.path("metadata").path("ownerReferences")) {
                if (o.path("kind").asText().equals(kind) && o.path("name").asText().equals(job)) {
                    return w;
                }
            }
        }
        return null;
    }

    private static boolean condition(JsonNode o, String type, String status) {
        for (JsonNode c : o.path("status").path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c.path("status").asText().equals(status);
            }
        }
        return false;
    }

    /** A Job in the research team's queue, not suspended by its author: Kueue's webhook must suspend it. */
    private JsonNode submit(String name, int gpus, Map<String, String> nodeSelector) throws IOException {
        var podSpec = new LinkedHashMap<String, Object>();
        podSpec.put("restartPolicy", "Never");
        if (!nodeSelector.isEmpty()) {
            podSpec.put("nodeSelector", nodeSelector);
        }
        podSpec.put("containers", List.of(Map.of("name", "train", "image", "busybox", "resources", Map.of(
                "requests", Map.of("cpu", "1", "memory", "1Gi", "nvidia.com/gpu", gpus), "limits", Map.of("nvidia.com/gpu", gpus)))));
        Path f = work.resolve(name + ".json");
        Files.writeString(f, JSON.writeValueAsString(Map.of("apiVersion", "batch/v1", "kind", "Job",
                "metadata", Map.of("name", name, "namespace", "research", "labels", Map.of("kueue.x-k8s.io/queue-name", "research")),
                "spec", Map.of("template", Map.of("spec", podSpec)))));
        return JSON.readTree(kubectl("create", "-f", f.toString(), "-o", "json").ok("create job " + name).output());
    }

    private static String gpuFlavor(JsonNode workload) {
        return workload.path("status").path("admission").path("podSetAssignments").path(0).path("flavors").path("nvidia.com/gpu").asText();
    }

    @Test
    @Order(1)
    void plannedQueues_areAcceptedByKueuesWebhooksAndBecomeActive() throws Exception {
        long t0 = System.nanoTime();
        List<List<JsonNode>> planned = planned();
        assertThat(planned.get(0)).extracting(n -> n.path("metadata").path("name").asText()).containsExactlyInAnyOrder("research", "serving", "serving-canary");
        assertThat(planned.get(1)).extracting(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
                .contains("ResourceFlavor/h100", "ResourceFlavor/l4", "ClusterQueue/research", "ClusterQueue/serving", "LocalQueue/research",
                        "ClusterTrainingRuntime/torch-distributed");
        apply("team-namespaces.json", planned.get(0));
        apply("queues.json", planned.get(1));
        kubectl("wait", "--for=condition=Active", "clusterqueue.kueue.x-k8s.io/research", "clusterqueue.kueue.x-k8s.io/serving",
                "--timeout=" + WAIT.toSeconds() + "s").ok("ClusterQueues active");
        kubectl("wait", "-n", "research", "--for=condition=Active", "localqueue.kueue.x-k8s.io/research", "--timeout=" + WAIT.toSeconds() + "s")
                .ok("LocalQueue research active");
        times.put("queues active (s)", seconds(t0));
    }

    @Test
    @Order(2)
    void jobOfEightGpus_isSuspendedByKueueThenAdmittedOntoTheH100FlavorAndBoundToAnH100Node() throws Exception {
        long t0 = System.nanoTime();
        JsonNode created = submit("train-h100", 8, Map.of());
        assertThat(created.path("spec").path("suspend").asBoolean()).as("Kueue's mutating webhook suspends a queued job on creation").isTrue();

        JsonNode workload = workloadOf("research", "Job", "train-h100", w -> condition(w, "Admitted", "True"));
        assertThat(gpuFlavor(workload)).isEqualTo("h100");
        assertThat(workload.path("status").path("admission").path("clusterQueue").asText()).isEqualTo("research");
        JsonNode job = await("job train-h100 unsuspended", new String[]{"-n", "research", "get", "job", "train-h100", "-o", "json"},
                j -> !j.path("spec").path("suspend").asBoolean(true));
        JsonNode pod = job.path("spec").path("template").path("spec");
        assertThat(pod.path("nodeSelector").path("derrick.dev/pool").asText()).as("pinned to the flavor's pool").isEqualTo("h100");
        assertThat(pod.path("tolerations").toString()).contains("\"key\":\"nvidia.com/gpu\"");
        JsonNode pods = await("pod of train-h100 bound", new String[]{"-n", "research", "get", "pods", "-l", "job-name=train-h100", "-o", "json"},
                l -> l.path("items").size() == 1 && !l.path("items").path(0).path("spec").path("nodeName").asText().isEmpty());
        assertThat(pods.path("items").path(0).path("spec").path("nodeName").asText()).isEqualTo("eks-train-h100-1");
        times.put("8-GPU job admitted and bound (s)", seconds(t0));
    }

    @Test
    @Order(3)
    void jobAskingForL4_isAdmittedOntoTheL4Flavor() throws Exception {
        submit("infer-l4", 4, Map.of("derrick.dev/accelerator", "l4"));

        JsonNode workload = workloadOf("research", "Job", "infer-l4", w -> condition(w, "Admitted", "True"));
        assertThat(gpuFlavor(workload)).isEqualTo("l4");
    }

    @Test
    @Order(4)
    void trainJobOnDerricksTorchRuntime_isSuspendedByKueueThenAdmittedOntoTheH100Flavor() throws Exception {
        Path f = work.resolve("trainjob.json");
        Files.writeString(f, JSON.writeValueAsString(Map.of("apiVersion", "trainer.kubeflow.org/v1alpha1", "kind", "TrainJob",
                "metadata", Map.of("name", "finetune", "namespace", "research", "labels", Map.of("kueue.x-k8s.io/queue-name", "research")),
                "spec", Map.of("runtimeRef", Map.of("name", "torch-distributed"), "trainer", Map.of("numNodes", 2, "resourcesPerNode", Map.of(
                        "requests", Map.of("nvidia.com/gpu", 4), "limits", Map.of("nvidia.com/gpu", 4)))))));
        JsonNode created = JSON.readTree(kubectl("create", "-f", f.toString(), "-o", "json").ok("create TrainJob").output());
        assertThat(created.path("spec").path("suspend").asBoolean()).as("Kueue's TrainJob webhook suspends it on creation").isTrue();

        JsonNode workload = workloadOf("research", "TrainJob", "finetune", w -> condition(w, "Admitted", "True"));
        JsonNode podSet = workload.path("status").path("admission").path("podSetAssignments").path(0);
        assertThat(podSet.path("flavors").path("nvidia.com/gpu").asText()).isEqualTo("h100");
        assertThat(podSet.path("count").asInt()).as("the runtime's node pod set, one pod per node").isEqualTo(2);
        await("TrainJob finetune unsuspended", new String[]{"-n", "research", "get", "trainjob", "finetune", "-o", "json"},
                j -> !j.path("spec").path("suspend").asBoolean(true));
    }

    @Test
    @Order(5)
    void jobOverTheTeamsReach_staysPendingAndSuspended() throws Exception {
        submit("train-h100-32", 32, Map.of());

        JsonNode workload = workloadOf("research", "Job", "train-h100-32", w -> condition(w, "QuotaReserved", "False")
                && w.path("status").path("conditions").toString().contains("insufficient quota"));
        assertThat(condition(workload, "Admitted", "True")).isFalse();
        assertThat(workload.path("status").path("admission").isMissingNode()).isTrue();
        assertThat(JSON.readTree(kubectl("-n", "research", "get", "job", "train-h100-32", "-o", "json").ok("get job").output())
                .path("spec").path("suspend").asBoolean()).isTrue();
    }
}
