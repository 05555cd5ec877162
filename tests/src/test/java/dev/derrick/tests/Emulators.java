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

    /** fake-gcs-server's endpoint (buckets are per test: give them unique names). */
    static URI fakeGcs() {
        return answering("fake-gcs-server", "DERRICK_TEST_GCS_ENDPOINT", "/storage/v1/b?project=derrick-test");
    }

    /** Azurite's Blob endpoint; its account is {@code devstoreaccount1} at {@code <endpoint>/devstoreaccount1}. */
    static URI azurite() {
        return answering("azurite", "DERRICK_TEST_AZURITE_ENDPOINT", "/devstoreaccount1?comp=list");
    }

    private static URI answering(String name, String env, String probe) {
        String url = System.getenv(env);
        if (url == null || url.isBlank()) {
            absent(name + ": " + env + " is not set (start it with `eval \"$(scripts/emulators start)\"`)");
        }
        URI uri = URI.create(url);
        try {
            var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            http.send(HttpRequest.newBuilder(URI.create(url + probe)).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException e) {
            absent(name + " at " + url + " does not answer (" + e.getClass().getSimpleName() + ")");
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
