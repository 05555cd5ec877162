package dev.derrick.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pulumi.resources.ComponentResourceOptions;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.ClusterSpec;
import dev.derrick.config.ObjectStoreSpec;
import dev.derrick.config.RegistrySpec;
import dev.derrick.config.Target;
import dev.derrick.config.internal.Cidr;
import dev.derrick.plan.Plan;
import dev.derrick.plan.PlanEngine;
import dev.derrick.plan.PlannedResource;
import dev.derrick.platform.DerrickProgram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS components as the engine would receive them: real programs run through the SDK's mock
 * engine in preview mode ({@link PlanEngine}), with named assertions on the inputs that matter.
 */
class AwsComponentsTest {
    private static final String NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
    private static final String SUBNET = "aws:ec2/subnet:Subnet";
    private static final String EKS = "aws:eks/cluster:Cluster";
    private static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    private static final String PUBLIC_ACCESS = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
    private static final String SSE = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2";
    private static final String VERSIONING = "aws:s3/bucketVersioningV2:BucketVersioningV2";
    private static final String LIFECYCLE = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2";
    private static final String REPOSITORY = "aws:ecr/repository:Repository";
    private static final String ECR_LIFECYCLE = "aws:ecr/lifecyclePolicy:LifecyclePolicy";
    private static final Map<String, String> TAGS = Map.of("team", "ml");
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One cluster in three zones: a CPU system pool, a tainted spot GPU pool, an untainted GPU pool in one zone; the GPU
     * pools are managed node groups here (Karpenter pools: KarpenterComponentTest).
     */
    private static final String PLATFORM_CLUSTERS = """
            [{"name": "train", "target": "aws", "zones": ["us-east-1a", "us-east-1b", "us-east-1c"],
              "nodePools": [
                {"name": "system", "machineType": "m6i.xlarge", "min": 1, "max": 2},
                {"name": "gpu", "accelerator": "l4", "gpusPerNode": 4, "capacity": "spot", "min": 0, "max": 3, "desired": 1, "provisioner": "node-group",
                 "labels": {"team": "research"}, "taints": [{"key": "dedicated", "value": "ml", "effect": "NoExecute"}]},
                {"name": "serve", "accelerator": "l4", "gpuTaint": false, "zones": ["us-east-1b"], "min": 1, "max": 1, "provisioner": "node-group"}
              ]}]
            """;

    private static Plan platform;

    @BeforeAll
    static void planPlatform() {
        platform = stack(Map.of(
                "derrick:clusters", PLATFORM_CLUSTERS,
                "derrick:objectStores", "[{\"name\": \"datasets\"}]",
                "derrick:registries", "[{\"name\": \"ml/models\"}]"));
    }

    /** Runs the real program ({@link DerrickProgram#stack}) of stack "test" with {@code derrick:} config. */
    private static Plan stack(Map<String, String> config) {
        var all = new LinkedHashMap<String, String>();
        all.put("derrick:environment", "dev");
        all.put("derrick:region", "us-east-1");
        all.putAll(config);
        return PlanEngine.run("derrick", "test", all, Set.of(), DerrickProgram::stack);
    }

    private static Object in(PlannedResource r, String path) {
        return Plan.get(r.inputs(), path);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(PlannedResource r, String path) {
        return (List<Object>) in(r, path);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(PlannedResource r, String path) {
        return (Map<String, Object>) in(r, path);
    }

    @SuppressWarnings("unchecked")
    private static Object field(Object element, String path) {
        return Plan.get((Map<String, Object>) element, path);
    }

    private static PlannedResource one(Plan plan, String type, String name) {
        return plan.named(type, name).orElseThrow(() -> new AssertionError("no " + type + " named " + name + " in "
                + plan.resources().stream().map(PlannedResource::urn).toList()));
    }

    private static ComponentResourceOptions noOptions() {
        return ComponentResourceOptions.builder().build();
    }

    // ------------------------------------------------------------------ node pools

    @Test
    void nodePool_whenGpuPool_getsNvidiaAmiGpuTaintAndLabels() {
        PlannedResource gpu = one(platform, NODE_GROUP, "train-gpu");

        assertThat(in(gpu, "amiType")).as("amiType").isEqualTo(EksNodePool.GPU_AMI).isEqualTo("AL2023_x86_64_NVIDIA");
        assertThat(list(gpu, "taints")).as("taints").containsExactly(
                Map.of("key", "nvidia.com/gpu", "value", "true", "effect", "NO_SCHEDULE"),
                Map.of("key", "dedicated", "value", "ml", "effect", "NO_EXECUTE"));
        assertThat(map(gpu, "labels")).as("labels")
                .containsEntry("derrick.dev/pool", "gpu")
                .containsEntry("derrick.dev/accelerator", "l4")
                .containsEntry("derrick.dev/capacity", "spot")
                .containsEntry("derrick.dev/gpu-count", "4")
                .containsEntry("nvidia.com/gpu.present", "true")
                .containsEntry("team", "research");
        assertThat(in(gpu, "diskSize")).as("diskSize").isEqualTo(200L);
    }

    @Test
    void nodePool_whenGpuPool_usesCatalogInstanceTypeSpotAndScaling() {
        PlannedResource gpu = one(platform, NODE_GROUP, "train-gpu");
        String picked = Catalog.bundled().pick("aws", "l4", 4, null).orElseThrow().name();

        assertThat(list(gpu, "instanceTypes")).as("instanceTypes").containsExactly(picked);
        assertThat(in(gpu, "capacityType")).as("capacityType").isEqualTo("SPOT");
        assertThat(in(gpu, "scalingConfig.minSize")).as("minSize").isEqualTo(0L);
        assertThat(in(gpu, "scalingConfig.maxSize")).as("maxSize").isEqualTo(3L);
        assertThat(in(gpu, "scalingConfig.desiredSize")).as("desiredSize").isEqualTo(1L);
        assertThat(in(gpu, "clusterName")).as("clusterName").isEqualTo("test-train");
    }

    @Test
    void nodePool_whenSystemPool_hasStandardAmiNoTaintOnDemand() {
        PlannedResource system = one(platform, NODE_GROUP, "train-system");

        assertThat(in(system, "amiType")).as("amiType").isEqualTo("AL2023_x86_64_STANDARD");
        assertThat(list(system, "taints")).as("taints").isEmpty();
        assertThat(in(system, "capacityType")).as("capacityType").isEqualTo("ON_DEMAND");
        assertThat(list(system, "instanceTypes")).as("instanceTypes").containsExactly("m6i.xlarge");
        assertThat(map(system, "labels")).as("labels")
                .containsEntry("derrick.dev/pool", "system")
                .doesNotContainKeys("derrick.dev/accelerator", "nvidia.com/gpu.present");
        assertThat(in(system, "scalingConfig.desiredSize")).as("desired defaults to min").isEqualTo(1L);
        assertThat(in(system, "diskSize")).as("diskSize").isEqualTo(50L);
    }

    @Test
    void nodePool_whenGpuTaintFalse_hasNoGpuTaintButGpuAmi() {
        PlannedResource serve = one(platform, NODE_GROUP, "train-serve");

        assertThat(list(serve, "taints")).as("taints").isEmpty();
        assertThat(in(serve, "amiType")).as("amiType").isEqualTo("AL2023_x86_64_NVIDIA");
        assertThat(list(serve, "instanceTypes")).as("smallest l4 type")
                .containsExactly(Catalog.bundled().pick("aws", "l4", null, null).orElseThrow().name());
    }

    @Test
    void nodePool_whenPoolNamesZones_dependsOnlyOnThoseZonesPrivateSubnets() {
        String subnetUrn = one(platform, SUBNET, "train-vpc-private-us-east-1b").urn();

        List<String> serveSubnets = one(platform, NODE_GROUP, "train-serve").dependencies().stream().filter(u -> u.contains(SUBNET)).toList();
        List<String> gpuSubnets = one(platform, NODE_GROUP, "train-gpu").dependencies().stream().filter(u -> u.contains(SUBNET)).toList();

        assertThat(serveSubnets).as("subnets of the pool in us-east-1b").containsExactly(subnetUrn);
        assertThat(gpuSubnets).as("subnets of the pool in every zone").hasSize(3)
                .allSatisfy(u -> assertThat(u).contains("train-vpc-private-"));
    }

    @Test
    void nodePool_whenCreated_waitsForNodeRolePolicies() {
        PlannedResource component = platform.resources().stream()
                .filter(r -> r.type().equals(EksNodePool.TYPE) && r.name().equals("train-gpu")).findFirst().orElseThrow();

        assertThat(component.dependencies()).as("node pool dependencies").hasSize(3)
                .allSatisfy(u -> assertThat(u).contains("aws:iam/rolePolicyAttachment:RolePolicyAttachment::train-node-"));
    }

    @Test
    void nodePool_urn_containsParentTypeChain() {
        PlannedResource gpu = one(platform, NODE_GROUP, "train-gpu");

        assertThat(gpu.urn()).as("node group URN")
                .contains("derrick:aws:EksCluster$derrick:aws:EksNodePool$aws:eks/nodeGroup:NodeGroup::train-gpu");
        assertThat(gpu.parent()).as("parent").endsWith("derrick:aws:EksCluster$derrick:aws:EksNodePool::train-gpu");
        assertThat(gpu.provider()).as("explicit regional provider").endsWith("pulumi:providers:aws::aws-us-east-1");
    }

    // ------------------------------------------------------------------ network and cluster

    @Test
    void vpc_whenThreeZones_createsPrivateAndPublicSubnetPerZone() {
        List<PlannedResource> subnets = platform.ofType(SUBNET);

        assertThat(subnets).as("subnets").hasSize(6);
        assertThat(subnets).as("subnet zones").extracting(s -> in(s, "availabilityZone"))
                .containsExactlyInAnyOrder("us-east-1a", "us-east-1a", "us-east-1b", "us-east-1b", "us-east-1c", "us-east-1c");
        assertThat(subnets).as("subnet names").extracting(PlannedResource::name).contains(
                "train-vpc-private-us-east-1a", "train-vpc-public-us-east-1a", "train-vpc-private-us-east-1c");
        assertThat(map(one(platform, SUBNET, "train-vpc-public-us-east-1a"), "tags")).as("public subnet tags")
                .containsEntry("kubernetes.io/role/elb", "1");
        assertThat(map(one(platform, SUBNET, "train-vpc-private-us-east-1a"), "tags")).as("private subnet tags")
                .containsEntry("kubernetes.io/role/internal-elb", "1");
    }

    @Test
    void vpc_subnetCidrs_lieInsideVpcAndDoNotOverlap() {
        Cidr vpc = Cidr.parse("10.0.0.0/16");
        List<Cidr> blocks = platform.ofType(SUBNET).stream().map(s -> Cidr.parse((String) in(s, "cidrBlock"))).toList();

        assertThat(blocks).as("subnet CIDRs").doesNotContainNull().doesNotHaveDuplicates();
        for (Cidr b : blocks) {
            assertThat(b.prefix()).as("prefix of %s", b).isGreaterThanOrEqualTo(vpc.prefix());
            assertThat(b.network() >>> (32 - vpc.prefix())).as("%s inside %s", b, vpc).isEqualTo(vpc.network() >>> (32 - vpc.prefix()));
            for (Cidr other : blocks) {
                if (other != b) {
                    assertThat(overlap(b, other)).as("%s overlaps %s", b, other).isFalse();
                }
            }
        }
    }

    private static boolean overlap(Cidr a, Cidr b) {
        int p = Math.min(a.prefix(), b.prefix());
        return (a.network() >>> (32 - p)) == (b.network() >>> (32 - p));
    }

    @Test
    void cluster_whenDefaults_isPrivateWithDefaultVersionAndStackPrefixedName() {
        PlannedResource eks = one(platform, EKS, "train-eks");

        assertThat(in(eks, "name")).as("EKS name").isEqualTo("test-train");
        assertThat(in(eks, "version")).as("version").isEqualTo(ClusterSpec.DEFAULT_KUBERNETES_VERSION);
        assertThat(in(eks, "vpcConfig.endpointPrivateAccess")).as("private access").isEqualTo(true);
        assertThat(in(eks, "vpcConfig.endpointPublicAccess")).as("public access").isEqualTo(false);
        assertThat(in(eks, "accessConfig.authenticationMode")).as("authentication").isEqualTo("API");
        assertThat(map(eks, "tags")).as("tags").containsEntry("environment", "dev").containsEntry("managed-by", "derrick");
    }

    @Test
    void cluster_whenEndpointAccessPublicOrBoth_setsFlags() {
        Plan plan = stack(Map.of("derrick:clusters", """
                [{"name": "pub", "target": "aws", "zones": ["us-east-1a"], "endpointAccess": "public", "authorizedNetworks": ["203.0.113.0/24"],
                  "nodePools": [{"name": "system", "machineType": "m6i.large", "min": 1, "max": 1}]},
                 {"name": "both", "target": "aws", "zones": ["us-east-1a"], "authorizedNetworks": ["198.51.100.7/32"], "vpcCidr": "10.1.0.0/16",
                  "nodePools": [{"name": "system", "machineType": "m6i.large", "min": 1, "max": 1}]}]
                """));
        PlannedResource pub = one(plan, EKS, "pub-eks");
        PlannedResource both = one(plan, EKS, "both-eks");

        assertThat(in(pub, "vpcConfig.endpointPublicAccess")).as("public: public access").isEqualTo(true);
        assertThat(in(pub, "vpcConfig.endpointPrivateAccess")).as("public: private access").isEqualTo(false);
        assertThat(in(both, "vpcConfig.endpointPublicAccess")).as("both: public access").isEqualTo(true);
        assertThat(in(both, "vpcConfig.endpointPrivateAccess")).as("both: private access").isEqualTo(true);
        assertThat(plan.ofType(SUBNET)).as("one private and one public subnet per cluster").hasSize(4);
        assertThat(in(pub, "vpcConfig.publicAccessCidrs")).as("public: only the authorized networks").isEqualTo(List.of("203.0.113.0/24"));
        assertThat(in(both, "vpcConfig.publicAccessCidrs")).as("networks without endpointAccess: public and private, restricted")
                .isEqualTo(List.of("198.51.100.7/32"));
        assertThat(in(one(platform, EKS, "train-eks"), "vpcConfig.publicAccessCidrs")).as("private: no public CIDRs").isNull();
    }

    @Test
    void cluster_whenSubnetIdsGiven_createsNoVpc() {
        Plan plan = stack(Map.of("derrick:clusters", """
                [{"name": "byo", "target": "aws", "subnetIds": ["subnet-1", "subnet-2"],
                  "nodePools": [{"name": "system", "machineType": "m6i.large", "min": 1, "max": 1}]}]
                """));

        assertThat(plan.ofType(SUBNET)).as("subnets").isEmpty();
        assertThat(plan.ofType(AwsVpc.TYPE)).as("VPC component").isEmpty();
        assertThat(list(one(plan, EKS, "byo-eks"), "vpcConfig.subnetIds")).as("cluster subnets").containsExactly("subnet-1", "subnet-2");
        assertThat(list(one(plan, NODE_GROUP, "byo-system"), "subnetIds")).as("pool subnets").containsExactly("subnet-1", "subnet-2");
    }

    // ------------------------------------------------------------------ object stores

    private static ObjectStoreSpec store(String name, Boolean versioning, Integer expireDays, String encryption, String kmsKeyId, Boolean protect) {
        return new ObjectStoreSpec(name, null, Target.AWS, "us-east-1", versioning, expireDays, encryption, kmsKeyId, protect);
    }

    private static Plan stores(ObjectStoreSpec... specs) {
        return PlanEngine.run("derrick", "test", Map.of(), Set.of(), ctx -> {
            for (ObjectStoreSpec s : specs) {
                new S3ObjectStore(s.name(), s, TAGS, noOptions());
            }
        });
    }

    @Test
    void objectStore_whenDefaults_blocksPublicAccessEncryptsVersionsAndExpires() {
        Plan plan = stores(store("data", null, null, null, null, null));

        PlannedResource block = one(plan, PUBLIC_ACCESS, "data-public-access");
        for (String flag : List.of("blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets")) {
            assertThat(in(block, flag)).as(flag).isEqualTo(true);
        }
        PlannedResource sse = one(plan, SSE, "data-encryption");
        assertThat(in(sse, "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")).as("SSE algorithm").isEqualTo("AES256");
        assertThat(in(sse, "rules.0.bucketKeyEnabled")).as("bucket key").isEqualTo(false);
        assertThat(in(one(plan, VERSIONING, "data-versioning"), "versioningConfiguration.status")).as("versioning").isEqualTo("Enabled");
        List<Object> rules = list(one(plan, LIFECYCLE, "data-lifecycle"), "rules");
        assertThat(rules).as("lifecycle rules").extracting(r -> field(r, "id"))
                .containsExactly("abort-incomplete-multipart-uploads", "expire-noncurrent-versions");
        assertThat(field(rules.get(1), "noncurrentVersionExpiration.noncurrentDays")).as("noncurrent days").isEqualTo(30L);
        assertThat(field(rules.get(0), "abortIncompleteMultipartUpload.daysAfterInitiation"))
                .as("abort multipart days").isEqualTo((long) S3ObjectStore.ABORT_MULTIPART_DAYS);
        assertThat(one(plan, BUCKET, "data").protect()).as("protect").isFalse();
        assertThat(in(one(plan, BUCKET, "data"), "bucket")).as("physical name left to auto-naming").isNull();
        assertThat(one(plan, LIFECYCLE, "data-lifecycle").dependencies()).as("lifecycle waits for versioning")
                .anySatisfy(u -> assertThat(u).endsWith("::data-versioning"));
    }

    @Test
    void objectStore_whenKms_usesAwsKmsWithBucketKeyAndKey() {
        Plan plan = stores(store("secure", null, null, "kms", "alias/ml", null));
        PlannedResource sse = one(plan, SSE, "secure-encryption");

        assertThat(in(sse, "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm")).as("SSE algorithm").isEqualTo("aws:kms");
        assertThat(in(sse, "rules.0.applyServerSideEncryptionByDefault.kmsMasterKeyId")).as("KMS key").isEqualTo("alias/ml");
        assertThat(in(sse, "rules.0.bucketKeyEnabled")).as("bucket key").isEqualTo(true);
    }

    @Test
    void objectStore_whenVersioningOffOrExpiryZero_hasNoNoncurrentRule() {
        Plan plan = stores(store("scratch", false, 7, null, null, null), store("keep", true, 0, null, null, null));

        assertThat(plan.named(VERSIONING, "scratch-versioning")).as("versioning resource without versioning").isEmpty();
        assertThat(plan.named(VERSIONING, "keep-versioning")).as("versioning resource with versioning").isPresent();
        for (String name : List.of("scratch", "keep")) {
            assertThat(list(one(plan, LIFECYCLE, name + "-lifecycle"), "rules")).as("%s lifecycle rules", name)
                    .extracting(r -> field(r, "id")).containsExactly("abort-incomplete-multipart-uploads");
        }
    }

    @Test
    void objectStore_whenProtectAndBucketName_protectsNamedBucket() {
        Plan plan = stores(new ObjectStoreSpec("kept", "derrick-kept-models", Target.AWS, "us-east-1", null, 14, null, null, true));
        PlannedResource bucket = one(plan, BUCKET, "kept");

        assertThat(bucket.protect()).as("protect").isTrue();
        assertThat(in(bucket, "bucket")).as("physical name").isEqualTo("derrick-kept-models");
        assertThat(in(bucket, "forceDestroy")).as("forceDestroy").isEqualTo(false);
        assertThat(bucket.urn()).as("URN type chain").contains("derrick:aws:S3ObjectStore$aws:s3/bucketV2:BucketV2::kept");
        assertThat(one(plan, PUBLIC_ACCESS, "kept-public-access").protect()).as("children other than the bucket").isFalse();
    }

    // ------------------------------------------------------------------ registries

    @Test
    void registry_whenDefaults_scansImmutableAes256AndLifecycleNumbers() throws Exception {
        Plan plan = PlanEngine.run("derrick", "test", Map.of(), Set.of(), ctx ->
                new EcrRegistry("ml/models", new RegistrySpec("ml/models", Target.AWS, "us-east-1", null, null, null, null, null), TAGS, noOptions()));
        PlannedResource repo = one(plan, REPOSITORY, "ml-models");

        assertThat(in(repo, "name")).as("repository name").isEqualTo("ml/models");
        assertThat(in(repo, "imageScanningConfiguration.scanOnPush")).as("scanOnPush").isEqualTo(true);
        assertThat(in(repo, "imageTagMutability")).as("tag mutability").isEqualTo("IMMUTABLE");
        assertThat(in(repo, "encryptionConfigurations.0.encryptionType")).as("encryption").isEqualTo("AES256");
        JsonNode policy = JSON.readTree((String) in(one(plan, ECR_LIFECYCLE, "ml-models-lifecycle"), "policy"));
        assertThat(policy.at("/rules/0/selection/tagStatus").asText()).as("rule 1 selects").isEqualTo("untagged");
        assertThat(policy.at("/rules/0/selection/countNumber").asInt()).as("untagged expiry days").isEqualTo(14);
        assertThat(policy.at("/rules/1/selection/countType").asText()).as("rule 2 counts").isEqualTo("imageCountMoreThan");
        assertThat(policy.at("/rules/1/selection/countNumber").asInt()).as("images kept").isEqualTo(200);
    }

    @Test
    void registry_whenConfigured_passesScanMutabilityAndNumbers() throws Exception {
        Plan plan = PlanEngine.run("derrick", "test", Map.of(), Set.of(), ctx ->
                new EcrRegistry("dev", new RegistrySpec("dev", Target.AWS, "us-east-1", false, false, 3, 25, true), TAGS, noOptions()));
        PlannedResource repo = one(plan, REPOSITORY, "dev");

        assertThat(in(repo, "imageScanningConfiguration.scanOnPush")).as("scanOnPush").isEqualTo(false);
        assertThat(in(repo, "imageTagMutability")).as("tag mutability").isEqualTo("MUTABLE");
        assertThat(repo.protect()).as("protect").isTrue();
        JsonNode policy = JSON.readTree((String) in(one(plan, ECR_LIFECYCLE, "dev-lifecycle"), "policy"));
        assertThat(policy.at("/rules/0/selection/countNumber").asInt()).as("untagged expiry days").isEqualTo(3);
        assertThat(policy.at("/rules/1/selection/countNumber").asInt()).as("images kept").isEqualTo(25);
    }

    @Test
    void platform_registryAndStore_areRegisteredUnderTheirComponents() {
        assertThat(one(platform, REPOSITORY, "ml-models").urn()).as("repository URN")
                .contains("derrick:aws:EcrRegistry$aws:ecr/repository:Repository::ml-models");
        assertThat(one(platform, BUCKET, "datasets").urn()).as("bucket URN")
                .contains("derrick:aws:S3ObjectStore$aws:s3/bucketV2:BucketV2::datasets");
        assertThat(map(one(platform, BUCKET, "datasets"), "tags")).as("bucket tags").containsEntry("environment", "dev");
    }
}
