package dev.derrick.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import dev.derrick.cli.ProgramRunner;
import dev.derrick.cli.StackPlan;
import dev.derrick.cli.render.JsonRenderer;
import dev.derrick.cli.template.NewProject;
import dev.derrick.cli.template.Template;
import dev.derrick.cli.template.TemplateCatalog;
import dev.derrick.config.StackFiles;
import dev.derrick.plan.Plan;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Derrick's templates (templates/): each is a Pulumi template whose Pulumi.yaml Pulumi's schema
 * accepts; {@code derrick new} instantiates it as {@code pulumi new} would; and, end to end, the new
 * project builds offline against the library installed in ~/.m2, passes its own test, and plans; one of them
 * (onprem-lab) the way a team gets it: released to a repository, made, committed, cloned and built from nothing.
 */
class TemplatesTest {
    static final List<String> TEMPLATES = List.of("aws-gpu-training", "gcp-inference", "ml-platform", "onprem-lab");
    /** The templates built end to end in one Maven reactor; onprem-lab is built by the release-path test instead. */
    static final List<String> REACTOR_TEMPLATES = List.of("aws-gpu-training", "gcp-inference", "ml-platform");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String PROJECT = "ml-project";
    /** Pinned like the rest of the test suite, so date-dependent policies do not rot the templates' checks. */
    private static final String JAVA_OPTS = "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Dderrick.today=2026-11-23";

    static List<String> templates() {
        return TEMPLATES;
    }

    private static Path templateDir(String name) {
        return Project.root().resolve("templates").resolve(name);
    }

    private static JsonSchema schema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Project.resource("schemas/pulumi-project.schema.json")));
    }

    private static Path instantiate(String template, Path parent, String... config) {
        Path dir = parent.resolve(PROJECT);
        NewProject.create(new NewProject.Request(Template.load(templateDir(template)), template, dir, PROJECT, null, "dev", List.of(config)));
        return dir;
    }

    // ---------------------------------------------------------------- the templates as files

    @Test
    void templates_whenListed_areAwsGcpAndOnpremEachWithADescription() {
        var catalog = new TemplateCatalog(Project.root().resolve("templates"));
        assertThat(catalog.names()).containsExactlyElementsOf(TEMPLATES);
        assertThat(catalog.list()).allSatisfy(t -> assertThat(t.summary()).isNotBlank().doesNotContain(": ").doesNotContain(" #"));
    }

    @ParameterizedTest
    @MethodSource("templates")
    void template_whenRead_isAPulumiJavaProjectOnTheDerrickLibrary(String name) throws IOException {
        Path dir = templateDir(name);
        for (String f : List.of("Pulumi.yaml", "Pulumi.dev.yaml", "README.md", "pom.xml", ".gitignore",
                "src/main/java/myproject/Main.java", "src/test/java/myproject/StackTest.java")) {
            assertThat(dir.resolve(f)).as(name + "/" + f).isRegularFile();
        }
        assertThat(dir.resolve("src/main/java/myproject/Main.java")).content().contains("Pulumi.run(dev.derrick.cli.Program::stack);");
        assertThat(dir.resolve("src/test/java/myproject/StackTest.java")).content().contains("PlanEngine.run(");
        assertThat(dir.resolve("pom.xml")).content()
                .contains("<artifactId>${PROJECT}</artifactId>")
                .contains("<derrick.version>" + Project.version() + "</derrick.version>")
                .contains("<artifactId>derrick-cli</artifactId>")
                .contains("<artifactId>maven-compiler-plugin</artifactId><version>3.13.0</version>")
                .contains("<artifactId>maven-surefire-plugin</artifactId><version>3.5.3</version>")
                .contains("<artifactId>junit-jupiter</artifactId>").contains("<artifactId>assertj-core</artifactId>")
                .doesNotContain("${DESCRIPTION}");   // a description with & or < would break the XML
        assertThat(dir.resolve("README.md")).content().contains("# ${PROJECT}").contains("${DESCRIPTION}");
        assertThat(dir.resolve("target")).as("templates are never built in place").doesNotExist();
    }

    @ParameterizedTest
    @MethodSource("templates")
    void pulumiYaml_afterSubstitution_isValidAgainstPulumisSchema(String name) throws IOException {
        String raw = Files.readString(templateDir(name).resolve("Pulumi.yaml"));
        assertThat(raw).startsWith("name: ${PROJECT}\ndescription: ${DESCRIPTION}\n");
        Template t = Template.load(templateDir(name));
        JsonNode project = YAML.readTree(raw.replace("${PROJECT}", PROJECT).replace("${DESCRIPTION}", t.summary()));
        assertThat(schema().validate(project)).isEmpty();
        assertThat(project.path("description").asText()).isEqualTo(t.summary());
        assertThat(project.path("runtime").path("name").asText()).isEqualTo("java");
        assertThat(project.path("runtime").path("options").path("binary").asText()).isEqualTo("target/" + PROJECT + ".jar");
        assertThat(project.path("template").path("config").path("derrick:environment").path("default").asText()).isNotBlank();
        assertThat(project.path("template").path("quickstart").asText()).contains("mvn -q package");
    }

    @ParameterizedTest
    @MethodSource("templates")
    void new_whenInstantiated_isAValidProjectWithNothingLeftToSubstitute(String name, @TempDir Path tmp) throws IOException {
        Path dir = name.equals("gcp-inference") ? instantiate(name, tmp, "derrick:gcpProject=ml-inference-dev") : instantiate(name, tmp);
        JsonNode project = YAML.readTree(dir.resolve("Pulumi.yaml").toFile());
        assertThat(schema().validate(project)).isEmpty();
        assertThat(project.path("name").asText()).isEqualTo(PROJECT);
        assertThat(project.has("template")).isFalse();
        assertThat(project.path("config").path("pulumi:tags").path("value").path("pulumi:template").asText()).isEqualTo(name);
        assertThat(dir.resolve("Pulumi.yaml")).content().as("edited in place, comments kept").contains("# `pulumi up` runs `java -jar`");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(f).content().as(dir.relativize(f).toString()).doesNotContain("${PROJECT}").doesNotContain("${DESCRIPTION}");
            }
        }
        JsonNode stack = YAML.readTree(dir.resolve("Pulumi.dev.yaml").toFile());
        assertThat(stack.path("config").path("derrick:environment").asText()).isNotBlank();
        assertThat(stack.path("config").path("derrick:tags").path("team").asText()).isEqualTo(PROJECT);
    }

    // ---------------------------------------------------------------- planned in-process (no Maven)

    @Test
    void awsGpuTraining_whenPlanned_isAnH100SpotPoolScalingToZeroAVersionedBucketAndARegistry(@TempDir Path tmp) throws IOException {
        Path dir = instantiate("aws-gpu-training", tmp);
        StackPlan sp = ProgramRunner.run(dir, StackFiles.load(dir, "dev"));
        Golden.check("template-aws-gpu-training.plan.json", JsonRenderer.render(sp));
        Golden.check("template-aws-gpu-training.urns.txt", StackPlansTest.urns(sp.plan()));

        // The H100 pool is a Karpenter pool: no node group, a NodePool of spot p5.48xlarge nodes (none until a job is pending).
        assertThat(sp.plan().named("aws:eks/nodeGroup:NodeGroup", "train-h100")).isEmpty();
        Map<String, Object> pool = sp.plan().named("kubernetes:karpenter.sh/v1:NodePool", "train-karpenter-h100-nodepool").orElseThrow().inputs();
        assertThat(Plan.get(pool, "spec.template.spec.requirements.0.values")).isEqualTo(List.of("spot"));
        assertThat(Plan.get(pool, "spec.template.spec.requirements.1.values")).isEqualTo(List.of("p5.48xlarge"));
        assertThat(((Map<?, ?>) Plan.get(pool, "spec.limits")).get("nvidia.com/gpu")).as("max 2 nodes x 8 GPUs").isEqualTo("16");
        assertThat(Plan.get(sp.plan().named("aws:s3/bucketVersioningV2:BucketVersioningV2", "datasets-versioning").orElseThrow().inputs(),
                "versioningConfiguration.status")).isEqualTo("Enabled");
        assertThat(sp.plan().named("aws:ecr/repository:Repository", "ml-models").orElseThrow().inputs())
                .containsEntry("name", "ml/models");
        assertThat(sp.plan().resources().get(0).urn()).isEqualTo("urn:pulumi:dev::" + PROJECT + "::pulumi:pulumi:Stack::" + PROJECT + "-dev");
        assertThat(sp.policies().failures()).isEmpty();
        assertThat(sp.cost().gpusAtMin()).isZero();
        assertThat(sp.cost().gpusAtMax()).isEqualTo(16);
    }

    @Test
    void gcpInference_whenPlanned_isAnL4SpotPoolABucketAndAnArtifactRegistry(@TempDir Path tmp) {
        Path dir = instantiate("gcp-inference", tmp, "derrick:gcpProject=ml-inference-dev");
        StackPlan sp = ProgramRunner.run(dir, StackFiles.load(dir, "dev"));
        Map<String, Object> pool = sp.plan().named("gcp:container/nodePool:NodePool", "serve-l4").orElseThrow().inputs();
        assertThat(Plan.get(pool, "nodeConfig.machineType")).isEqualTo("g2-standard-4");
        assertThat(Plan.get(pool, "nodeConfig.spot")).isEqualTo(true);
        assertThat(sp.plan().named("gcp:artifactregistry/repository:Repository", "serving")).isPresent();
        assertThat(sp.policies().failures()).isEmpty();
    }

    @Test
    void mlPlatform_whenPlanned_servesWithKServeOnTheL4PoolFromTheModelsBucketAndQueuesTrainingThroughKueue(@TempDir Path tmp) throws IOException {
        Path dir = instantiate("ml-platform", tmp);
        StackPlan sp = ProgramRunner.run(dir, StackFiles.load(dir, "dev"));
        Golden.check("template-ml-platform.urns.txt", StackPlansTest.urns(sp.plan()));
        Plan plan = sp.plan();

        assertThat(Plan.get(plan.named("kubernetes:helm.sh/v3:Release", "ml-serving-controller").orElseThrow().inputs(),
                "values.kserve.controller.deploymentMode")).isEqualTo("RawDeployment");
        var runtime = plan.named("kubernetes:serving.kserve.io/v1alpha1:ClusterServingRuntime", "ml-serving-runtime").orElseThrow().inputs();
        assertThat(Plan.get(runtime, "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms.0.matchExpressions.0.values"))
                .isEqualTo(List.of("serve"));
        assertThat(plan.named("kubernetes:kueue.x-k8s.io/v1beta2:ClusterQueue", "ml-kueue-queue-" + PROJECT)).isPresent();
        assertThat(sp.policies().failures()).isEmpty();
        assertThat(sp.cost().gpusAtMin()).isZero();
        assertThat(sp.cost().gpusAtMax()).isEqualTo(20);

        // The example InferenceService fits what the stack makes: a serving namespace, the bound ServiceAccount, the
        // GPU runtime, a GPU count one node of the runtime's pool has, and a URI of the model store's scheme.
        JsonNode isvc = YAML.readTree(dir.resolve("inference/llm.yaml").toFile());
        String ns = isvc.path("metadata").path("namespace").asText();
        var sa = plan.named("kubernetes:core/v1:ServiceAccount", "ml-serving-sa-" + ns).orElseThrow(() -> new AssertionError("no serving namespace " + ns));
        JsonNode predictor = isvc.path("spec").path("predictor");
        assertThat(predictor.path("serviceAccountName").asText()).isEqualTo(Plan.get(sa.inputs(), "metadata.name"));
        assertThat(predictor.path("model").path("runtime").asText()).isEqualTo(Plan.get(runtime, "metadata.name"));
        assertThat(predictor.path("model").path("modelFormat").path("name").asText())
                .isEqualTo(Plan.get(runtime, "spec.supportedModelFormats.0.name"));
        int perNode = dev.derrick.config.StackConfigLoader.load(StackFiles.load(dir, "dev")).clusters().get(0).nodePools().stream()
                .filter(p -> p.name().equals("serve")).findFirst().orElseThrow().gpusPerNode();
        assertThat(predictor.path("model").path("resources").path("limits").path("nvidia.com/gpu").asInt()).isPositive().isLessThanOrEqualTo(perNode);
        assertThat(predictor.path("model").path("storageUri").asText()).startsWith("s3://");
        assertThat(dir.resolve("inference/llm.yaml")).content().doesNotContain("${PROJECT}").contains("app.kubernetes.io/part-of: \"" + PROJECT + "\"");
    }

    @Test
    void onpremLab_whenPlanned_labelsTheLabsA100NodesRunsTheOperatorAndPassesEveryPolicy(@TempDir Path tmp) {
        Path dir = instantiate("onprem-lab", tmp);
        StackPlan sp = ProgramRunner.run(dir, StackFiles.load(dir, "dev"));
        var patches = sp.plan().ofType("kubernetes:core/v1:NodePatch");
        assertThat(patches).extracting(p -> Plan.get(p.inputs(), "metadata.name")).containsExactly("gpu-node-1", "gpu-node-2");
        assertThat(Plan.get(sp.plan().named("kubernetes:helm.sh/v3:Release", "lab-gpu-operator-release").orElseThrow().inputs(),
                "values.driver.enabled")).isEqualTo(true);
        assertThat(sp.plan().named("pulumi:providers:kubernetes", "lab-provider").orElseThrow().inputs().get("kubeconfig"))
                .isEqualTo(dev.derrick.plan.PlannedResource.SECRET);
        assertThat(sp.plan().named("kubernetes:helm.sh/v3:Release", "lab-registry-release")).as("zot in the cluster").isPresent();
        assertThat(sp.cost().gpusAtMax()).isEqualTo(16);
        assertThat(sp.policies().failures()).isEmpty();
    }

    // ---------------------------------------------------------------- ./derrick new as a process

    @Test
    void new_whenListed_showsEveryTemplateWithItsDescriptionAndPrompts() {
        var r = Cli.run("new", "--list");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("aws-gpu-training  GPU training on AWS with Derrick")
                .contains("gcp-inference").contains("onprem-lab").contains("config derrick:environment (default: dev)");
    }

    @Test
    void new_whenTemplateUnknown_exits2WithOneLineAndASuggestion(@TempDir Path tmp) {
        var r = Cli.run("new", "aws-gpu-trainin", tmp.resolve("p").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("derrick: unknown template 'aws-gpu-trainin' (did you mean aws-gpu-training?); "
                + "templates: aws-gpu-training, gcp-inference, ml-platform, onprem-lab (./derrick new --list describes them)");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void new_whenFolderNotEmpty_exits2AndLeavesItUntouched(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        var r = Cli.run("new", "aws-gpu-training", tmp.toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("derrick: " + tmp + " is not empty; pick a new or empty folder");
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
    }

    @Test
    void new_whenNameInvalid_exits2AndCreatesNothing(@TempDir Path tmp) {
        var r = Cli.run("new", "aws-gpu-training", tmp.resolve("a/b").toString(), "--name", "ML project");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().lines()).containsExactly(
                "derrick: 'ML project' is not a valid project name: a project name may only contain alphanumerics, hyphens, underscores and periods");
        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void new_whenJsonRequested_printsTheProjectItCreated(@TempDir Path tmp) throws IOException {
        var r = Cli.run("new", "aws-gpu-training", tmp.resolve("team-a").toString(), "--config", "derrick:environment=dev", "-o", "json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("project").asText()).isEqualTo("team-a");
        assertThat(doc.path("stackFile").asText()).isEqualTo("Pulumi.dev.yaml");
        assertThat(doc.path("config").path("derrick:environment").asText()).isEqualTo("dev");
        assertThat(doc.path("files").toString()).contains("src/main/java/myproject/Main.java");
    }

    // ---------------------------------------------------------------- end to end: new, mvn -o package, plan

    @Test
    void awsGpuTraining_whenCreatedBuiltOfflineAndPlanned_worksEndToEnd() throws IOException {
        String name = endToEndName("aws-gpu-training");
        Cli.Result plan = endToEnd("aws-gpu-training");
        assertThat(plan.out()).contains("Stack dev (project " + name).contains("p5.48xlarge")
                .contains("kubernetes:karpenter.sh/v1:NodePool  train-karpenter-h100-nodepool").contains("20 passed, 0 failed");
    }

    @Test
    void gcpInference_whenCreatedBuiltOfflineAndPlanned_worksEndToEnd() throws IOException {
        Cli.Result plan = endToEnd("gcp-inference");
        assertThat(plan.out()).contains("Stack dev (project " + endToEndName("gcp-inference")).contains("g2-standard-4");
    }

    @Test
    void mlPlatform_whenCreatedBuiltOfflineAndPlanned_worksEndToEnd() throws IOException {
        Cli.Result plan = endToEnd("ml-platform");
        assertThat(plan.out()).contains("Stack dev (project " + endToEndName("ml-platform")).contains("ClusterServingRuntime  ml-serving-runtime")
                .contains("[PASS] serving-runtime-gpu-on-gpu-pools").contains("20 passed, 0 failed");
    }

    /**
     * The release path (issue 18 item 10): Derrick published with {@code scripts/release --deploy-only} to a {@code file:}
     * repository under target/, a project made with {@code --maven-repository} pointing at it, committed and cloned
     * afresh, then built with the README's command in the clone against an empty local repository. Its only sources:
     * that Derrick repository and, standing in for the public registry (which tests must not depend on), the
     * developer's local repository exposed as a {@code file:} mirror of central in a test-only settings.xml.
     */
    @Test
    void onpremLab_whenReleasedCreatedClonedAndBuiltFromAnEmptyRepository_worksEndToEnd(@TempDir Path tmp) throws IOException {
        requireInstalledLibrary();
        Path root = Project.root();
        Path devRepo = localRepository();
        Path release = root.resolve("tests/target/derrick-release-repo");
        deleteTree(release);
        String releaseUrl = release.toUri().toString();
        Map<String, String> env = Map.of("DERRICK_JAVA_OPTS", JAVA_OPTS);

        // 1. Publish: the release script's deploy step, with every other lookup sent to the developer's repository.
        Path deploySettings = mirrorSettings(tmp.resolve("settings-deploy.xml"), devRepo, "derrick-test");
        var deploy = new ArrayList<>(List.of(root.resolve("scripts/release").toString(), "--deploy-only",
                "--repository", "derrick-test::" + releaseUrl, "--", "-s", deploySettings.toString(), "-Dmaven.repo.local=" + devRepo));
        var deployed = Cli.exec(deploy, root, Map.of(), 600);
        assertThat(deployed.exitCode()).as("scripts/release --deploy-only:\n%s", tail(deployed.all())).isZero();
        String v = Project.version();
        assertThat(release.resolve("dev/derrick/derrick-parent/" + v)).isDirectory();
        assertThat(release.resolve("dev/derrick/derrick-cli/" + v + "/maven-metadata.xml")).isRegularFile();

        // 2. derrick new with the repository, 3. git init + commit, 4. a clean clone.
        Path made = tmp.resolve("made").resolve(PROJECT);
        var created = Cli.exec(List.of(root.resolve("derrick").toString(), "new", "onprem-lab", made.toString(), "--name", PROJECT,
                "--maven-repository", releaseUrl), tmp, env, 120);
        assertThat(created.exitCode()).as(created.all()).isZero();
        assertThat(created.out()).contains("Builds against Derrick " + v + " (pom.xml derrick.version), from " + releaseUrl);
        assertThat(made.resolve("pom.xml")).content().contains("<derrick.version>" + v + "</derrick.version>")
                .contains("<id>derrick</id>").contains("<url>" + releaseUrl + "</url>");
        var git = List.of("git", "-c", "user.name=Derrick Test", "-c", "user.email=test@derrick.invalid", "-c", "commit.gpgsign=false");
        for (var step : List.of(List.of("init", "-q"), List.of("add", "-A"), List.of("commit", "-q", "-m", "New project"))) {
            var cmd = new ArrayList<>(git);
            cmd.addAll(step);
            var r = Cli.exec(cmd, made, Map.of(), 60);
            assertThat(r.exitCode()).as("git %s: %s", step, r.all()).isZero();
        }
        Path dir = tmp.resolve(PROJECT);
        var clone = Cli.exec(List.of("git", "clone", "-q", made.toString(), dir.toString()), tmp, Map.of(), 60);
        assertThat(clone.exitCode()).as(clone.all()).isZero();
        assertThat(dir.resolve("target")).doesNotExist();

        // 5. The README's build command in the clone, with an empty local repository.
        Path fresh = tmp.resolve("empty-m2");
        Path buildSettings = mirrorSettings(tmp.resolve("settings-build.xml"), devRepo, "derrick");
        var build = Cli.exec(List.of("mvn", "-B", "-q", "package", "-Dderrick.today=2026-11-23", "-s", buildSettings.toString(),
                "-Dmaven.repo.local=" + fresh), dir, Map.of(), 600);
        assertThat(build.exitCode()).as("mvn -q package in the clone:\n%s", tail(build.all())).isZero();
        assertThat(fresh.resolve("dev/derrick/derrick-cli/" + v + "/_remote.repositories")).as("Derrick came from the released repository")
                .content().contains(">derrick=");
        assertThat(fresh.resolve("dev/derrick/derrick-parent/" + v + "/_remote.repositories")).content().contains(">derrick=");

        Cli.Result plan = checkBuiltProject(dir, PROJECT, tmp, env);
        assertThat(plan.out()).contains("Stack dev (project " + PROJECT).contains("kubernetes:core/v1:NodePatch  lab-gpu-gpu-node-1")
                .contains("· kubeconfig: [secret]").doesNotContain("PLACEHOLDER");
    }

    /** A settings.xml whose only remote is a mirror of every repository but {@code except}: {@code repo} as a file: URL. */
    private static Path mirrorSettings(Path file, Path repo, String except) throws IOException {
        // Mirror id "central": the artifacts of the developer's repository are recorded as downloaded from central.
        Files.writeString(file, """
                <settings xmlns="http://maven.apache.org/SETTINGS/1.0.0">
                  <mirrors>
                    <mirror>
                      <id>central</id>
                      <mirrorOf>*,!%s</mirrorOf>
                      <url>%s</url>
                    </mirror>
                  </mirrors>
                </settings>
                """.formatted(except, repo.toUri()));
        return file;
    }

    private static Path localRepository() {
        String local = System.getProperty("maven.repo.local");
        return (local != null && !local.isBlank() ? Path.of(local) : Path.of(System.getProperty("user.home"), ".m2", "repository"))
                .toAbsolutePath().normalize();
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The end-to-end project of a template: named after it, so those of REACTOR_TEMPLATES share one Maven reactor. */
    private static String endToEndName(String template) {
        return "ml-" + template;
    }

    /** What {@code ./derrick new} is given per template beyond the folder and name. */
    private static List<String> newArgs(String template) {
        return template.equals("gcp-inference") ? List.of("--config", "derrick:gcpProject=ml-inference-dev") : List.of();
    }

    /** The folder holding the end-to-end projects, and the result of their one Maven build; null until built. */
    private static Path endToEndRoot;
    private static Cli.Result endToEndBuild;

    /**
     * What a team does, for every template: {@code ./derrick new} (as a process), then {@code mvn package} offline: it
     * must build from the library in ~/.m2 alone, and runs the project's own test. The projects of {@link #REACTOR_TEMPLATES} are built by ONE
     * Maven run over an aggregator pom that only lists them as modules (no parent, no shared settings: each builds from
     * its own pom exactly as alone), which saves two Maven start-ups and warms the compiler for the others. Done once,
     * by whichever end-to-end test comes first.
     */
    private static synchronized Cli.Result buildEndToEndProjects() throws IOException {
        if (endToEndBuild != null) {
            return endToEndBuild;
        }
        if (endToEndFailure != null) {
            throw new AssertionError("creating the end-to-end projects failed in an earlier test", endToEndFailure);
        }
        requireInstalledLibrary();   // skips (or fails under DERRICK_REQUIRE_EMULATORS=1) each test alike, never cached
        try {
            return createAndBuildEndToEndProjects();
        } catch (IOException | RuntimeException | AssertionError e) {
            endToEndFailure = e;   // the other end-to-end tests fail with it instead of trying again
            throw e;
        }
    }

    private static Throwable endToEndFailure;

    private static Cli.Result createAndBuildEndToEndProjects() throws IOException {
        Path root = Project.root();
        Path dir = Files.createTempDirectory(Files.createDirectories(root.resolve("tests/target")), "templates-e2e-");
        var modules = new StringBuilder();
        for (String template : REACTOR_TEMPLATES) {
            String name = endToEndName(template);
            var create = new ArrayList<>(List.of(root.resolve("derrick").toString(), "new", template, dir.resolve(name).toString(), "--name", name));
            create.addAll(newArgs(template));
            // 600 s: the first ./derrick of a test run may record the launcher's start-up archive (minutes on a loaded machine)
            var created = Cli.exec(create, dir, Map.of("DERRICK_JAVA_OPTS", JAVA_OPTS), 600);
            assertThat(created.exitCode()).as(created.all()).isZero();
            assertThat(created.out()).contains("Created project '" + name + "'");
            modules.append("    <module>").append(name).append("</module>\n");
        }
        Files.writeString(dir.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <!-- TemplatesTest: only lists the generated projects, so one Maven run builds them all. -->
                  <groupId>dev.derrick.tests</groupId>
                  <artifactId>templates-e2e</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <modules>
                %s  </modules>
                </project>
                """.formatted(modules));

        // The same local repository libraryProblem() checked: with -Dmaven.repo.local (a worktree's own), not ~/.m2.
        var mvn = new ArrayList<>(List.of("mvn", "-B", "-q", "-o", "--fail-at-end", "package", "-Dderrick.today=2026-11-23"));
        String local = System.getProperty("maven.repo.local");
        if (local != null && !local.isBlank()) {
            mvn.add("-Dmaven.repo.local=" + local);
        }
        endToEndRoot = dir;
        endToEndBuild = Cli.exec(mvn, dir, Map.of(), 900);
        return endToEndBuild;
    }

    /**
     * One template end to end: its project built by {@link #buildEndToEndProjects()}, then what Pulumi's Java host does
     * with {@code runtime.options.binary} (plugin discovery from the jar, {@code java -jar}), then an offline
     * {@code ./derrick plan} of the new folder. Returns the plan's output.
     */
    private static Cli.Result endToEnd(String template) throws IOException {
        Cli.Result build = buildEndToEndProjects();
        assertThat(build.exitCode()).as("mvn -o package of the new projects:\n%s", tail(build.all())).isZero();
        String name = endToEndName(template);
        return checkBuiltProject(endToEndRoot.resolve(name), name, endToEndRoot, Map.of("DERRICK_JAVA_OPTS", JAVA_OPTS));
    }

    /**
     * After {@code mvn package} of project {@code name} in {@code dir}: the jar, its lib/ and the project's own test; then
     * what Pulumi's Java host does with {@code runtime.options.binary} (plugin discovery from the jar, {@code java -jar})
     * and an offline {@code ./derrick plan} of the folder, run from {@code cwd}. Returns the plan's output.
     */
    private static Cli.Result checkBuiltProject(Path dir, String name, Path cwd, Map<String, String> env) {
        Path jar = dir.resolve("target/" + name + ".jar");
        assertThat(jar).isRegularFile();
        assertThat(dir.resolve("target/lib/derrick-cli-" + Project.version() + ".jar")).isRegularFile();
        assertThat(dir.resolve("target/surefire-reports/myproject.StackTest.txt")).content()
                .containsPattern("Tests run: [1-9]\\d*, Failures: 0, Errors: 0, Skipped: 0");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var plugins = Cli.exec(List.of(java, "-cp", jar.toString(), "com.pulumi.bootstrap.internal.Main", "packages"), dir, Map.of(), 60);
        assertThat(plugins.exitCode()).as(plugins.all()).isZero();
        assertThat(plugins.out()).as("provider plugins pulumi would install").contains("\"resource\":true");
        var start = Cli.exec(List.of(java, "-jar", jar.toString()), dir, Map.of(), 60);
        assertThat(start.err()).as("the jar's main reached Pulumi.run (its class path is complete)")
                .contains("Program run without the Pulumi engine available");

        var plan = Cli.exec(List.of(Project.root().resolve("derrick").toString(), "plan", "--project-dir", dir.toString(), "-s", "dev"),
                cwd, env, 120);
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        return plan;
    }

    private static String tail(String s) {
        var lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /**
     * The end-to-end tests build against dev.derrick:* in the local Maven repository, which
     * ./scripts/test installs first. Without it (a bare {@code mvn verify}) they are skipped, not
     * failed, unless DERRICK_REQUIRE_EMULATORS=1 (CI), where a missing or stale library fails them.
     */
    static void requireInstalledLibrary() {
        String problem = libraryProblem();
        if (problem == null) {
            return;
        }
        if ("1".equals(System.getenv("DERRICK_REQUIRE_EMULATORS"))) {
            fail(problem + " (DERRICK_REQUIRE_EMULATORS=1)");
        }
        System.err.println("TemplatesTest: end-to-end template build skipped: " + problem);
        Assumptions.abort("skipped: " + problem);
    }

    /** Null when ~/.m2 holds this build of the library (same poms, same classes), else what is wrong. */
    static String libraryProblem() {
        Path root = Project.root();
        String v = Project.version();
        String local = System.getProperty("maven.repo.local");
        Path repo = local != null && !local.isBlank() ? Path.of(local) : Path.of(System.getProperty("user.home"), ".m2", "repository");
        String fix = "; ./scripts/test installs it (mvn -B -q -DskipTests install)";
        Path parentPom = repo.resolve("dev/derrick/derrick-parent/" + v + "/derrick-parent-" + v + ".pom");
        if (!sameBytes(parentPom, root.resolve("pom.xml"))) {
            return "dev.derrick:derrick-parent:" + v + " in " + repo + " is missing or differs from pom.xml" + fix;
        }
        for (String module : List.of("components", "policies", "cli")) {
            String artifact = "derrick-" + module;
            Path dir = repo.resolve("dev/derrick/" + artifact + "/" + v);
            Path installed = dir.resolve(artifact + "-" + v + ".jar");
            Path built = root.resolve(module).resolve("target").resolve(module.equals("cli") ? "derrick-cli.jar" : artifact + "-" + v + ".jar");
            if (!Files.exists(installed) || !sameBytes(dir.resolve(artifact + "-" + v + ".pom"), root.resolve(module).resolve("pom.xml"))) {
                return "dev.derrick:" + artifact + ":" + v + " is not installed in " + repo + fix;
            }
            if (Files.exists(built) && !classes(installed).equals(classes(built))) {
                return "dev.derrick:" + artifact + ":" + v + " in " + repo + " is not this build" + fix;
            }
        }
        return null;
    }

    private static boolean sameBytes(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.mismatch(a, b) == -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Entry name to CRC of a jar's content, without META-INF (timestamps, build metadata). */
    private static Map<String, Long> classes(Path jar) {
        try (var zip = new ZipFile(jar.toFile())) {
            var out = new TreeMap<String, Long>();
            zip.stream().filter(e -> !e.isDirectory() && !e.getName().startsWith("META-INF/")).forEach(e -> out.put(e.getName(), e.getCrc()));
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
