package dev.derrick.tests;

import org.junit.jupiter.api.Assumptions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The emulators scripts/emulators started (scripts/test exports their endpoints). A test that
 * needs one is skipped when it is absent, unless DERRICK_REQUIRE_EMULATORS=1 (CI), which fails it.
 */
final class Emulators {
    static final String AWS_ENV = "DERRICK_TEST_AWS_ENDPOINT";

    private Emulators() {
    }

    /** moto's endpoint, reset to an empty state. */
    static URI moto() {
        String url = System.getenv(AWS_ENV);
        if (url == null || url.isBlank()) {
            absent("moto: " + AWS_ENV + " is not set (start it with `eval \"$(scripts/emulators start)\"`)");
        }
        URI uri = URI.create(url);
        try {
            var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            var reset = http.send(HttpRequest.newBuilder(uri.resolve("/moto-api/reset")).POST(HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
            if (reset.statusCode() != 200) {
                absent("moto at " + url + " answered " + reset.statusCode() + " to a reset");
            }
        } catch (java.io.IOException e) {
            absent("moto at " + url + " does not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return uri;
    }

    static boolean required() {
        return "1".equals(System.getenv("DERRICK_REQUIRE_EMULATORS"));
    }

    private static void absent(String why) {
        if (required()) {
            fail(why + "; DERRICK_REQUIRE_EMULATORS=1 makes a missing emulator a failure");
        }
        Assumptions.abort(why);
    }
}
