package dev.derrick.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.StackFiles;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CheckReport;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.CheckRunner;
import dev.derrick.preflight.Status;
import dev.derrick.preflight.aws.AwsChecks;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `preflight` against moto (scripts/emulators): the SDK calls, response shapes and verdicts end to end. */
class MotoPreflightTest {
    static final CheckLimits LIMITS = new CheckLimits(16, Duration.ofSeconds(20), 3);
    URI moto;

    @BeforeEach
    void emulator() {
        moto = Emulators.moto();
    }

    private CheckReport preflight(StackConfig config) {
        try (var aws = AwsChecks.create(moto, MotoSeed.KEYS, LIMITS)) {
            return new CheckRunner(LIMITS, r -> { }).run(aws.preflight(config));
        }
    }

    private static CheckResult only(CheckReport report, String id, String subjectPart) {
        var found = report.results().stream().filter(r -> r.id().equals(id) && r.subject().contains(subjectPart)).toList();
        assertThat(found).as(id + " " + subjectPart + " in " + report.results()).hasSize(1);
        return found.get(0);
    }

    @Test
    void preflight_prodStack_failsOnlyOnThePQuotaWithTheFigureAndTheFix() throws Exception {
        Cli.Result r = Cli.run(MotoSeed.env(moto), "preflight", "-s", "prod", "--output", "json");

        assertThat(r.exitCode()).as(r.err()).isEqualTo(4);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertThat(doc.path("summary").path("fail").asInt()).isEqualTo(1);
        assertThat(doc.path("summary").path("unknown").asInt()).isZero();
        JsonNode fail = null;
        for (JsonNode n : doc.path("results")) {
            if (n.path("status").asText().equals("FAIL")) {
                fail = n;
            }
        }
        assertThat(fail.path("subject").asText()).isEqualTo("us-east-1 on-demand P (L-417A185B)");
        assertThat(fail.path("detail").asText()).contains("needs 768 vCPUs").contains("4 x p5.48xlarge x 192").contains("quota is 384");
        assertThat(fail.path("fix").asText()).contains("L-417A185B").contains(">= 768");
        // one progress line per finished check on stderr
        assertThat(r.err().lines().filter(l -> l.matches("\\[\\s*\\d+/\\d+] .*"))).hasSize(doc.path("results").size());
        // the secret key given to the process ("testing") appears nowhere
        assertThat(r.out() + r.err()).doesNotContain("testing");
    }

    @Test
    void preflight_readsOfferingsBucketsAndRegistries() {
        try (var seed = new MotoSeed(moto)) {
            seed.bucket("derrick-moto-ours", true, false);
        }
        StackConfig config = load("configs/Pulumi.preflight-moto.yaml");

        CheckReport report = preflight(config);

        CheckResult a100 = only(report, "aws.instance-type", "train/a100");
        assertThat(a100.status()).isEqualTo(Status.FAIL);
        assertThat(a100.detail()).contains("p4d.24xlarge is not offered in us-east-1f");
        assertThat(a100.fix()).contains("zones: [us-east-1a]");
        assertThat(only(report, "aws.instance-type", "train/system").status()).isEqualTo(Status.PASS);
        assertThat(only(report, "aws.vcpu-quota", "spot P (L-7212CCBC)").detail()).contains("needs 192 vCPUs");
        assertThat(only(report, "aws.bucket-name", "derrick-moto-ours").detail()).contains("ours");
        assertThat(only(report, "aws.bucket-name", "derrick-moto-fresh").detail()).startsWith("free");
        assertThat(only(report, "aws.credentials", "").detail()).contains("account " + MotoSeed.ACCOUNT);
    }

    @Test
    void preflight_whenRegistryExists_passesIfDerricksAndFailsIfNot() {
        try (var seed = new MotoSeed(moto)) {
            seed.repository("ml/training", true, true, Map.of("managed-by", "derrick", "environment", "prod"));
            seed.repository("ml/serving", true, true, Map.of("team", "someone-else"));
        }
        StackConfig config = StackConfigLoader.load(StackFiles.load(Project.root(), "prod"));

        CheckReport report = preflight(config);

        assertThat(only(report, "aws.registry", "ml/training").status()).isEqualTo(Status.PASS);
        assertThat(only(report, "aws.registry", "ml/training").detail()).contains("managed by Derrick");
        CheckResult serving = only(report, "aws.registry", "ml/serving");
        assertThat(serving.status()).isEqualTo(Status.FAIL);
        assertThat(serving.detail()).contains("RepositoryAlreadyExistsException");
        assertThat(serving.fix()).contains("pulumi import aws:ecr/repository:Repository ml-serving ml/serving");
    }

    @Test
    void preflight_withoutCredentials_isUnknownAndExitsZero() {
        var env = new HashMap<String, String>();
        for (String k : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_PROFILE",
                "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
            env.put(k, null);
        }
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/derrick-credentials");
        env.put("AWS_CONFIG_FILE", "/nonexistent/derrick-config");
        env.put("DERRICK_AWS_ENDPOINT", moto.toString());

        Cli.Result r = Cli.run(env, "preflight", "-s", "dev", "--no-progress");

        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("UNKNOWN  aws.credentials").contains("no credentials - no AWS credentials in the default chain")
                .contains("UNKNOWN does not fail the run");
        assertThat(r.out().lines().filter(l -> l.startsWith("PASS") || l.startsWith("FAIL"))).isEmpty();
    }

    static StackConfig load(String resource) {
        return StackConfigLoader.load(StackFiles.loadFile(Project.root(), Project.resource(resource)));
    }

}
