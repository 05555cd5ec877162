package dev.derrick.preflight.rest;

import dev.derrick.preflight.Check;
import dev.derrick.preflight.CheckLimits;
import dev.derrick.preflight.CheckResult;
import dev.derrick.preflight.Reason;
import dev.derrick.preflight.Status;
import dev.derrick.preflight.StubControlPlane;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The shared REST client (GCP and Azure checks) reading answers it cannot trust. */
class RestClientTest {
    static final CheckLimits LIMITS = new CheckLimits(4, Duration.ofSeconds(2), 3);
    @RegisterExtension
    static final StubControlPlane STUB = new StubControlPlane("Pulumi.gcp-checks.yaml");

    private static final Check CHECK = new Check() {
        @Override
        public String id() {
            return "test.check";
        }

        @Override
        public String subject() {
            return "subject";
        }

        @Override
        public CheckResult run() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CheckResult unknown(Throwable failure) {
            return RestFailures.unknown(this, failure, "set TOKEN", "a role", "check the endpoint");
        }
    };

    private CheckResult get() {
        try (var client = new RestClient(STUB.uri(), "token", LIMITS)) {
            client.get("/thing");
            return CheckResult.pass(CHECK, "read");
        } catch (Exception e) {
            return CHECK.unknown(e);
        }
    }

    @Test
    void get_whenA200IsEmptyHtmlOrJunk_isUnknownUnreadableResponse() {
        for (String body : new String[]{"", "<html><body>proxy login</body></html>", "junk{", "[1,2]", "\"text\""}) {
            STUB.server().resetAll();
            STUB.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody(body)));

            CheckResult r = get();

            assertThat(r.status()).as("body <" + body + ">").isEqualTo(Status.UNKNOWN);
            assertThat(r.reason()).as("body <" + body + ">").isEqualTo(Reason.UNREADABLE_RESPONSE);
        }
    }

    @Test
    void get_whenA200IsAJsonObject_isRead() {
        STUB.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{\"name\":\"x\"}")));

        assertThat(get().status()).isEqualTo(Status.PASS);
    }

    @Test
    void get_whenRetryAfterIsBeyondTheTimeout_isThrottledAtOnce() {
        for (int status : new int[]{429, 503}) {
            STUB.server().resetAll();
            STUB.server().stubFor(any(anyUrl()).willReturn(aResponse().withStatus(status).withHeader("Retry-After", "600")));
            long start = System.nanoTime();

            CheckResult r = get();

            assertThat(r.reason()).as("HTTP " + status).isEqualTo(Reason.THROTTLED);
            assertThat(r.detail()).contains("600 s");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait for the Retry-After").isLessThan(LIMITS.timeout());
        }
    }

    @Test
    void retryAfter_readsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RetryAfter.parse("120", now)).isEqualTo(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse("Thu, 01 Jan 2026 00:01:00 GMT", now)).isEqualTo(Duration.ofSeconds(60));
        assertThat(RetryAfter.parse("soon", now)).isNull();
        assertThat(catchThrowable(() -> RetryAfter.parse(null, now))).isNull();
    }
}
