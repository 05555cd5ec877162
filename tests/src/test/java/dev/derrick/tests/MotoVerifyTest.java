package dev.derrick.tests;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.StackFiles;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CheckReport;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.CheckRunner;
import dev.derrick.preflight.StackOutputs;
import dev.derrick.preflight.Status;
import dev.derrick.preflight.aws.AwsChecks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `verify` against moto: the prod stack "deployed" by seeding moto through the AWS SDK the way
 * the components configure it, with three things drifted (the system node group's max, the checkpoints
 * bucket's versioning, the serving registry's tag mutability). prod's GPU pools are Karpenter pools: they have no
 * node group to verify.
 */
class MotoVerifyTest {
    static final CheckLimits LIMITS = new CheckLimits(16, Duration.ofSeconds(20), 3);
    static final String REGISTRY_HOST = MotoSeed.ACCOUNT + ".dkr.ecr.us-east-1.amazonaws.com/";
    URI moto;

    @TempDir
    Path tmp;

    @BeforeEach
    void deploy() {
        moto = Emulators.moto();
        try (var seed = new MotoSeed(moto)) {
            seed.cluster("prod-train", "1.35", true, true);   // prod: public endpoint restricted to authorizedNetworks, and private
            seed.nodeGroup("prod-train", "train-system-5f1c2a", "m6i.2xlarge", false, 2, 3, 2);
            seed.bucket("datasets-a1b2c3", true, true);
            seed.bucket("checkpoints-d4e5f6", false, true);
            seed.bucket("models-g7h8i9", true, false);   // MLflow's artifact store: versioned, SSE-S3
            seed.repository("ml/training", true, true, Map.of("managed-by", "derrick"));
            seed.repository("ml/serving", true, false, Map.of("managed-by", "derrick"));
        }
    }

    private Map<String, Object> outputs() {
        var out = new LinkedHashMap<String, Object>();
        out.put("train.clusterName", "prod-train");
        out.put("train.endpoint", "https://ABC.gr7.us-east-1.eks.amazonaws.com");
        out.put("train.system.nodeGroupName", "train-system-5f1c2a");
        out.put("datasets.bucketName", "datasets-a1b2c3");
        out.put("checkpoints.bucketName", "checkpoints-d4e5f6");
        out.put("models.bucketName", "models-g7h8i9");
        out.put("ml/training.repositoryUrl", REGISTRY_HOST + "ml/training");
        out.put("ml/serving.repositoryUrl", REGISTRY_HOST + "ml/serving");
        return out;
    }

    private static CheckResult only(CheckReport report, String id, String subjectPart) {
        var found = report.results().stream().filter(r -> r.id().equals(id) && r.subject().contains(subjectPart)).toList();
        assertThat(found).as(id + " " + subjectPart + " in " + report.results()).hasSize(1);
        return found.get(0);
    }

    @Test
    void verify_prod_passesWhatHoldsAndFailsEachDrift() throws Exception {
        Path file = tmp.resolve("outputs.json");
        new ObjectMapper().writeValue(file.toFile(), outputs());
        StackConfig config = StackConfigLoader.load(StackFiles.load(Project.root(), "prod"));

        CheckReport report;
        try (var aws = AwsChecks.create(moto, MotoSeed.KEYS, LIMITS)) {
            report = new CheckRunner(LIMITS, r -> { }).run(aws.verify(config, StackOutputs.read(file)));
        }

        assertThat(only(report, "aws.eks-cluster", "prod-train").status()).isEqualTo(Status.PASS);
        assertThat(only(report, "aws.eks-cluster", "prod-train").detail()).isEqualTo("ACTIVE, Kubernetes 1.35");
        CheckResult system = only(report, "aws.eks-nodegroup", "train/system");
        assertThat(system.status()).isEqualTo(Status.FAIL);
        assertThat(system.detail()).contains("size 2..3, expected 2..4");
        assertThat(report.results()).as("Karpenter pools have no node group to check")
                .noneMatch(r -> r.subject().contains("train/h100") || r.subject().contains("train/l4"));
        assertThat(only(report, "aws.bucket", "datasets").detail()).isEqualTo("versioning Enabled, SSE aws:kms, public access blocked 4/4");
        assertThat(only(report, "aws.bucket", "models").detail()).isEqualTo("versioning Enabled, SSE AES256, public access blocked 4/4");
        CheckResult checkpoints = only(report, "aws.bucket", "checkpoints");
        assertThat(checkpoints.status()).isEqualTo(Status.FAIL);
        assertThat(checkpoints.detail()).contains("versioning is off, expected Enabled");
        assertThat(only(report, "aws.registry-settings", "ml/training").status()).isEqualTo(Status.PASS);
        assertThat(only(report, "aws.registry-settings", "ml/serving").detail()).contains("tags are MUTABLE, expected IMMUTABLE");
        assertThat(report.count(Status.FAIL)).isEqualTo(3);
        assertThat(report.count(Status.UNKNOWN)).isZero();
    }

    @Test
    void verify_whenAnOutputIsMissing_failsThatCheckWithTheFix() throws Exception {
        var outputs = outputs();
        outputs.remove("train.system.nodeGroupName");
        outputs.put("datasets.bucketName", "[secret]");
        Path file = tmp.resolve("outputs.json");
        new ObjectMapper().writeValue(file.toFile(), outputs);

        Cli.Result r = Cli.run(MotoSeed.env(moto), "verify", "-s", "prod", "--outputs", file.toString(), "--no-progress");

        assertThat(r.exitCode()).as(r.all()).isEqualTo(4);
        assertThat(r.out()).contains("FAIL     aws.eks-nodegroup      train/system: no cluster or node group name in the stack outputs")
                .contains("the outputs have no 'train.system.nodeGroupName'")
                .contains("the outputs have no 'datasets.bucketName'");
    }

    @Test
    void verify_whenOutputsFileIsMissingOrNotJson_exitsTwo() throws Exception {
        Cli.Result missing = Cli.run(MotoSeed.env(moto), "verify", "-s", "prod", "--outputs", tmp.resolve("nope.json").toString());
        Path bad = Files.writeString(tmp.resolve("bad.json"), "[1, 2]");
        Cli.Result notObject = Cli.run(MotoSeed.env(moto), "verify", "-s", "prod", "--outputs", bad.toString());

        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file").contains("pulumi stack output --json");
        assertThat(notObject.exitCode()).isEqualTo(2);
        assertThat(notObject.err()).contains("expected the JSON object");
    }
}
