package dev.derrick.config;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.derrick.config.TestStacks.validOnprem;
import static org.assertj.core.api.Assertions.assertThat;

/** The rules an onprem target adds, each with a failing and a passing case; failing cases change one thing of {@link TestStacks#VALID_ONPREM}. */
class OnpremRulesTest extends LoaderTestSupport {
    private static final String CLUSTER = "derrick:clusters[0]";
    private static final String POOL0 = CLUSTER + ".nodePools[0]";   // system: nodes [cpu-01]
    private static final String POOL1 = CLUSTER + ".nodePools[1]";   // gpu: h100-80gb x8, nodes [gpu-01, gpu-02]
    private static final String STORE = "derrick:objectStores[0]";
    private static final String REGISTRY = "derrick:registries[0]";
    private static final String KUBECONFIGS = "derrick:kubeconfigs";

    @Test
    void load_whenBaseOnpremConfigIsValid_sizesPoolsByTheirNodesAndInstallsDriversWithTheOperator() {
        StackConfig config = loads(validOnprem());

        ClusterSpec c = config.clusters().get(0);
        assertThat(c.target()).as("target").isEqualTo(Target.ONPREM);
        assertThat(c.region()).as("no region on-prem").isNull();
        assertThat(c.vpcCidr()).as("no network of Derrick's").isNull();
        assertThat(c.gpuDriver()).as("default driver").isEqualTo(GpuDriver.OPERATOR);
        NodePoolSpec gpu = c.nodePools().get(1);
        assertThat(gpu.nodes()).containsExactly("gpu-01", "gpu-02");
        assertThat(List.of(gpu.min(), gpu.max(), gpu.desired())).as("min, max, desired = the node count").containsExactly(2, 2, 2);
        assertThat(config.objectStores().get(0).target()).as("store placed on-prem").isEqualTo(Target.ONPREM);
        assertThat(config.registries().get(0).url()).isEqualTo("registry.lab.example:5000/ml/training");
    }

    @Nested
    class Kubeconfigs {
        @Test
        void load_whenOnpremClusterHasNoKubeconfig_reportsTheSetCommand() {
            ConfigError e = onlyError(validOnprem().remove(KUBECONFIGS));

            assertError(e, KUBECONFIGS + ".lab", "required value is missing: onprem cluster lab is reached with its kubeconfig", null,
                    "pulumi config set --secret --path 'derrick:kubeconfigs.lab'");
        }

        @Test
        void load_whenKubeconfigsArePlainText_refusesWithoutEchoingThem() {
            ConfigError e = onlyError(validOnprem().set(KUBECONFIGS, "{lab: 'apiVersion: v1 CANARY-plain'}"));

            assertError(e, KUBECONFIGS, "must be a secret", "[not shown]", "--secret");
            assertThat(e.line()).doesNotContain("CANARY");
        }

        @Test
        void load_whenWholeKeyIsOneCiphertext_reportsAMapIsNeeded() {
            ConfigError e = onlyError(validOnprem().set(KUBECONFIGS, "{secure: v1:CIPHERTEXT}"));

            assertError(e, KUBECONFIGS, "must be a map of onprem cluster name to kubeconfig", "[secret]", "one secure value per cluster");
        }

        @Test
        void load_whenEntryNamesNoCluster_reportsTheOnpremClusters() {
            ConfigError e = onlyError(validOnprem().set(KUBECONFIGS + ".lob", "{secure: CIPHERTEXT-lob}"));

            assertError(e, KUBECONFIGS + ".lob", "no onprem cluster of this name", null, "did you mean lab?");
        }

        @Test
        void load_whenEntryNamesACloudCluster_reportsDerrickBuildsItsOwn() {
            var stack = validOnprem().set("derrick:clusters[1]", "{name: burst, target: aws, region: us-east-1, zones: [us-east-1a], "
                    + "nodePools: [{name: system, machineType: m6i.xlarge, min: 1, max: 1}]}").set(KUBECONFIGS + ".burst", "{secure: X}");

            assertError(onlyError(stack), KUBECONFIGS + ".burst", "only onprem clusters take a kubeconfig", null, "remove this entry");
        }

        @Test
        void load_whenEachClusterHasItsSecureEntry_keepsTheKeySecret() {
            RawConfig raw = validOnprem().load(dir);

            assertThat(raw.secretKeys()).contains(KUBECONFIGS);
            assertThat(StackConfigLoader.load(raw).clusters()).hasSize(1);
        }
    }

    @Nested
    class Cluster {
        @Test
        void load_whenRegionOnOnprem_reportsItDoesNotApply() {
            assertError(onlyError(validOnprem().set(CLUSTER + ".region", "us-east-1")), CLUSTER + ".region", "does not apply to onprem",
                    "\"us-east-1\"", "remove region");
        }

        @Test
        void load_whenZonesOrVpcCidrOnOnprem_reportsEach() {
            var errors = errors(validOnprem().set(CLUSTER + ".zones", "[a]").set(CLUSTER + ".vpcCidr", "10.0.0.0/16"));

            assertThat(errors).extracting(ConfigError::path).containsExactlyInAnyOrder(CLUSTER + ".zones", CLUSTER + ".vpcCidr");
        }

        @Test
        void load_whenGpuDriverOnAws_reportsTheImageCarriesIt() {
            var stack = TestStacks.valid().set("derrick:clusters[0].gpuDriver", "operator");

            assertError(onlyError(stack), "derrick:clusters[0].gpuDriver", "only applies to onprem", "\"operator\"", "remove gpuDriver");
        }

        @Test
        void load_whenGpuDriverPreinstalledOnprem_loads() {
            assertThat(loads(validOnprem().set(CLUSTER + ".gpuDriver", "preinstalled")).clusters().get(0).gpuDriver())
                    .isEqualTo(GpuDriver.PREINSTALLED);
        }
    }

    @Nested
    class Pools {
        @Test
        void load_whenPoolNamesNoNodes_reportsNodesOrSelector() {
            assertError(onlyError(validOnprem().remove(POOL0 + ".nodes")), POOL0 + ".nodes",
                    "required value is missing: an onprem pool names its existing nodes", null, "nodeSelector");
        }

        @Test
        void load_whenPoolHasNodesAndSelector_reportsOnlyOne() {
            var stack = validOnprem().set(POOL0 + ".nodeSelector", "{node-role.example.com/cpu: \"true\"}");

            assertError(onlyError(stack), POOL0 + ".nodeSelector", "give nodes or nodeSelector, not both", null, "list them");
        }

        @Test
        void load_whenNodeNameInvalid_reportsKubernetesNameRule() {
            assertError(onlyError(validOnprem().set(POOL1 + ".nodes[1]", "GPU_02")), POOL1 + ".nodes[1]", "not a Kubernetes node name",
                    "\"GPU_02\"", "kubectl get nodes");
        }

        @Test
        void load_whenNodeInTwoPools_reportsTheSecond() {
            assertError(onlyError(validOnprem().set(POOL1 + ".nodes[1]", "cpu-01")), POOL1 + ".nodes[1]", "node is listed twice in cluster lab",
                    "\"cpu-01\"", "list it once");
        }

        @Test
        void load_whenMaxDiffersFromListedNodes_reportsTheCount() {
            assertError(onlyError(validOnprem().set(POOL1 + ".max", "3")), POOL1 + ".max", "must equal the number of listed nodes (2)", "3",
                    "leave max out");
        }

        @Test
        void load_whenSelectorWithoutMax_reportsMaxRequired() {
            var stack = validOnprem().remove(POOL1 + ".nodes").set(POOL1 + ".nodeSelector", "{lab.example.com/gpu: h100}");

            assertError(onlyError(stack), POOL1 + ".max", "required value is missing: how many nodes the selector matches", null, "set max");
        }

        @Test
        void load_whenSelectorWithMax_sizesThePoolByIt() {
            var stack = validOnprem().remove(POOL1 + ".nodes").set(POOL1 + ".nodeSelector", "{lab.example.com/gpu: h100}").set(POOL1 + ".max", "3");

            NodePoolSpec gpu = loads(stack).clusters().get(0).nodePools().get(1);
            assertThat(gpu.nodeSelector()).isEqualTo(Map.of("lab.example.com/gpu", "h100"));
            assertThat(List.of(gpu.min(), gpu.max())).containsExactly(3, 3);
        }

        @Test
        void load_whenSelectorLabelInvalid_reportsLabelRule() {
            var stack = validOnprem().remove(POOL1 + ".nodes").set(POOL1 + ".nodeSelector", "{\"lab/gpu\": \"a b\"}").set(POOL1 + ".max", "1");

            assertError(onlyError(stack), POOL1 + ".nodeSelector.lab/gpu", "not a Kubernetes label", "\"lab/gpu: a b\"", "kubectl");
        }

        @Test
        void load_whenSpotOnprem_reportsOwnedMachines() {
            assertError(onlyError(validOnprem().set(POOL1 + ".capacity", "spot")), POOL1 + ".capacity", "the machines are owned", "\"spot\"",
                    "remove capacity");
        }

        @Test
        void load_whenMachineTypeOnprem_reportsNodesExist() {
            assertError(onlyError(validOnprem().set(POOL0 + ".machineType", "m6i.xlarge")), POOL0 + ".machineType", "the nodes exist",
                    "\"m6i.xlarge\"", "accelerator and gpusPerNode");
        }

        @Test
        void load_whenGpuPoolDeclaresNoGpuCount_reportsGpusPerNodeRequired() {
            assertError(onlyError(validOnprem().remove(POOL1 + ".gpusPerNode")), POOL1 + ".gpusPerNode",
                    "required value is missing: an onprem GPU pool declares its GPUs per node", null, "nvidia-smi -L");
        }

        @Test
        void load_whenGpuCountAboveSixteen_reportsTheCap() {
            assertError(onlyError(validOnprem().set(POOL1 + ".gpusPerNode", "32")), POOL1 + ".gpusPerNode", "must be at most 16", "32", "one node");
        }

        @Test
        void load_whenAcceleratorUnknown_reportsSuggestion() {
            assertError(onlyError(validOnprem().set(POOL1 + ".accelerator", "h100-80g")), POOL1 + ".accelerator", "unknown accelerator",
                    "\"h100-80g\"", "did you mean h100-80gb?");
        }

        @Test
        void load_whenNodesOnAwsPool_reportsOnpremOnly() {
            var stack = TestStacks.valid().set("derrick:clusters[0].nodePools[1].nodes", "[gpu-01]");

            assertError(onlyError(stack), "derrick:clusters[0].nodePools[1].nodes", "only applies to onprem", null, "min and max");
        }
    }

    @Nested
    class Stores {
        @Test
        void load_whenEndpointNotAUrl_reportsTheForm() {
            assertError(onlyError(validOnprem().set(STORE + ".endpoint", "s3.lab.example:9000")), STORE + ".endpoint", "not an S3 endpoint URL",
                    "\"s3.lab.example:9000\"", "http(s)://host[:port]");
        }

        @Test
        void load_whenEndpointAndCluster_reportsOnlyOne() {
            assertError(onlyError(validOnprem().set(STORE + ".cluster", "lab").set(STORE + ".versioning", "false")), STORE + ".cluster",
                    "give endpoint or cluster, not both", "\"lab\"", "endpoint:");
        }

        @Test
        void load_whenStoreNamesNoEndpoint_runsInTheFirstOnpremCluster() {
            var stack = validOnprem().remove(STORE + ".endpoint").set(STORE + ".versioning", "false");

            ObjectStoreSpec store = loads(stack).objectStores().get(0);
            assertThat(store.cluster()).isEqualTo("lab");
            assertThat(store.size()).as("default volume").isEqualTo(ObjectStoreSpec.DEFAULT_SIZE);
        }

        @Test
        void load_whenInClusterStoreVersioned_reportsSeaweedfsKeepsNoVersions() {
            assertError(onlyError(validOnprem().remove(STORE + ".endpoint")), STORE + ".versioning", "keeps no object versions", "true",
                    "versioning: false");
        }

        @Test
        void load_whenClusterIsNotOnprem_reportsTheOnpremClusters() {
            var stack = validOnprem().remove(STORE + ".endpoint").set(STORE + ".cluster", "train").set(STORE + ".versioning", "false");

            assertError(onlyError(stack), STORE + ".cluster", "is not an onprem cluster of this stack", "\"train\"", "use one of lab");
        }

        @Test
        void load_whenKmsOnprem_reportsNoKeyService() {
            assertError(onlyError(validOnprem().set(STORE + ".encryption", "kms")), STORE + ".encryption", "kms is not supported on onprem",
                    "\"kms\"", "SSE-S3");
        }

        @Test
        void load_whenSizeNotAQuantity_reportsTheForm() {
            var stack = validOnprem().remove(STORE + ".endpoint").set(STORE + ".versioning", "false").set(STORE + ".size", "100GB");

            assertError(onlyError(stack), STORE + ".size", "not a positive Kubernetes storage quantity", "\"100GB\"", "100Gi");
        }

        @Test
        void load_whenEndpointOnAwsStore_reportsOnpremOnly() {
            var stack = TestStacks.valid().set("derrick:objectStores[0].endpoint", "https://s3.lab.example");

            assertError(onlyError(stack), "derrick:objectStores[0].endpoint", "only applies to onprem", "\"https://s3.lab.example\"", "remove endpoint");
        }
    }

    @Nested
    class Registries {
        @Test
        void load_whenUrlHasAScheme_reportsTheReferenceForm() {
            assertError(onlyError(validOnprem().set(REGISTRY + ".url", "https://registry.lab.example/ml/training")), REGISTRY + ".url",
                    "not a repository reference", "\"https://registry.lab.example/ml/training\"", "without scheme or tag");
        }

        @Test
        void load_whenUrlAndCluster_reportsOnlyOne() {
            assertError(onlyError(validOnprem().set(REGISTRY + ".cluster", "lab")), REGISTRY + ".cluster", "give url or cluster, not both",
                    "\"lab\"", "url:");
        }

        @Test
        void load_whenRegistryNamesNoUrl_runsInTheFirstOnpremCluster() {
            RegistrySpec r = loads(validOnprem().remove(REGISTRY + ".url")).registries().get(0);

            assertThat(r.cluster()).isEqualTo("lab");
            assertThat(r.size()).isEqualTo(RegistrySpec.DEFAULT_SIZE);
        }

        @Test
        void load_whenRegistryNameNotAnOciRepository_reportsTheRule() {
            assertError(onlyError(validOnprem().set(REGISTRY + ".name", "ML/Training")), REGISTRY + ".name", "invalid OCI repository name",
                    "\"ML/Training\"", "ml/models");
        }

        @Test
        void load_whenUrlOnAwsRegistry_reportsOnpremOnly() {
            var stack = TestStacks.valid().set("derrick:registries[0].url", "registry.lab.example/ml");

            assertError(onlyError(stack), "derrick:registries[0].url", "only applies to onprem", "\"registry.lab.example/ml\"", "remove url");
        }
    }
}
