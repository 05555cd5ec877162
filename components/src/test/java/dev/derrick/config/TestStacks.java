package dev.derrick.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixture: a throw-away project folder with a {@code Pulumi.yaml} (project {@code derrick},
 * stacks in {@code stacks/}, project default {@code region: us-east-1}) and one stack file
 * {@code stacks/Pulumi.test.yaml}, read back through {@link StackFiles#load}.
 *
 * <p>{@link #valid()} starts from a known-valid config of the shape of {@code stacks/Pulumi.dev.yaml};
 * a failing case changes exactly one thing with {@link Stack#set} or {@link Stack#remove}, addressed by
 * the same path that error messages print ({@code derrick:clusters[0].nodePools[1].max}).
 */
public final class TestStacks {
    public static final String STACK = "test";
    /** How errors name the stack file. */
    public static final String FILE = "stacks/Pulumi.test.yaml";
    public static final String PROJECT_YAML = """
            name: derrick
            stackConfigDir: stacks
            config:
              region:
                type: string
                default: us-east-1
            """;
    /** A valid stack config, the shape of stacks/Pulumi.dev.yaml. */
    public static final String VALID = """
            config:
              derrick:environment: dev
              derrick:tags:
                team: ml-platform
                cost-center: "4711"
              derrick:clusters:
                - name: train
                  target: aws
                  zones: [us-east-1a, us-east-1b]
                  endpointAccess: public-and-private
                  authorizedNetworks: [198.51.100.0/24]
                  nodePools:
                    - name: system
                      machineType: m6i.xlarge
                      min: 1
                      max: 2
                    - name: gpu
                      accelerator: l4
                      gpusPerNode: 1
                      capacity: spot
                      min: 0
                      max: 2
                      provisioner: node-group   # the pool rules of the tests hold for node groups; Karpenter pools: KarpenterRulesTest
              derrick:objectStores:
                - name: datasets
                  expireNoncurrentDays: 7
              derrick:registries:
                - name: ml/training
                  immutableTags: false
            """;

    /** A valid gcp stack: the same shape as {@link #VALID} on Google Cloud. */
    public static final String VALID_GCP = """
            config:
              derrick:environment: dev
              derrick:region: us-central1
              derrick:gcpProject: ml-platform-dev
              derrick:tags:
                team: ml-platform
                cost-center: "4711"
              derrick:clusters:
                - name: train
                  target: gcp
                  zones: [us-central1-a, us-central1-b]
                  nodePools:
                    - name: system
                      machineType: e2-standard-4
                      min: 1
                      max: 2
                    - name: gpu
                      accelerator: l4
                      gpusPerNode: 1
                      capacity: spot
                      min: 0
                      max: 2
              derrick:objectStores:
                - name: datasets
                  expireNoncurrentDays: 7
              derrick:registries:
                - name: ml-training
                  immutableTags: false
            """;

    /** A valid azure stack: the same shape as {@link #VALID} on Azure (T4: Azure sells no L4). */
    public static final String VALID_AZURE = """
            config:
              derrick:environment: dev
              derrick:region: eastus
              derrick:tags:
                team: ml-platform
                cost-center: "4711"
              derrick:clusters:
                - name: train
                  target: azure
                  zones: ["1", "2"]
                  nodePools:
                    - name: system
                      machineType: Standard_D4s_v5
                      min: 1
                      max: 2
                    - name: gpu
                      accelerator: t4
                      gpusPerNode: 1
                      capacity: spot
                      min: 0
                      max: 2
              derrick:objectStores:
                - name: datasets
                  expireNoncurrentDays: 7
              derrick:registries:
                - name: mltraining
                  immutableTags: false
            """;

    /**
     * A valid onprem stack: an existing cluster reached with its (secret) kubeconfig, a CPU and an H100 pool of
     * named nodes, a store on an existing S3-compatible endpoint and an existing registry by URL.
     */
    public static final String VALID_ONPREM = """
            config:
              derrick:environment: dev
              derrick:tags:
                team: ml-platform
                cost-center: "4711"
              derrick:kubeconfigs:
                lab:
                  secure: CIPHERTEXT-lab
              derrick:clusters:
                - name: lab
                  target: onprem
                  nodePools:
                    - name: system
                      nodes: [cpu-01]
                    - name: gpu
                      accelerator: h100-80gb
                      gpusPerNode: 8
                      nodes: [gpu-01, gpu-02]
              derrick:objectStores:
                - name: datasets
                  endpoint: https://s3.lab.example:9000
              derrick:registries:
                - name: ml/training
                  url: registry.lab.example:5000/ml/training
            """;

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern STEP = Pattern.compile("\\.([^.\\[]+)|\\[(\\d+)]");

    private TestStacks() {
    }

    /** Writes the project and {@code stacks/Pulumi.test.yaml} with {@code stackYaml}, and loads the stack. */
    public static RawConfig load(Path dir, String stackYaml) {
        writeProject(dir, PROJECT_YAML);
        writeStack(dir, STACK, stackYaml);
        return StackFiles.load(dir, STACK);
    }

    /** The plan of {@code stackYaml} as {@code ./derrick plan} makes it: the real program through the SDK's mock engine. */
    public static dev.derrick.plan.Plan plan(Path dir, String stackYaml) {
        RawConfig raw = load(dir, stackYaml);
        return dev.derrick.plan.PlanEngine.run("derrick", raw.stack(), raw.asPulumiConfig(), raw.secretKeys(),
                dev.derrick.platform.DerrickProgram::stack);
    }

    /**
     * A prod stack with one cluster {@code train} on {@code target} in one zone: a system pool of {@code systemType}
     * and a pool {@code gpu} whose flow-map body is {@code gpuPool} ({@code "accelerator: l4, gpusPerNode: 1, min: 0,
     * max: 2"}); {@code clusterLines} follow the pools inside the cluster, {@code configLines} follow the clusters
     * (both already indented; each may be empty).
     */
    public static String oneGpuCluster(String target, String region, String zone, String systemType, String gpuPool,
                                       String clusterLines, String configLines) {
        return """
                config:
                  derrick:environment: prod
                  derrick:region: %s
                  derrick:gcpProject: ml-platform-prod
                  derrick:clusters:
                    - name: train
                      target: %s
                      zones: ["%s"]
                      nodePools:
                        - {name: system, machineType: %s, min: 1, max: 2}
                        - {name: gpu, %s}
                """.formatted(region, target, zone, systemType, gpuPool) + clusterLines + configLines;
    }

    public static void writeProject(Path dir, String projectYaml) {
        write(dir.resolve(StackFiles.PROJECT_FILE), projectYaml);
    }

    public static void writeStack(Path dir, String stack, String stackYaml) {
        write(dir.resolve("stacks").resolve("Pulumi." + stack + ".yaml"), stackYaml);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, mutable copy of {@link #VALID}. */
    public static Stack valid() {
        return new Stack(VALID);
    }

    /** A fresh, mutable copy of {@link #VALID_GCP}. */
    public static Stack validGcp() {
        return new Stack(VALID_GCP);
    }

    /** A fresh, mutable copy of {@link #VALID_AZURE}. */
    public static Stack validAzure() {
        return new Stack(VALID_AZURE);
    }

    /** A fresh, mutable copy of {@link #VALID_ONPREM}. */
    public static Stack validOnprem() {
        return new Stack(VALID_ONPREM);
    }

    /** A stack file as a tree, changed one value at a time. */
    public static final class Stack {
        private final ObjectNode root;

        Stack(String yaml) {
            this.root = (ObjectNode) parse(yaml);
        }

        /**
         * Sets the value at {@code path} to {@code yamlValue}, parsed as YAML exactly as a user
         * would write it after the colon: {@code two} is a string, {@code 1.30} the number 1.3,
         * {@code [a, b]} a list, {@code {secure: x}} a secret.
         */
        public Stack set(String path, String yamlValue) {
            var steps = steps(path);
            JsonNode parent = walk(steps.subList(0, steps.size() - 1), true);
            Object last = steps.get(steps.size() - 1);
            JsonNode value = parse(yamlValue);
            if (last instanceof Integer i) {
                ArrayNode list = (ArrayNode) parent;
                if (i == list.size()) {
                    list.add(value);
                } else {
                    list.set(i, value);
                }
            } else {
                ((ObjectNode) parent).set((String) last, value);
            }
            return this;
        }

        /** Removes the value at {@code path}. */
        public Stack remove(String path) {
            var steps = steps(path);
            JsonNode parent = walk(steps.subList(0, steps.size() - 1), false);
            Object last = steps.get(steps.size() - 1);
            if (last instanceof Integer i) {
                ((ArrayNode) parent).remove(i);
            } else {
                ((ObjectNode) parent).remove((String) last);
            }
            return this;
        }

        /** Appends a deep copy of the list element at {@code path} (e.g. {@code derrick:clusters[0]}) to its list. */
        public Stack appendCopy(String path) {
            var steps = steps(path);
            ArrayNode list = (ArrayNode) walk(steps.subList(0, steps.size() - 1), false);
            list.add(walk(steps, false).deepCopy());
            return this;
        }

        public String yaml() {
            try {
                return YAML.writeValueAsString(root);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Writes the project with this stack into {@code dir} and loads it. */
        public RawConfig load(Path dir) {
            return TestStacks.load(dir, yaml());
        }

        private JsonNode walk(List<Object> steps, boolean create) {
            JsonNode cur = root.get("config");
            for (Object step : steps) {
                JsonNode next = step instanceof Integer i ? cur.get(i) : cur.get((String) step);
                if (next == null) {
                    if (!create || !(cur instanceof ObjectNode o)) {
                        throw new IllegalArgumentException("no " + step + " in " + cur);
                    }
                    next = o.putObject((String) step);
                }
                cur = next;
            }
            return cur;
        }

        /** {@code derrick:clusters[0].nodePools[1].max} to [derrick:clusters, 0, nodePools, 1, max]. */
        private static List<Object> steps(String path) {
            int end = 0;
            while (end < path.length() && path.charAt(end) != '[' && path.charAt(end) != '.') {
                end++;
            }
            var out = new ArrayList<Object>();
            out.add(path.substring(0, end));
            Matcher m = STEP.matcher(path);
            int at = end;
            while (at < path.length()) {
                if (!m.find(at) || m.start() != at) {
                    throw new IllegalArgumentException("bad path " + path);
                }
                out.add(m.group(1) != null ? m.group(1) : (Object) Integer.parseInt(m.group(2)));
                at = m.end();
            }
            return out;
        }
    }

    private static JsonNode parse(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad YAML in test: " + yaml, e);
        }
    }
}
