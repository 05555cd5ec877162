package dev.derrick.tests;

import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.StackFiles;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CheckReport;
import dev.derrick.preflight.CheckRunner;
import dev.derrick.preflight.Status;
import dev.derrick.preflight.aws.AwsChecks;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS preflight against LocalStack in a container, where a Docker engine exists (skipped,
 * not failed, where none does: this repository's CI has none, and runs the moto variant).
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackPreflightTest {
    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8.1"))
            .withServices(LocalStackContainer.Service.STS, LocalStackContainer.Service.EC2, LocalStackContainer.Service.S3,
                    LocalStackContainer.EnabledService.named("ecr"), LocalStackContainer.EnabledService.named("service-quotas"));

    @Test
    void preflight_devStack_credentialsAndOfferingsPass() {
        var limits = new CheckLimits(8, Duration.ofSeconds(30), 3);
        var keys = StaticCredentialsProvider.create(AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
        StackConfig config = StackConfigLoader.load(StackFiles.load(Project.root(), "dev"));

        CheckReport report;
        try (var aws = AwsChecks.create(LOCALSTACK.getEndpoint(), keys, limits)) {
            report = new CheckRunner(limits, r -> { }).run(aws.preflight(config));
        }

        assertThat(report.results()).filteredOn(r -> r.id().equals("aws.credentials")).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(Status.PASS));
        assertThat(report.results()).filteredOn(r -> r.id().equals("aws.instance-type"))
                .allSatisfy(r -> assertThat(r.status()).isNotEqualTo(Status.UNKNOWN));
    }
}
