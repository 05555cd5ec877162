package dev.derrick.preflight.aws;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CheckReport;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.CheckRunner;
import dev.derrick.preflight.Reason;
import dev.derrick.preflight.Status;
import dev.derrick.preflight.StubControlPlane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AWS checks under faults, against a local HTTP server (WireMock on 127.0.0.1) that answers
 * every API the way AWS does when it throttles, fails, hangs; and against a closed port. Every
 * check must end UNKNOWN with the right reason, and the run must stay within its time bound.
 * Error shapes: query protocol (STS) {@code <ErrorResponse><Error><Code>}, EC2
 * {@code <Response><Errors><Error><Code>} (RequestLimitExceeded comes as HTTP 503), JSON 1.1
 * (Service Quotas, ECR) {@code {"__type": ...}}; see the AWS SDK error-handling docs
 * (https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html,
 * https://docs.aws.amazon.com/servicequotas/2019-06-24/apireference/CommonErrors.html).
 */
class AwsFaultTest {
    static final AwsCredentialsProvider TEST_KEYS = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "not-a-secret"));
    static final CheckLimits LIMITS = new CheckLimits(16, Duration.ofMillis(2500), 3);
    @RegisterExtension
    static final StubControlPlane STUB = new StubControlPlane("Pulumi.checks.yaml");

    private CheckReport preflight(URI endpoint, AwsCredentialsProvider credentials, CheckLimits limits) {
        try (var aws = AwsChecks.create(endpoint, credentials, limits)) {
            List<Check> checks = aws.preflight(STUB.config());
            assertThat(checks).extracting(Check::id).contains("aws.credentials", "aws.instance-type", "aws.vcpu-quota",
                    "aws.bucket-name", "aws.registry");
            return new CheckRunner(limits, r -> { }).run(checks);
        }
    }

    private URI endpoint() {
        return STUB.uri();
    }

    private static void assertAllUnknown(CheckReport report, Reason reason) {
        assertThat(report.results()).allSatisfy(r -> {
            assertThat(r.status()).as(r.id() + " " + r.subject() + ": " + r.detail()).isEqualTo(Status.UNKNOWN);
            assertThat(r.reason()).as(r.id() + ": " + r.detail()).isEqualTo(reason);
        });
    }

    @Test
    void preflight_whenEveryApiThrottles_isUnknownThrottledWithBoundedRetries() {
        // EC2 (query protocol, version 2016-11-15): RequestLimitExceeded as HTTP 503.
        STUB.server().stubFor(post(urlPathEqualTo("/")).atPriority(1).withRequestBody(containing("Version=2016-11-15"))
                .willReturn(aResponse().withStatus(503).withBody("<Response><Errors><Error><Code>RequestLimitExceeded</Code>"
                        + "<Message>Request limit exceeded.</Message></Error></Errors><RequestID>r1</RequestID></Response>")));
        // STS (query protocol): 400 Throttling.
        STUB.server().stubFor(post(urlPathEqualTo("/")).atPriority(2).withRequestBody(containing("Action=GetCallerIdentity"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "text/xml").withBody("<ErrorResponse><Error><Type>Sender</Type>"
                        + "<Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r2</RequestId></ErrorResponse>")));
        // Service Quotas and ECR (JSON 1.1): 400 ThrottlingException.
        STUB.server().stubFor(jsonApi().atPriority(3).willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}")));
        // S3 HeadBucket (no body on HEAD): 429.
        STUB.server().stubFor(any(anyUrl()).atPriority(9).willReturn(aResponse().withStatus(429)));

        CheckReport report = preflight(endpoint(), TEST_KEYS, LIMITS);

        assertAllUnknown(report, Reason.THROTTLED);
        assertThat(report.results()).filteredOn(r -> r.id().equals("aws.registry")).singleElement()
                .satisfies(r -> assertThat(r.detail()).contains("ThrottlingException").contains("3 attempt(s)"));
        int calls = STUB.server().findAll(anyRequestedFor(anyUrl())).size();
        assertThat(calls).as("bounded retries: at most 3 attempts per call").isLessThanOrEqualTo(3 * report.results().size() * 2);
        assertThat(report.wallMillis()).isLessThan(LIMITS.timeout().toMillis() + 1500);
    }

    @Test
    void preflight_whenEveryApiAnswers5xx_isUnknownServiceError() {
        STUB.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withBody("<html>Service Unavailable</html>")));

        CheckReport report = preflight(endpoint(), TEST_KEYS, LIMITS);

        assertAllUnknown(report, Reason.SERVICE_ERROR);
        assertThat(report.results()).allSatisfy(r -> assertThat(r.detail()).contains("HTTP 503"));
        assertThat(report.wallMillis()).isLessThan(LIMITS.timeout().toMillis() + 1500);
    }

    @Test
    void preflight_whenEveryApiIsSlowerThanTheTimeout_isUnknownTimedOutWithinTheBound() {
        STUB.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withFixedDelay(10_000)));
        var limits = new CheckLimits(16, Duration.ofMillis(1500), 2);

        CheckReport report = preflight(endpoint(), TEST_KEYS, limits);

        assertAllUnknown(report, Reason.TIMED_OUT);
        assertThat(report.wallMillis()).as("one timeout, not one per check").isLessThan(1500 + 1500);
    }

    @Test
    void preflight_whenTheEndpointRefusesConnections_isUnknownEndpointRefused() throws Exception {
        int closed;
        try (var s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }

        CheckReport report = preflight(URI.create("http://127.0.0.1:" + closed), TEST_KEYS, LIMITS);

        assertAllUnknown(report, Reason.ENDPOINT_REFUSED);
        assertThat(report.wallMillis()).isLessThan(LIMITS.timeout().toMillis() + 1500);
    }

    @Test
    void preflight_whenNoCredentials_isUnknownNoCredentialsAndNothingIsSent() {
        AwsCredentialsProvider none = () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        };

        CheckReport report = preflight(endpoint(), none, LIMITS);

        assertAllUnknown(report, Reason.NO_CREDENTIALS);
        assertThat(report.results().get(0).fix()).contains("AWS_PROFILE");
        assertThat(STUB.server().findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void preflight_whenAccessIsDenied_namesThePermissionToGrant() {
        STUB.server().stubFor(jsonApi().willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/x-amz-json-1.1")
                .withBody("{\"__type\":\"AccessDeniedException\",\"message\":\"not authorized\"}")));

        CheckReport report = preflight(endpoint(), TEST_KEYS, LIMITS);

        assertThat(report.results()).filteredOn(r -> r.id().equals("aws.registry")).singleElement().satisfies(r -> {
            assertThat(r.reason()).isEqualTo(Reason.ACCESS_DENIED);
            assertThat(r.fix()).contains("ecr:DescribeRepositories");
        });
    }

    /** HeadBucket: 404 free, 200 ours, 403 someone else's (https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html). */
    @Test
    void bucketName_readsHeadBucketStatuses() {
        var results = new java.util.LinkedHashMap<Integer, CheckResult>();
        for (int status : new int[]{404, 200, 403}) {
            STUB.server().resetAll();
            STUB.server().stubFor(any(urlPathEqualTo("/derrick-faults-datasets")).willReturn(aResponse().withStatus(status)));
            try (var aws = new AwsClients(endpoint(), TEST_KEYS, LIMITS)) {
                var check = new BucketNameCheck(aws, "us-east-1", "datasets", "derrick-faults-datasets");
                results.put(status, new CheckRunner(LIMITS, r -> { }).run(List.of(check)).results().get(0));
            }
        }
        assertThat(results.get(404).status()).isEqualTo(Status.PASS);
        assertThat(results.get(404).detail()).startsWith("free");
        assertThat(results.get(200).status()).isEqualTo(Status.PASS);
        assertThat(results.get(200).detail()).contains("ours");
        assertThat(results.get(403).status()).isEqualTo(Status.FAIL);
        assertThat(results.get(403).detail()).startsWith("taken");
        assertThat(results.get(403).fix()).contains("bucketName");
    }

    /** A 200 that does not parse as the API documents proves nothing: UNKNOWN, never "account null" or "offered in no zone". */
    @Test
    void preflight_whenEveryApiAnswersAnUnreadable200_isUnknownUnreadableNeverPassOrFail() {
        for (String body : new String[]{"", "<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>", "\u0000junk{]["}) {
            STUB.server().resetAll();
            STUB.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(body)));

            CheckReport report = preflight(endpoint(), TEST_KEYS, LIMITS);

            // HeadBucket has no body: its 200 is the answer itself.
            assertThat(report.results()).filteredOn(r -> !r.id().equals("aws.bucket-name")).isNotEmpty().allSatisfy(r -> {
                assertThat(r.status()).as(r.id() + " on body <" + body + ">: " + r.detail()).isEqualTo(Status.UNKNOWN);
                assertThat(r.reason()).as(r.id() + ": " + r.detail()).isEqualTo(Reason.UNREADABLE_RESPONSE);
            });
        }
    }

    @Test
    void preflight_whenRetryAfterIsBeyondTheTimeout_isThrottledNotTimedOut() {
        STUB.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "3600")));

        CheckReport report = preflight(endpoint(), TEST_KEYS, LIMITS);

        assertAllUnknown(report, Reason.THROTTLED);
        assertThat(report.results()).allSatisfy(r -> assertThat(r.detail()).contains("3600 s"));
        assertThat(report.wallMillis()).as("no waiting for an hour").isLessThan(LIMITS.timeout().toMillis());
    }

    private static MappingBuilder jsonApi() {
        return post(urlPathEqualTo("/")).withHeader("X-Amz-Target", matching(".+"));
    }
}
