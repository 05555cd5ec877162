package dev.derrick.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI as a separate process: exit codes, stdout, stderr. */
class CliProcessTest {
    private static String config(String name) {
        return Project.resource("configs").resolve(name).toString();
    }

    @Test
    void plan_whenRunWithoutArguments_plansDevAsATree() {
        var r = Cli.run("plan");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Stack dev (project derrick")
                .contains("kubernetes:karpenter.sh/v1:NodePool  train-karpenter-gpu-nodepool")
                .contains("· spec.amiSelectorTerms[0].alias: al2023@latest")
                .contains("· spec.template.spec.requirements[0].values: [spot]")
                .contains("· spec.template.spec.taints[0].key: nvidia.com/gpu")
                .contains("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock  datasets-public-access")
                .contains("aws:ecr/repository:Repository");
    }

    @Test
    void launcher_whenRunInAnotherProjectsFolder_usesThatProjectAndNamesIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        java.nio.file.Path root = Project.root();
        java.nio.file.Files.writeString(tmp.resolve("Pulumi.yaml"), "name: otherproject\nruntime: java\nstackConfigDir: stacks\n");
        java.nio.file.Files.createDirectories(tmp.resolve("stacks"));
        // Derrick's dev stack, with the region its own Pulumi.yaml would have supplied.
        java.nio.file.Files.writeString(tmp.resolve("stacks/Pulumi.dev.yaml"), java.nio.file.Files.readString(root.resolve("stacks/Pulumi.dev.yaml"))
                .replaceFirst("(?m)^config:\n", "config:\n  derrick:region: us-east-1\n"));
        var env = new java.util.HashMap<String, String>();
        env.put("DERRICK_PROJECT_DIR", null);

        var r = Cli.exec(java.util.List.of(root.resolve("derrick").toString(), "validate"), tmp, env, 120);

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("dev: valid");
        assertThat(r.err()).contains("derrick: project otherproject (" + tmp.toRealPath().resolve("Pulumi.yaml") + ", current folder), stack dev (stacks/Pulumi.dev.yaml)");
    }

    @Test
    void version_whenAsked_printsTheProjectVersionAndACommit() {
        var r = Cli.run("--version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("derrick " + Project.version() + ", commit ");
    }

    @Test
    void catalog_whenJsonForOneAccelerator_listsOffersAndExits0_andUnknownAcceleratorExits2() throws Exception {
        var r = Cli.run("catalog", "--accelerator", "l4", "--output", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.get(0).path("accelerator").asText()).isEqualTo("l4");
        assertThat(doc.get(0).path("offers").findValuesAsText("cloud")).contains("aws", "gcp");

        var bad = Cli.run("catalog", "--accelerator", "l5");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--accelerator l5: not in the catalog").doesNotContain("Exception");
    }

    @Test
    void config_whenJsonForProd_annotatesSourcesAndExits0_andInvalidStackExits2() throws Exception {
        var r = Cli.run("config", "-s", "prod", "--output", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("config").path("derrick:region").path("from").asText()).isEqualTo("Pulumi.yaml");
        assertThat(doc.path("config").path("derrick:environment").path("from").asText()).isEqualTo("stacks/Pulumi.prod.yaml");

        var bad = Cli.run("config", "--file", config("Pulumi.broken.yaml"));
        assertThat(bad.exitCode()).isEqualTo(2);
    }

    @Test
    void plan_whenJsonRequestedForProd_printsOneObjectPerResource() throws Exception {
        var r = Cli.run("plan", "-s", "prod", "--output", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("stack").asText()).isEqualTo("prod");
        assertThat(doc.path("resources").size()).isEqualTo(doc.path("resourceCount").asInt()).isGreaterThan(50);
        JsonNode first = doc.path("resources").get(1);
        assertThat(first.fieldNames()).toIterable()
                .contains("urn", "type", "name", "parent", "custom", "inputs", "protect", "dependencies");
        assertThat(r.out()).contains("\"p5.48xlarge\"").contains("\"[unknown]\"");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void plan_whenStackUnknown_exits2AndListsStacks() {
        var r = Cli.run("plan", "-s", "nosuch");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("stacks/Pulumi.nosuch.yaml").contains("no such stack").contains("dev, ").contains("prod");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void validate_whenConfigValid_exits0() {
        var r = Cli.run("validate", "-s", "prod");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("prod: valid (1 cluster, 3 node pools, 3 object stores, 2 registries)");
    }

    @Test
    void validate_whenConfigHasManyMistakes_reportsEachOnOneLineAndExits2() {
        var r = Cli.run("validate", "--file", config("Pulumi.broken.yaml"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> l.contains("Pulumi.broken.yaml: derrick:"))).hasSize(6);
        assertThat(r.err())
                .contains("derrick:clusterz: unknown key; did you mean 'derrick:clusters'?")
                .contains("derrick:clusters[0].nodePools[0].max: must be >= min (min=3, max=1)")
                .contains("derrick:clusters[0].nodePools[0].accelerator: unknown accelerator (got \"h100\"); did you mean h100-80gb?")
                .contains("derrick:clusters[0].nodePools[1].min: must be a whole number, not a string (got \"two\")")
                .contains("derrick:objectStores[0].name: invalid S3 bucket name")
                .contains("derrick:registries[0].name: invalid ECR repository name")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void validate_whenJsonRequested_listsProblemsAsObjects() throws Exception {
        var r = Cli.run("validate", "--file", config("Pulumi.broken.yaml"), "--output", "json");
        assertThat(r.exitCode()).isEqualTo(2);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("valid").asBoolean()).isFalse();
        assertThat(doc.path("errors").size()).isEqualTo(6);
        assertThat(doc.path("errors").get(0).path("path").asText()).isEqualTo("derrick:clusterz");
    }

    @Test
    void validate_whenYamlMalformed_namesLineAndColumn() {
        var r = Cli.run("validate", "--file", config("Pulumi.malformed.yaml"));
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).containsPattern("Pulumi\\.malformed\\.yaml: line 6, column \\d+: malformed YAML");
    }

    @Test
    void plan_whenOptionValueInvalid_exits2WithUsageHint() {
        var r = Cli.run("plan", "--output", "yaml");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--output").contains("Try 'derrick plan --help'");
    }

    @Test
    void help_whenAsked_describesCommandsAndExitCodes() {
        var r = Cli.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("plan").contains("validate").contains("Exit codes: 0 ok");
        var plan = Cli.run("plan", "--help");
        assertThat(plan.out()).contains("--stack").contains("--output").contains("Pulumi SDK's mock");
    }

    @Test
    void plan_whenMandatoryPolicyFails_exits3AndNamesThePolicies() {
        var r = Cli.run("plan", "--file", config("Pulumi.policy-violation.yaml"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("[FAIL] dev-gpu-uses-spot: derrick:clusters[0].nodePools[0] (train/gpu): GPU pool in dev runs on-demand; fix: set capacity: spot")
                .contains("[FAIL] gpu-budget: derrick:clusters: 8 GPUs at max scale exceed the budget of 4");
        assertThat(r.err()).contains("2 mandatory policies failed: dev-gpu-uses-spot, gpu-budget");
    }

    @Test
    void plan_whenPoliciesOverriddenInTheStack_warnsAndExits0() {
        var r = Cli.run("plan", "--file", config("Pulumi.policy-override.yaml"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("[WARN] dev-gpu-uses-spot").contains("[SKIPPED] gpu-budget");
    }

    @Test
    void cost_whenAskedForProd_printsPoolsTotalsAndSources() {
        var r = Cli.run("cost", "-s", "prod");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("train/h100").contains("p5.48xlarge").contains("275.10").contains("Prices from: ")
                .contains("train/l4: Karpenter pool: the cheapest node is g6.12xlarge");
    }

    @Test
    void diff_whenMarkdownRequested_printsAPrComment() {
        var r = Cli.run("diff", "-s", "dev", "--against", "prod", "--output", "markdown");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("### Derrick diff: `prod` → `dev`").contains("#### Cost").contains("<details>");
    }

    @Test
    void plan_whenMermaidRequested_drawsClustersPoolsStoresAndRegistries() {
        var r = Cli.run("plan", "-s", "prod", "--output", "mermaid");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("flowchart LR").contains("EksCluster train").contains("EksNodePool train-system<br/>m6i.2xlarge<br/>2–4 nodes")
                .contains("Karpenter NodePool train-karpenter-h100-nodepool<br/>p5.48xlarge<br/>up to 32 GPUs")
                .contains("S3ObjectStore datasets").contains("EcrRegistry ml/serving").contains(" --> ");
    }

    @Test
    void cost_whenMarkdownRequested_exits2() {
        var r = Cli.run("cost", "--output", "markdown");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("use text or json");
    }
}
