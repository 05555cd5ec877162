package dev.derrick.tests;

import dev.derrick.cli.ProgramRunner;
import dev.derrick.cli.StackPlan;
import dev.derrick.cli.render.JsonRenderer;
import dev.derrick.config.StackFiles;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlannedResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Every stack in stacks/ is planned offline; its plan and URNs are golden; the inputs that matter are asserted by name. */
class StackPlansTest {

    static List<String> stacks() {
        return StackFiles.project(Project.root()).stacks();
    }

    private static final Map<String, StackPlan> STACK_PLANS = new ConcurrentHashMap<>();

    static StackPlan stackPlan(String stack) {
        return STACK_PLANS.computeIfAbsent(stack, s -> ProgramRunner.run(Project.root(), StackFiles.load(Project.root(), s)));
    }

    static Plan plan(String stack) {
        return stackPlan(stack).plan();
    }

    static String urns(Plan plan) {
        var sb = new StringBuilder();
        plan.resources().stream().map(PlannedResource::urn).sorted().forEach(u -> sb.append(u).append('\n'));
        return sb.toString();
    }

    @Test
    void stacks_whenListed_includeDevProdAndTheOtherClouds() {
        assertThat(stacks()).contains("dev", "prod", "gcp-prod", "azure-prod", "onprem", "hybrid");
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void plan_whenStackPlanned_matchesGoldenPlanJson(String stack) throws IOException {
        Golden.check(stack + ".plan.json", JsonRenderer.render(stackPlan(stack)));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void plan_whenStackPlanned_matchesGoldenUrnList(String stack) throws IOException {
        Golden.check(stack + ".urns.txt", urns(plan(stack)));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void urns_whenAGoldenUrnDisappears_anAliasKeepsIt(String stack) throws IOException {
        var golden = Project.resource("golden").resolve(stack + ".urns.txt");
        if (Golden.updating() || !Files.exists(golden)) {
            return;
        }
        Plan plan = plan(stack);
        Set<String> now = new HashSet<>();
        plan.resources().forEach(r -> {
            now.add(r.urn());
            now.addAll(r.aliases());
        });
        var lost = new ArrayList<String>();
        for (String urn : Files.readAllLines(golden)) {
            if (!urn.isBlank() && !now.contains(urn)) {
                lost.add(urn);
            }
        }
        assertThat(lost).as("URNs of stack %s that would be replaced (add an alias to the renamed resource)", stack).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void plan_whenStackPlanned_passesEveryMandatoryPolicy(String stack) {
        assertThat(stackPlan(stack).policies().failures()).as("mandatory policy failures of shipped stack %s", stack).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void plan_whenStackPlanned_everyResourceHasAUniqueUrnAndKnownParent(String stack) {
        Plan plan = plan(stack);
        Set<String> urns = new HashSet<>();
        for (PlannedResource r : plan.resources()) {
            assertThat(urns.add(r.urn())).as("duplicate URN %s", r.urn()).isTrue();
        }
        for (PlannedResource r : plan.resources()) {
            if (r.parent() != null) {
                assertThat(urns).as("parent of %s", r.urn()).contains(r.parent());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void plan_whenStackPlanned_everyTaggableCloudResourceIsTagged(String stack) {
        for (PlannedResource r : plan(stack).resources()) {
            if (r.custom() && r.inputs().containsKey("tags")) {
                @SuppressWarnings("unchecked")
                var tags = (Map<String, Object>) r.inputs().get("tags");
                assertThat(tags).as("tags of %s", r.urn()).containsKeys("environment", "managed-by", "team");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void plan_whenStackPlanned_everyLabelledGcpResourceIsLabelled(String stack) {
        for (PlannedResource r : plan(stack).resources()) {
            for (String key : List.of("labels", "resourceLabels")) {
                if (r.custom() && r.type().startsWith("gcp:") && r.inputs().containsKey(key)) {
                    @SuppressWarnings("unchecked")
                    var labels = (Map<String, Object>) r.inputs().get(key);
                    assertThat(labels).as("%s of %s", key, r.urn()).containsKeys("environment", "managed-by", "team");
                }
            }
        }
    }

    @Test
    void gcpProdPlan_whenPlanned_hasTheProdPoolsOnA3AndG2WithGpuTaintsAndCompactH100s() {
        Plan plan = plan("gcp-prod");
        var h100 = plan.named("gcp:container/nodePool:NodePool", "train-h100").orElseThrow();
        var l4 = plan.named("gcp:container/nodePool:NodePool", "train-l4").orElseThrow();
        assertThat(Plan.get(h100.inputs(), "nodeConfig.machineType")).isEqualTo("a3-highgpu-8g");
        assertThat(Plan.get(h100.inputs(), "nodeConfig.guestAccelerators.0.count")).isEqualTo(8L);
        assertThat(Plan.get(h100.inputs(), "placementPolicy.type")).isEqualTo("COMPACT");
        assertThat(Plan.get(h100.inputs(), "nodeConfig.diskSizeGb")).isEqualTo(500L);
        assertThat(Plan.get(l4.inputs(), "nodeConfig.machineType")).isEqualTo("g2-standard-48");
        assertThat(l4.inputs()).doesNotContainKey("placementPolicy").containsEntry("nodeLocations", List.of("us-central1-b", "us-central1-c"));
        for (var pool : List.of(h100, l4)) {
            assertThat(Plan.get(pool.inputs(), "nodeConfig.taints.0.key")).as("GPU taint of %s", pool.name()).isEqualTo("nvidia.com/gpu");
            assertThat(Plan.get(pool.inputs(), "nodeConfig.spot")).as("nodePoolDefaults capacity of %s", pool.name()).isEqualTo(false);
        }
        var gke = plan.named("gcp:container/cluster:Cluster", "train-gke").orElseThrow();
        assertThat(gke.inputs()).containsEntry("name", "gcp-prod-train").containsEntry("removeDefaultNodePool", true);
        assertThat(Plan.get(gke.inputs(), "privateClusterConfig.enablePrivateEndpoint")).as("public endpoint...").isEqualTo(false);
        assertThat(Plan.get(gke.inputs(), "masterAuthorizedNetworksConfig.cidrBlocks.0.cidrBlock")).as("...restricted").isEqualTo("203.0.113.0/24");
        assertThat(gke.provider()).isEqualTo("urn:pulumi:gcp-prod::derrick::pulumi:providers:gcp::gcp-us-central1");
    }

    @Test
    void gcpProdPlan_whenPlanned_storesAreCmekVersionedPrivateProtectedAndRepositoriesImmutable() {
        Plan plan = plan("gcp-prod");
        for (String store : List.of("datasets", "checkpoints")) {
            var bucket = plan.named("gcp:storage/bucket:Bucket", store).orElseThrow();
            assertThat(bucket.protect()).as("%s protected", store).isTrue();
            assertThat(bucket.inputs()).containsEntry("publicAccessPrevention", "enforced").containsEntry("uniformBucketLevelAccess", true);
            assertThat((String) Plan.get(bucket.inputs(), "encryption.defaultKmsKeyName")).endsWith("/cryptoKeys/" + store);
            assertThat(Plan.get(bucket.inputs(), "versioning.enabled")).isEqualTo(true);
        }
        var repos = plan.ofType("gcp:artifactregistry/repository:Repository");
        assertThat(repos).extracting(PlannedResource::name).containsExactlyInAnyOrder("ml-training", "ml-serving");
        for (var repo : repos) {
            assertThat(Plan.get(repo.inputs(), "dockerConfig.immutableTags")).isEqualTo(true);
            assertThat(repo.protect()).isTrue();
        }
        assertThat(plan.named("gcp:projects/service:Service", "gcp-container-scanning").orElseThrow().inputs())
                .containsEntry("service", "containerscanning.googleapis.com");
    }

    @Test
    void azureProdPlan_whenPlanned_hasH100OnNd96TheSystemPoolInlineAndAPrivateApi() {
        Plan plan = plan("azure-prod");
        var h100 = plan.named("azure-native:containerservice:AgentPool", "train-h100").orElseThrow();
        assertThat(h100.inputs()).containsEntry("vmSize", "Standard_ND96isr_H100_v5").containsEntry("scaleSetPriority", "Regular")
                .containsEntry("availabilityZones", List.of("1")).containsEntry("nodeTaints", List.of("nvidia.com/gpu=true:NoSchedule"));
        assertThat(plan.named("azure-native:containerservice:AgentPool", "train-a10").orElseThrow().inputs())
                .containsEntry("vmSize", "Standard_NV72ads_A10_v5");
        var aks = plan.named("azure-native:containerservice:ManagedCluster", "train-aks").orElseThrow();
        assertThat(Plan.get(aks.inputs(), "agentPoolProfiles.0.mode")).isEqualTo("System");
        assertThat(Plan.get(aks.inputs(), "agentPoolProfiles.0.vmSize")).isEqualTo("Standard_D8s_v5");
        assertThat(Plan.get(aks.inputs(), "apiServerAccessProfile.enablePrivateCluster")).isEqualTo(true);
        assertThat(aks.inputs()).containsEntry("resourceName", "azure-prod-train").containsEntry("location", "eastus");
    }

    @Test
    void azureProdPlan_whenPlanned_storesAreTls12PrivateVersionedProtectedAndRegistriesAdminFree() {
        Plan plan = plan("azure-prod");
        for (String store : List.of("datasets", "checkpoints")) {
            var account = plan.named("azure-native:storage:StorageAccount", store).orElseThrow();
            assertThat(account.protect()).as("%s protected", store).isTrue();
            assertThat(account.inputs()).containsEntry("minimumTlsVersion", "TLS1_2").containsEntry("allowBlobPublicAccess", false);
            assertThat(plan.named("azure-native:storage:BlobServiceProperties", store + "-blob-service").orElseThrow().inputs())
                    .containsEntry("isVersioningEnabled", true);
        }
        var registries = plan.ofType("azure-native:containerregistry:Registry");
        assertThat(registries).extracting(PlannedResource::name).containsExactlyInAnyOrder("mltraining", "mlserving");
        for (var registry : registries) {
            assertThat(registry.inputs()).containsEntry("adminUserEnabled", false);
            assertThat(Plan.get(registry.inputs(), "sku.name")).isEqualTo("Premium");
            assertThat(registry.protect()).isTrue();
        }
    }

    @Test
    void devPlan_whenPlanned_hasSpotL4PoolThatScalesToZero() {
        Plan plan = plan("dev");
        assertThat(plan.named("aws:eks/nodeGroup:NodeGroup", "train-gpu")).as("a Karpenter pool has no node group").isEmpty();
        var gpu = plan.named("kubernetes:karpenter.sh/v1:NodePool", "train-karpenter-gpu-nodepool").orElseThrow();
        assertThat(Plan.get(gpu.inputs(), "spec.template.spec.requirements.0")).isEqualTo(Map.of("key", "karpenter.sh/capacity-type", "operator", "In", "values", List.of("spot")));
        assertThat(Plan.get(gpu.inputs(), "spec.template.spec.requirements.1.values")).isEqualTo(List.of("g6.xlarge"));
        assertThat(Plan.get(gpu.inputs(), "spec.limits")).as("max 2 x g6.xlarge").isEqualTo(Map.of("cpu", "8", "nvidia.com/gpu", "2"));
        assertThat(Plan.get(gpu.inputs(), "spec.template.spec.taints.0")).isEqualTo(Map.of("key", "nvidia.com/gpu", "value", "true", "effect", "NoSchedule"));
        @SuppressWarnings("unchecked")
        var labels = (Map<String, Object>) Plan.get(gpu.inputs(), "spec.template.metadata.labels");
        assertThat(labels).containsEntry("derrick.dev/accelerator", "l4").containsEntry("nvidia.com/gpu.present", "true");
    }

    @Test
    void devPlan_whenPlanned_hasSystemPoolWithoutGpuTaint() {
        var system = plan("dev").named("aws:eks/nodeGroup:NodeGroup", "train-system").orElseThrow();
        assertThat(system.inputs()).containsEntry("amiType", "AL2023_x86_64_STANDARD");
        assertThat(system.inputs().get("taints")).isEqualTo(List.of());
    }

    @Test
    void prodPlan_whenPlanned_hasH100AndL4PoolsOnTheRightInstanceTypes() {
        Plan plan = plan("prod");
        var h100 = plan.named("kubernetes:karpenter.sh/v1:NodePool", "train-karpenter-h100-nodepool").orElseThrow();
        var h100Class = plan.named("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "train-karpenter-h100-nodeclass").orElseThrow();
        var l4 = plan.named("kubernetes:karpenter.sh/v1:NodePool", "train-karpenter-l4-nodepool").orElseThrow();
        assertThat(Plan.get(h100.inputs(), "spec.template.spec.requirements.1.values")).isEqualTo(List.of("p5.48xlarge"));
        assertThat(Plan.get(h100.inputs(), "spec.template.spec.requirements.0.values")).isEqualTo(List.of("on-demand"));
        assertThat(Plan.get(h100.inputs(), "spec.template.spec.requirements.4.values")).isEqualTo(List.of("us-east-1a"));
        assertThat(Plan.get(h100Class.inputs(), "spec.blockDeviceMappings.0.ebs.volumeSize")).isEqualTo("500Gi");
        assertThat(Plan.get(h100.inputs(), "spec.disruption.consolidateAfter")).isEqualTo("30m");
        assertThat(Plan.get(l4.inputs(), "spec.template.spec.requirements.1.values")).isEqualTo(List.of("g6.12xlarge", "g6.24xlarge", "g6.48xlarge"));
        assertThat(Plan.get(l4.inputs(), "spec.template.spec.requirements.0.values")).as("spot first").isEqualTo(List.of("spot", "on-demand"));
    }

    @Test
    void prodPlan_whenPlanned_spreadsSubnetsOverThreeZonesAndRestrictsThePublicApi() {
        Plan plan = plan("prod");
        var subnets = plan.ofType("aws:ec2/subnet:Subnet");
        assertThat(subnets).hasSize(6);
        assertThat(subnets.stream().map(s -> s.inputs().get("availabilityZone")).distinct())
                .containsExactlyInAnyOrder("us-east-1a", "us-east-1b", "us-east-1c");
        var eks = plan.named("aws:eks/cluster:Cluster", "train-eks").orElseThrow();
        assertThat(Plan.get(eks.inputs(), "vpcConfig.endpointPrivateAccess")).isEqualTo(true);
        assertThat(Plan.get(eks.inputs(), "vpcConfig.endpointPublicAccess")).isEqualTo(true);
        assertThat(Plan.get(eks.inputs(), "vpcConfig.publicAccessCidrs")).as("never 0.0.0.0/0 in prod").isEqualTo(java.util.List.of("203.0.113.0/24"));
        assertThat(eks.inputs()).containsEntry("version", "1.35").containsEntry("name", "prod-train");
    }

    @Test
    void prodPlan_whenPlanned_storesAreKmsEncryptedVersionedPrivateAndProtected() {
        Plan plan = plan("prod");
        for (String store : List.of("datasets", "checkpoints")) {
            var bucket = plan.named("aws:s3/bucketV2:BucketV2", store).orElseThrow();
            assertThat(bucket.protect()).as("%s protected", store).isTrue();
            var sse = plan.named("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", store + "-encryption").orElseThrow();
            assertThat(Plan.get(sse.inputs(), "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")).isEqualTo("aws:kms");
            var versioning = plan.named("aws:s3/bucketVersioningV2:BucketVersioningV2", store + "-versioning").orElseThrow();
            assertThat(Plan.get(versioning.inputs(), "versioningConfiguration.status")).isEqualTo("Enabled");
            var pab = plan.named("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", store + "-public-access").orElseThrow();
            assertThat(pab.inputs()).containsEntry("blockPublicAcls", true).containsEntry("blockPublicPolicy", true)
                    .containsEntry("ignorePublicAcls", true).containsEntry("restrictPublicBuckets", true);
        }
    }

    /** What tracking object {@code name} of stack {@code stack}'s cluster train waits for (the named dependencies' names). */
    private static List<String> trackingDeps(String stack, String type, String name) {
        Plan plan = plan(stack);
        var r = plan.named(type, "train-tracking-" + name).orElseThrow();
        return r.dependencies().stream().map(u -> u.substring(u.lastIndexOf("::") + 2)).toList();
    }

    @Test
    void prodPlans_whenPlanned_runMlflowWithTheCloudsWorkloadIdentityAfterItsDatabaseAndTheOperatorsCrds() {
        String deployment = "kubernetes:apps/v1:Deployment";
        assertThat(trackingDeps("prod", deployment, "deployment")).contains("train-tracking-identity-association", "train-tracking-database",
                "train-tracking-service-account", "train-tracking-store-config");
        assertThat(trackingDeps("gcp-prod", deployment, "deployment")).contains("train-tracking-identity-workload-identity",
                "train-tracking-identity-store", "train-tracking-auth", "train-tracking-auth-database");
        assertThat(trackingDeps("azure-prod", deployment, "deployment")).contains("train-tracking-identity-federation", "train-tracking-identity-store");
        // CRDs (the operator release) before the objects; the operator after the cluster's monitoring stack
        assertThat(trackingDeps("prod", "kubernetes:postgresql.cnpg.io/v1:Cluster", "database")).contains("train-tracking-cnpg");
        assertThat(trackingDeps("prod", "kubernetes:core/v1:Namespace", "cnpg-namespace")).contains("train-monitoring-kube-prometheus-stack");
        // private by default; an internal load balancer on gcp-prod; an Ingress (with basic auth) on azure-prod
        var service = plan("gcp-prod").named("kubernetes:core/v1:Service", "train-tracking-service").orElseThrow();
        assertThat(Plan.get(service.inputs(), "spec.type")).isEqualTo("LoadBalancer");
        assertThat(Plan.get(service.inputs(), "metadata.annotations")).isEqualTo(java.util.Map.of("networking.gke.io/load-balancer-type", "Internal"));
        assertThat(Plan.get(plan("prod").named("kubernetes:core/v1:Service", "train-tracking-service").orElseThrow().inputs(), "spec.type"))
                .isEqualTo("ClusterIP");
        assertThat(plan("azure-prod").named("kubernetes:networking.k8s.io/v1:Ingress", "train-tracking-ingress")).isPresent();
        // the generated admin password stays secret in the plan
        var auth = plan("azure-prod").named("kubernetes:core/v1:Secret", "train-tracking-auth").orElseThrow();
        assertThat(auth.inputs().get("stringData")).isEqualTo(dev.derrick.plan.PlannedResource.SECRET);
    }

    @Test
    void prodPlan_whenPlanned_registriesScanOnPushWithImmutableTags() {
        Plan plan = plan("prod");
        var repos = plan.ofType("aws:ecr/repository:Repository");
        assertThat(repos).hasSize(2);
        for (var repo : repos) {
            assertThat(repo.inputs()).containsEntry("imageTagMutability", "IMMUTABLE");
            assertThat(Plan.get(repo.inputs(), "imageScanningConfiguration.scanOnPush")).isEqualTo(true);
            assertThat(repo.protect()).isTrue();
        }
    }

    @Test
    void prodPlan_whenPlanned_nodeGroupsAreChildrenOfTheirPoolAndCluster() {
        var ng = plan("prod").named("aws:eks/nodeGroup:NodeGroup", "train-system").orElseThrow();
        assertThat(ng.urn()).isEqualTo("urn:pulumi:prod::derrick::derrick:aws:EksCluster$derrick:aws:EksNodePool$aws:eks/nodeGroup:NodeGroup::train-system");
        assertThat(ng.provider()).isEqualTo("urn:pulumi:prod::derrick::pulumi:providers:aws::aws-us-east-1");
        // GPU pools are Karpenter pools: their NodePools live under the cluster's Karpenter component
        var np = plan("prod").named("kubernetes:karpenter.sh/v1:NodePool", "train-karpenter-h100-nodepool").orElseThrow();
        assertThat(np.urn()).isEqualTo("urn:pulumi:prod::derrick::derrick:aws:EksCluster$derrick:aws:Karpenter$kubernetes:karpenter.sh/v1:NodePool::train-karpenter-h100-nodepool");
        assertThat(plan("prod").named("aws:eks/nodeGroup:NodeGroup", "train-h100")).isEmpty();
    }

    @Test
    void devPlan_whenPlanned_hasASmallMonitoringStackOnTheClusterThatKeepsThreeDays() {
        Plan plan = plan("dev");
        var monitoring = plan.named("derrick:kubernetes:MonitoringStack", "train-monitoring").orElseThrow();
        var stack = plan.named("kubernetes:helm.sh/v3:Release", "train-monitoring-kube-prometheus-stack").orElseThrow();

        assertThat(monitoring.parent()).as("on the cluster").isEqualTo(plan.named("derrick:aws:EksCluster", "train").orElseThrow().urn());
        assertThat(Plan.get(stack.inputs(), "values.prometheus.prometheusSpec.retention")).isEqualTo("3d");
        assertThat(Plan.get(stack.inputs(), "values.prometheus.prometheusSpec.resources.requests"))
                .isEqualTo(Map.of("cpu", "200m", "memory", "1Gi"));
        assertThat(Plan.get(stack.inputs(), "values.grafana.resources.requests")).isEqualTo(Map.of("cpu", "50m", "memory", "128Mi"));
        var thresholds = plan.named("kubernetes:monitoring.coreos.com/v1:PrometheusRule", "train-monitoring-rules-gpu-thresholds").orElseThrow();
        assertThat(Plan.get(thresholds.inputs(), "spec.groups.1.rules")).as("one declared series for the L4 pool")
                .isEqualTo(List.of(Map.of("record", "derrick:pool_gpus_per_node_declared", "labels", Map.of("pool", "gpu"), "expr", "vector(1)")));
    }

    @Test
    void prodPlan_whenPlanned_monitorsTheClusterWithPinnedChartsAndRulesForItsGpuPools() {
        Plan plan = plan("prod");
        var stack = plan.named("kubernetes:helm.sh/v3:Release", "train-monitoring-kube-prometheus-stack").orElseThrow();
        var dcgm = plan.named("kubernetes:helm.sh/v3:Release", "train-monitoring-dcgm-exporter").orElseThrow();
        var thresholds = plan.named("kubernetes:monitoring.coreos.com/v1:PrometheusRule", "train-monitoring-rules-gpu-thresholds").orElseThrow();
        var provider = plan.named("pulumi:providers:kubernetes", "train-monitoring-provider").orElseThrow();
        var namespace = plan.named("kubernetes:core/v1:Namespace", "train-monitoring-namespace").orElseThrow();

        assertThat(stack.inputs()).containsEntry("version", "81.5.0");
        assertThat(Plan.get(stack.inputs(), "values.prometheus.prometheusSpec.retention")).isEqualTo("15d");
        assertThat(dcgm.inputs()).containsEntry("version", "4.8.2");
        assertThat(Plan.get(thresholds.inputs(), "spec.groups.0.rules.0.expr")).isEqualTo("vector(85)");
        assertThat(Plan.get(thresholds.inputs(), "spec.groups.1.rules")).isEqualTo(List.of(
                Map.of("record", "derrick:pool_gpus_per_node_declared", "labels", Map.of("pool", "h100"), "expr", "vector(8)"),
                Map.of("record", "derrick:pool_gpus_per_node_declared", "labels", Map.of("pool", "l4"), "expr", "vector(8)")));
        assertThat(provider.inputs().get("kubeconfig")).as("kubeconfig never in plain text")
                .isIn(PlannedResource.UNKNOWN, PlannedResource.SECRET);
        assertThat(namespace.dependencies()).as("in-cluster objects wait for the node groups and the Karpenter NodePools").contains(
                "urn:pulumi:prod::derrick::derrick:aws:EksCluster$derrick:aws:Karpenter$kubernetes:karpenter.sh/v1:NodePool::train-karpenter-h100-nodepool",
                "urn:pulumi:prod::derrick::derrick:aws:EksCluster$derrick:aws:EksNodePool$aws:eks/nodeGroup:NodeGroup::train-system");
        assertThat(namespace.urn()).isEqualTo(
                "urn:pulumi:prod::derrick::derrick:aws:EksCluster$derrick:kubernetes:MonitoringStack$kubernetes:core/v1:Namespace::train-monitoring-namespace");
    }

    @Test
    void plan_whenMonitoringDisabled_hasNoMonitoringStack() {
        var file = Project.resource("configs").resolve("Pulumi.monitoring-off.yaml");
        Plan plan = ProgramRunner.plan(Project.root(), StackFiles.loadFile(Project.root(), file));

        assertThat(plan.named("derrick:aws:EksCluster", "train")).as("the cluster").isPresent();
        assertThat(plan.resources()).extracting(PlannedResource::type).doesNotContain("derrick:kubernetes:MonitoringStack");
        assertThat(plan.resources()).filteredOn(r -> r.type().startsWith("kubernetes:") || r.type().equals("pulumi:providers:kubernetes"))
                .as("only the GPU operator and Karpenter are in the cluster")
                .allSatisfy(r -> assertThat(r.name()).matches("train-(gpu-operator|karpenter)-.*"));
    }

    // ------------------------------------------------------------------ onprem, hybrid, GPU sharing

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mapAt(PlannedResource r, String path) {
        return (Map<String, Object>) Plan.get(r.inputs(), path);
    }

    @Test
    void prodPlan_whenPlanned_runsTheGpuOperatorOnEksWithTheAmisDriverAndToolkit() {
        Plan plan = plan("prod");
        var operator = plan.named("derrick:kubernetes:GpuOperator", "train-gpu-operator").orElseThrow();
        var release = plan.named("kubernetes:helm.sh/v3:Release", "train-gpu-operator-release").orElseThrow();

        assertThat(operator.parent()).isEqualTo(plan.named("derrick:aws:EksCluster", "train").orElseThrow().urn());
        assertThat(release.inputs()).containsEntry("chart", "gpu-operator").containsEntry("version", "v25.10.1");
        assertThat(Plan.get(release.inputs(), "values.driver.enabled")).as("AL2023_x86_64_NVIDIA carries the driver").isEqualTo(false);
        assertThat(Plan.get(release.inputs(), "values.toolkit.enabled")).as("and the container toolkit").isEqualTo(false);
        assertThat(Plan.get(release.inputs(), "values.migManager.enabled")).as("no MIG pool in prod").isEqualTo(false);
        assertThat(plan.named("kubernetes:core/v1:Namespace", "train-gpu-operator-namespace").orElseThrow().dependencies())
                .as("after the node groups and NodePools").contains(
                "urn:pulumi:prod::derrick::derrick:aws:EksCluster$derrick:aws:Karpenter$kubernetes:karpenter.sh/v1:NodePool::train-karpenter-h100-nodepool");
    }

    @Test
    void onpremPlan_whenPlanned_labelsAndTaintsTheExistingNodesThroughTheKubeconfigsProvider() {
        Plan plan = plan("onprem");
        var provider = plan.named("pulumi:providers:kubernetes", "lab-provider").orElseThrow();
        var dgx = plan.named("kubernetes:core/v1:NodePatch", "lab-h100-lab-dgx-01").orElseThrow();

        assertThat(provider.inputs().get("kubeconfig")).as("the kubeconfig stays secret").isEqualTo(PlannedResource.SECRET);
        assertThat(dgx.provider()).isEqualTo(provider.urn());
        assertThat(mapAt(dgx, "metadata.labels")).containsEntry("derrick.dev/pool", "h100").containsEntry("derrick.dev/gpu-count", "8")
                .containsEntry("nvidia.com/gpu.present", "true");
        assertThat(Plan.get(dgx.inputs(), "spec.taints")).isEqualTo(List.of(Map.of("key", "nvidia.com/gpu", "value", "true", "effect", "NoSchedule")));
        assertThat(plan.ofType("kubernetes:core/v1:NodePatch")).extracting(r -> Plan.get(r.inputs(), "metadata.name")).containsExactlyInAnyOrder(
                "lab-cpu-01", "lab-cpu-02", "lab-cpu-03", "lab-dgx-01", "lab-dgx-02", "lab-a100-01", "lab-a100-02");
        var labeller = plan.named("kubernetes:apps/v1:DaemonSet", "lab-l40s-labeller").orElseThrow();
        assertThat(Plan.get(labeller.inputs(), "spec.template.spec.nodeSelector")).isEqualTo(Map.of("lab.example.com/gpu", "l40s"));
        assertThat(plan.ofType("aws:eks/cluster:Cluster")).as("nothing of the cluster is created").isEmpty();
    }

    @Test
    void onpremPlan_whenPlanned_sharesTheA100sByMigAndTheL40sByTimeSlicingAsTheOperatorDocuments() {
        Plan plan = plan("onprem");
        var release = plan.named("kubernetes:helm.sh/v3:Release", "lab-gpu-operator-release").orElseThrow();
        var devicePlugin = plan.named("kubernetes:core/v1:ConfigMap", "lab-gpu-operator-device-plugin-config").orElseThrow();
        var mig = plan.named("kubernetes:core/v1:ConfigMap", "lab-gpu-operator-mig-config").orElseThrow();

        assertThat(Plan.get(release.inputs(), "values.driver.enabled")).as("gpuDriver: preinstalled").isEqualTo(false);
        assertThat(Plan.get(release.inputs(), "values.mig.strategy")).isEqualTo("single");
        assertThat(mapAt(devicePlugin, "data")).containsOnlyKeys("default", "a100", "l40s");
        assertThat((String) mapAt(devicePlugin, "data").get("l40s")).contains("timeSlicing").contains("name: nvidia.com/gpu").contains("replicas: 4");
        assertThat((String) mapAt(mig, "data").get("config.yaml")).contains("all-1g.10gb:").contains("\"1g.10gb\": 7").contains("all-disabled:");
        var a100 = plan.named("kubernetes:core/v1:NodePatch", "lab-a100-lab-a100-01").orElseThrow();
        assertThat(mapAt(a100, "metadata.labels")).containsEntry("nvidia.com/mig.config", "all-1g.10gb")
                .containsEntry("nvidia.com/device-plugin.config", "a100");
    }

    @Test
    void onpremPlan_whenPlanned_keepsDatasetsOnTheLabsEndpointAndRunsZotForTheTrainingImages() {
        Plan plan = plan("onprem");
        var endpointProvider = plan.named("pulumi:providers:aws", "s3-s3.lab.example-9000").orElseThrow();
        var bucket = plan.named("aws:s3/bucketV2:BucketV2", "datasets").orElseThrow();
        var zot = plan.named("kubernetes:helm.sh/v3:Release", "lab-registry-release").orElseThrow();

        assertThat(endpointProvider.inputs()).containsEntry("s3UsePathStyle", "true").containsEntry("skipCredentialsValidation", "true");
        assertThat(bucket.provider()).isEqualTo(endpointProvider.urn());
        assertThat(bucket.protect()).isTrue();
        assertThat(zot.inputs()).containsEntry("chart", "zot").containsEntry("version", "0.1.122");
        assertThat(plan.named("derrick:onprem:OciRegistry", "lab-registry").orElseThrow().protect()).isTrue();
        assertThat(plan.ofType("aws:ecr/repository:Repository")).as("ml/base is an existing registry: nothing created").isEmpty();
        assertThat(stackPlan("onprem").cost().gpusAtMax()).as("2x8 H100 + 2x4 A100 + 3x4 L40S").isEqualTo(36);
        assertThat(stackPlan("onprem").cost().hourlyAtMax()).isZero();
    }

    @Test
    void hybridPlan_whenPlanned_hasTheLabClusterAndASpotBurstPoolScalingToZeroSharingOneBucket() {
        Plan plan = plan("hybrid");
        var burst = plan.named("kubernetes:karpenter.sh/v1:NodePool", "burst-karpenter-h100-nodepool").orElseThrow();

        assertThat(plan.named("derrick:onprem:ExistingCluster", "lab")).isPresent();
        assertThat(plan.named("derrick:aws:EksCluster", "burst")).isPresent();
        assertThat(Plan.get(burst.inputs(), "spec.template.spec.requirements.0.values")).isEqualTo(List.of("spot"));
        assertThat(Plan.get(burst.inputs(), "spec.template.spec.requirements.1.values")).isEqualTo(List.of("p5.48xlarge"));
        assertThat(plan.named("aws:eks/nodeGroup:NodeGroup", "burst-h100")).as("Karpenter pool: nodes only while bursting").isEmpty();
        assertThat(plan.ofType("aws:s3/bucketV2:BucketV2")).as("one shared store").extracting(PlannedResource::name).containsExactly("datasets");
        assertThat(plan.ofType("derrick:kubernetes:GpuOperator")).extracting(PlannedResource::name)
                .containsExactlyInAnyOrder("lab-gpu-operator", "burst-gpu-operator");
        assertThat(plan.ofType("derrick:kubernetes:MonitoringStack")).extracting(PlannedResource::name)
                .containsExactlyInAnyOrder("lab-monitoring", "burst-monitoring");
        var cost = stackPlan("hybrid").cost();
        assertThat(cost.gpusAtMin()).as("the lab's 32 H100 always; the burst pool at zero").isEqualTo(32);
        assertThat(cost.gpusAtMax()).isEqualTo(64);
        assertThat(cost.hourlyAtMin()).as("the lab costs no cloud money; the burst system node does").isLessThan(1.0);
    }
}
